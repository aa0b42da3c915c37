using ConnexDesk.Infrastructure;
using Microsoft.Extensions.Options;

namespace ConnexDesk.Features.Intake;

/// <summary>
/// Takes mail from a Maildir (delivered there by the site's own MTA, or by anything that writes files): each file in
/// new/ goes through the pipeline and then moves to cur/. A file is moved only after its message is committed, and the
/// pipeline ignores a delivery it already has, so a crash between the two never loses or doubles a message.
/// </summary>
public sealed class MaildirIntake(IServiceScopeFactory scopes, IOptions<MailOptions> options, IOptions<DeskOptions> desk, IWebHostEnvironment environment, ILogger<MaildirIntake> logger)
{
    public string Folder
    {
        get
        {
            var configured = options.Value.Maildir;
            return Path.IsPathRooted(configured) ? configured : Path.Combine(desk.Value.ResolveDataDirectory(environment.ContentRootPath), configured);
        }
    }

    public bool Enabled => !string.IsNullOrWhiteSpace(options.Value.Maildir);

    /// <summary>Takes every message waiting in new/. Returns how many files were handled.</summary>
    public async Task<int> PollAsync(CancellationToken cancellationToken = default)
    {
        foreach (var sub in new[] { "new", "cur", "tmp" })
            Directory.CreateDirectory(Path.Combine(Folder, sub));
        var handled = 0;
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IngestMessage>().RunManyAsync(WaitingAsync(cancellationToken), (file, _) =>
        {
            // Only now, with its message committed, does the file leave new/.
            var name = Path.GetFileName(file);
            File.Move(file, Path.Combine(Folder, "cur", name.Split(':')[0] + ":2,S"), overwrite: true);
            handled++;
            return Task.CompletedTask;
        }, cancellationToken);
        return handled;
    }

    private async IAsyncEnumerable<(string File, Delivery Delivery)> WaitingAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var file in Directory.EnumerateFiles(Path.Combine(Folder, "new")).Order(StringComparer.Ordinal).ToList())
        {
            var name = Path.GetFileName(file);
            byte[] raw;
            try
            {
                raw = await File.ReadAllBytesAsync(file, cancellationToken);
            }
            catch (IOException failure)
            {
                logger.LogWarning(failure, "Maildir file {File} could not be read; it stays in new/ for the next round", name);
                continue;
            }
            yield return (file, new Delivery(raw, "maildir", "maildir:" + name.Split(':')[0]));
        }
    }
}

/// <summary>Polls the Maildir in the background; the work itself is in <see cref="MaildirIntake"/>, which tests call directly.</summary>
public sealed class MaildirIntakeLoop(MaildirIntake intake, IOptions<MailOptions> options, ILogger<MaildirIntakeLoop> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!intake.Enabled)
            return;
        logger.LogInformation("Taking mail from the Maildir {Folder}", intake.Folder);
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(Math.Max(1, options.Value.MaildirPollSeconds)));
        do
        {
            try
            {
                await intake.PollAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // One bad round must not stop the intake; the next round retries what is still in new/.
            catch (Exception failure)
#pragma warning restore CA1031
            {
                logger.LogError(failure, "Maildir round failed; retrying at the next round");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
