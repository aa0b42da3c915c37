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

/// <summary>
/// Takes mail from the Maildir in the background: at once when a file lands in new/ (the file system reports it), and
/// at every poll in any case, for file systems that report nothing. The work itself is in <see cref="MaildirIntake"/>,
/// which tests call directly.
/// </summary>
public sealed class MaildirIntakeLoop(MaildirIntake intake, IOptions<MailOptions> options, ILogger<MaildirIntakeLoop> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!intake.Enabled)
            return;
        logger.LogInformation("Taking mail from the Maildir {Folder}", intake.Folder);
        var newFolder = Path.Combine(intake.Folder, "new");
        Directory.CreateDirectory(newFolder);
        using var arrived = new SemaphoreSlim(0);
        using var watcher = Watch(newFolder, arrived);
        var interval = TimeSpan.FromSeconds(Math.Max(1, options.Value.MaildirPollSeconds));
        while (true)
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
            try
            {
                await arrived.WaitAsync(interval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Signals <paramref name="arrived"/> when a file lands in the folder; null, and polling alone, where the system cannot watch.</summary>
    private FileSystemWatcher? Watch(string folder, SemaphoreSlim arrived)
    {
        void Wake(object sender, FileSystemEventArgs e)
        {
            if (arrived.CurrentCount == 0)
                arrived.Release();
        }
        var watcher = new FileSystemWatcher(folder) { NotifyFilter = NotifyFilters.FileName };
        watcher.Created += Wake;
        watcher.Renamed += Wake;
        try
        {
            watcher.EnableRaisingEvents = true;
            return watcher;
        }
        catch (IOException failure)
        {
            logger.LogWarning("Cannot watch the Maildir {Folder} ({Error}); polling every {Seconds} s instead", folder, failure.Message, options.Value.MaildirPollSeconds);
            watcher.Dispose();
            return null;
        }
    }
}
