using ConnexDesk.Data;
using ConnexDesk.Domain.Intake;
using ConnexDesk.Features.Intake;
using ConnexDesk.Tests.Support;
using MailKit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ConnexDesk.Tests.Intake;

/// <summary>The IMAP source against a real Dovecot server, each test in a folder of its own, on SQLite and on PostgreSQL.</summary>
public abstract class ImapIntakeTests<TDesk>(TDesk desk) : IClassFixture<TDesk> where TDesk : DeskFactory
{
    private static byte[] Mail(string name) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Intake", "Mail", name));

    private ImapIntake Intake(ImapOptions imap) => new(
        desk.Services.GetRequiredService<IServiceScopeFactory>(), Options.Create(new MailOptions { Imap = imap }), TimeProvider.System,
        desk.Services.GetRequiredService<ILogger<ImapIntake>>());

    private Task<List<CaseMessage>> StoredAsync(string folder) =>
        desk.InScopeAsync(services => services.GetRequiredService<DeskDb>().Messages.Where(m => m.SourceKey.Contains("/" + folder + ";")).ToListAsync());

    private static byte[] Unique(string name, string folder) =>
        System.Text.Encoding.Latin1.GetBytes(System.Text.Encoding.Latin1.GetString(Mail(name))
            .Replace("Message-ID: <", $"Message-ID: <{folder}.", StringComparison.OrdinalIgnoreCase));

    [Fact]
    public async Task New_mail_is_filed_once_and_marked_read_even_mail_a_person_had_already_opened()
    {
        var folder = await TestImapServer.NewFolderAsync();
        await TestImapServer.AppendAsync(folder, [Unique("french-latin1.eml", folder), Unique("portuguese-win1252.eml", folder)]);
        await TestImapServer.AppendAsync(folder, [TestImapServer.Inquiry($"<{folder}.read@mines.gouv.example>", "Already opened in a mail client")], MessageFlags.Seen);
        var intake = Intake(TestImapServer.Options(folder));

        var first = await intake.PollOnceAsync();
        var second = await intake.PollOnceAsync();

        Assert.Equal((3, 0), (first, second));
        var stored = await StoredAsync(folder);
        Assert.Equal(3, stored.Count);
        Assert.All(stored, m => Assert.NotNull(m.CaseId));
        Assert.Contains(stored, m => m.Subject == "Demande d'appui : renégociation de la convention minière");
        Assert.Contains(stored, m => m.Subject == "Pedido de apoio – contrato de concessão");
        Assert.All(await TestImapServer.ContentsAsync(folder), m => Assert.True(m.Seen, m.MessageId + " is not marked read"));
    }

    [Fact]
    public async Task A_message_filed_before_a_crash_but_not_yet_marked_is_marked_without_being_filed_again()
    {
        var folder = await TestImapServer.NewFolderAsync();
        var raw = TestImapServer.Inquiry($"<{folder}@mines.gouv.example>", "Filed, then the desk died");
        await TestImapServer.AppendAsync(folder, [raw]);
        var intake = Intake(TestImapServer.Options(folder));
        // What the desk had committed when it died: the message with the key of its first UID, and no \Seen flag on the server.
        var uidValidity = await UidValidityAsync(folder);
        await desk.InScopeAsync(services => services.GetRequiredService<IngestMessage>().RunAsync(raw, "imap", intake.SourceKey(uidValidity, 1)));
        Assert.False((await TestImapServer.ContentsAsync(folder)).Single().Seen);

        var handled = await intake.PollOnceAsync();

        Assert.Equal(1, handled);
        Assert.Single(await StoredAsync(folder));
        Assert.True((await TestImapServer.ContentsAsync(folder)).Single().Seen);
    }

    [Fact]
    public async Task With_a_processed_folder_filed_mail_is_moved_there()
    {
        var folder = await TestImapServer.NewFolderAsync();
        var processed = folder + "-processed";
        await TestImapServer.AppendAsync(folder, [TestImapServer.Inquiry($"<{folder}.1@mines.gouv.example>", "First"), TestImapServer.Inquiry($"<{folder}.2@mines.gouv.example>", "Second")]);

        var handled = await Intake(TestImapServer.Options(folder, processed)).PollOnceAsync();

        Assert.Equal(2, handled);
        Assert.Empty(await TestImapServer.ContentsAsync(folder));
        Assert.Equal(2, (await TestImapServer.ContentsAsync(processed)).Count);
        Assert.Equal(2, (await StoredAsync(folder)).Count);
    }

    [Fact]
    public async Task A_mailbox_renumbered_by_the_server_is_read_again_without_doubling_anything()
    {
        var folder = await TestImapServer.NewFolderAsync();
        var messages = new[] { TestImapServer.Inquiry($"<{folder}.1@mines.gouv.example>", "One"), TestImapServer.Inquiry($"<{folder}.2@mines.gouv.example>", "Two") };
        await TestImapServer.AppendAsync(folder, messages);
        var intake = Intake(TestImapServer.Options(folder));
        await intake.PollOnceAsync();
        var before = await UidValidityAsync(folder);

        // Deleting and re-creating the folder gives it a new UIDVALIDITY; the same two messages come back plus a new one.
        await TestImapServer.DeleteFolderAsync(folder);
        await Task.Delay(1100);
        await TestImapServer.NewFolderAsync(folder, exactName: true);
        await TestImapServer.AppendAsync(folder, [.. messages, TestImapServer.Inquiry($"<{folder}.3@mines.gouv.example>", "Three")]);
        var handled = await intake.PollOnceAsync();

        Assert.NotEqual(before, await UidValidityAsync(folder));
        Assert.Equal(3, handled);
        var stored = await StoredAsync(folder);
        Assert.Equal(["One", "Three", "Two"], stored.Select(m => m.Subject).Order(StringComparer.Ordinal));
        Assert.All(await TestImapServer.ContentsAsync(folder), m => Assert.True(m.Seen));
    }

    [Fact]
    public async Task Mail_arriving_while_the_desk_waits_is_taken_at_once_through_idle()
    {
        var folder = await TestImapServer.NewFolderAsync();
        var intake = Intake(TestImapServer.Options(folder));
        using var stop = new CancellationTokenSource();
        var running = intake.RunAsync(stop.Token);
        await Task.Delay(1000);

        // Polling is set to ten minutes: only IDLE can bring this message in within the wait below.
        await TestImapServer.AppendAsync(folder, [TestImapServer.Inquiry($"<{folder}@mines.gouv.example>", "Pushed by the server")]);
        var stored = await WaitForAsync(folder, 1, TimeSpan.FromSeconds(20));
        await stop.CancelAsync();
        await running;

        Assert.Equal("Pushed by the server", Assert.Single(stored).Subject);
    }

    [Fact]
    public async Task A_dropped_connection_is_reopened_and_mail_keeps_coming_in()
    {
        var folder = await TestImapServer.NewFolderAsync();
        using var relay = new TcpRelay(TestImapServer.Endpoint.Host, TestImapServer.Endpoint.Port);
        var intake = Intake(TestImapServer.Options(folder, port: relay.Port));
        using var stop = new CancellationTokenSource();
        var running = intake.RunAsync(stop.Token);
        await TestImapServer.AppendAsync(folder, [TestImapServer.Inquiry($"<{folder}.1@mines.gouv.example>", "Before the cut")]);
        await WaitForAsync(folder, 1, TimeSpan.FromSeconds(20));

        relay.Cut(refuseNew: true);
        await TestImapServer.AppendAsync(folder, [TestImapServer.Inquiry($"<{folder}.2@mines.gouv.example>", "During the cut")]);
        await Task.Delay(1500);
        relay.Restore();
        var stored = await WaitForAsync(folder, 2, TimeSpan.FromSeconds(30));
        await stop.CancelAsync();
        await running;

        Assert.Equal(["Before the cut", "During the cut"], stored.Select(m => m.Subject).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Reconnecting_waits_longer_after_each_failure_up_to_five_minutes()
    {
        Assert.Equal([2, 4, 8, 16, 32, 64, 128, 256, 300, 300],
            Enumerable.Range(1, 10).Select(n => (int)ImapIntake.Backoff(n).TotalSeconds));
    }

    private async Task<List<CaseMessage>> WaitForAsync(string folder, int count, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var stored = await StoredAsync(folder);
            if (stored.Count >= count || DateTime.UtcNow > deadline)
                return stored;
            await Task.Delay(200);
        }
    }

    private static async Task<uint> UidValidityAsync(string folder)
    {
        using var client = await TestImapServer.ConnectAsync();
        var target = await client.GetFolderAsync(folder);
        await target.OpenAsync(FolderAccess.ReadOnly);
        var validity = target.UidValidity;
        await client.DisconnectAsync(true);
        return validity;
    }
}

public sealed class ImapIntakeTestsOnSqlite(SqliteDesk desk) : ImapIntakeTests<SqliteDesk>(desk);

public sealed class ImapIntakeTestsOnPostgres(PostgresDesk desk) : ImapIntakeTests<PostgresDesk>(desk);
