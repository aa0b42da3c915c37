using ConnexDesk.Data;
using ConnexDesk.Domain.Intake;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Search;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ConnexDesk.Features.Intake;

/// <summary>
/// Takes mail from an IMAP mailbox (MailKit). Messages are found by UID above the position recorded for the mailbox's
/// UIDVALIDITY, fetched with BODY.PEEK[] so that reading them changes nothing on the server, and marked read (or moved
/// to the processed folder) only after the pipeline has committed them. A crash in between leaves the message where
/// it was; the next round finds its delivery already filed, and only marks or moves it.
/// </summary>
public sealed class ImapIntake(IServiceScopeFactory scopes, IOptions<MailOptions> options, TimeProvider clock, ILogger<ImapIntake> logger)
{
    private ImapOptions Settings => options.Value.Imap;

    public bool Enabled => !string.IsNullOrWhiteSpace(Settings.Host);

    /// <summary>user@host:port/folder, the key of the mailbox's recorded position and part of every message's source key.</summary>
    public string Mailbox => $"{Settings.User}@{Settings.Host}:{Settings.Port}/{Settings.Folder}";

    /// <summary>The pipeline's key for one delivery: a UID means something only under its UIDVALIDITY.</summary>
    public string SourceKey(uint uidValidity, uint uid) => $"imap:{Mailbox};{uidValidity}:{uid}";

    /// <summary>How long to wait before reconnecting after the <paramref name="failures"/>th failure in a row: 2 s doubling to 5 minutes.</summary>
    public static TimeSpan Backoff(int failures) => TimeSpan.FromSeconds(Math.Min(300, Math.Pow(2, Math.Clamp(failures, 1, 9))));

    /// <summary>Connects, takes every new message, and disconnects. Returns how many messages were handled.</summary>
    public async Task<int> PollOnceAsync(CancellationToken cancellationToken = default)
    {
        using var client = await ConnectAsync(cancellationToken);
        var folder = await OpenAsync(client, cancellationToken);
        var handled = await TakeNewAsync(client, folder, cancellationToken);
        await client.DisconnectAsync(true, cancellationToken);
        return handled;
    }

    /// <summary>
    /// Reads the mailbox until stopped: takes what is new, then waits for more with IDLE where the server offers it and by
    /// polling otherwise. A lost connection or a failed round reconnects after a back-off that grows with each failure.
    /// </summary>
    public async Task RunAsync(CancellationToken stoppingToken)
    {
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                using var client = await ConnectAsync(stoppingToken);
                var folder = await OpenAsync(client, stoppingToken);
                var idle = Settings.UseIdle && client.Capabilities.HasFlag(ImapCapabilities.Idle);
                logger.LogInformation("Reading the IMAP mailbox {Mailbox}, {Mode}", Mailbox, idle ? "waiting with IDLE" : $"polling every {PollInterval.TotalSeconds} s");
                failures = 0;
                while (true)
                {
                    // A round that took something goes again at once: mail may have arrived while it worked.
                    if (await TakeNewAsync(client, folder, stoppingToken) > 0)
                        continue;
                    if (idle)
                        await IdleAsync(client, folder, stoppingToken);
                    else
                    {
                        await Task.Delay(PollInterval, clock, stoppingToken);
                        await client.NoOpAsync(stoppingToken);
                    }
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // A failed round must not stop the intake: what was not committed is still unread on the server.
            catch (Exception failure)
#pragma warning restore CA1031
            {
                failures++;
                var wait = Backoff(failures);
                logger.LogWarning(failure, "IMAP mailbox {Mailbox} failed ({Error}); reconnecting in {Seconds} s", Mailbox, failure.Message, wait.TotalSeconds);
                try
                {
                    await Task.Delay(wait, clock, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private TimeSpan PollInterval => TimeSpan.FromSeconds(Math.Max(1, Settings.PollSeconds));

    private async Task<ImapClient> ConnectAsync(CancellationToken cancellationToken)
    {
        var client = new ImapClient { Timeout = 60_000 };
        try
        {
            await client.ConnectAsync(Settings.Host, Settings.Port, MailOptions.SocketSecurity(Settings.Security), cancellationToken);
            if (!string.IsNullOrEmpty(Settings.User))
                await client.AuthenticateAsync(Settings.User, Settings.Password, cancellationToken);
            return client;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    private async Task<IMailFolder> OpenAsync(ImapClient client, CancellationToken cancellationToken)
    {
        var folder = await client.GetFolderAsync(Settings.Folder, cancellationToken);
        await folder.OpenAsync(FolderAccess.ReadWrite, cancellationToken);
        return folder;
    }

    private async Task<int> TakeNewAsync(ImapClient client, IMailFolder folder, CancellationToken cancellationToken)
    {
        var lastUid = await StartingPointAsync(folder.UidValidity, cancellationToken);
        var range = new UniqueIdRange(new UniqueId(folder.UidValidity, (uint)lastUid + 1), UniqueId.MaxValue);
        // "n:*" always matches the newest message, even one below n: hence the filter.
        var uids = (await folder.SearchAsync(SearchQuery.Uids(range), cancellationToken)).Where(uid => uid.Id > lastUid).OrderBy(uid => uid.Id).ToList();
        if (uids.Count == 0)
            return 0;
        var processed = string.IsNullOrWhiteSpace(Settings.ProcessedFolder) ? null : await ProcessedFolderAsync(client, cancellationToken);
        foreach (var uid in uids)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var sourceKey = SourceKey(folder.UidValidity, uid.Id);
            await using (var scope = scopes.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<DeskDb>();
                // Filed before a crash that came before the flag: fetching it again would change nothing.
                if (!await db.Messages.AnyAsync(m => m.SourceKey == sourceKey, cancellationToken))
                {
                    var raw = await FetchAsync(folder, uid, cancellationToken);
                    await scope.ServiceProvider.GetRequiredService<IngestMessage>().RunAsync(raw, "imap", sourceKey, cancellationToken: cancellationToken);
                }
                if (processed is null)
                    await folder.AddFlagsAsync(uid, MessageFlags.Seen, true, cancellationToken);
                else
                    await folder.MoveToAsync(uid, processed, cancellationToken);
                await RecordPositionAsync(db, folder.UidValidity, uid.Id, cancellationToken);
            }
        }
        return uids.Count;
    }

    private static async Task<byte[]> FetchAsync(IMailFolder folder, UniqueId uid, CancellationToken cancellationToken)
    {
        // The whole message as the server holds it, with BODY.PEEK[]: the \Seen flag waits for the commit.
        using var stream = await folder.GetStreamAsync(uid, "", cancellationToken);
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy, cancellationToken);
        return copy.ToArray();
    }

    private async Task<IMailFolder> ProcessedFolderAsync(ImapClient client, CancellationToken cancellationToken)
    {
        try
        {
            return await client.GetFolderAsync(Settings.ProcessedFolder, cancellationToken);
        }
        catch (FolderNotFoundException)
        {
            var root = client.GetFolder(client.PersonalNamespaces[0]);
            logger.LogInformation("Creating the IMAP folder {Folder} for processed mail", Settings.ProcessedFolder);
            return await root.CreateAsync(Settings.ProcessedFolder, true, cancellationToken)
                ?? throw new InvalidOperationException($"The IMAP server did not create the folder {Settings.ProcessedFolder}.");
        }
    }

    /// <summary>The last UID taken under this UIDVALIDITY; 0 for a new mailbox, or one the server has renumbered.</summary>
    private async Task<long> StartingPointAsync(uint uidValidity, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DeskDb>();
        var position = await db.MailboxPositions.SingleOrDefaultAsync(p => p.Mailbox == Mailbox, cancellationToken);
        if (position is null)
            return 0;
        if (position.StartOverIfRenumbered(uidValidity))
        {
            logger.LogWarning("IMAP mailbox {Mailbox} has a new UIDVALIDITY ({UidValidity}); reading it again from the first message, duplicates are recognised and skipped", Mailbox, uidValidity);
            await db.SaveChangesAsync(cancellationToken);
        }
        return position.LastUid;
    }

    private async Task RecordPositionAsync(DeskDb db, uint uidValidity, uint uid, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        var position = await db.MailboxPositions.SingleOrDefaultAsync(p => p.Mailbox == Mailbox, cancellationToken);
        if (position is null)
            db.MailboxPositions.Add(position = new MailboxPosition(Mailbox, uidValidity));
        position.StartOverIfRenumbered(uidValidity);
        position.Advance(uid, clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(cancellationToken);
    }

    private async Task IdleAsync(ImapClient client, IMailFolder folder, CancellationToken stoppingToken)
    {
        using var done = new CancellationTokenSource(TimeSpan.FromMinutes(Math.Max(1, Settings.IdleMinutes)), clock);
        void Arrived(object? sender, EventArgs e) => done.Cancel();
        folder.CountChanged += Arrived;
        try
        {
            await client.IdleAsync(done.Token, stoppingToken);
        }
        finally
        {
            folder.CountChanged -= Arrived;
        }
    }
}

/// <summary>Reads the IMAP mailbox in the background when Mail:Imap:Host is set; the work is in <see cref="ImapIntake"/>.</summary>
public sealed class ImapIntakeLoop(ImapIntake intake) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        intake.Enabled ? intake.RunAsync(stoppingToken) : Task.CompletedTask;
}
