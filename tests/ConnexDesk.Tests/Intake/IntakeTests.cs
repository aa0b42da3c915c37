using ConnexDesk.Data;
using ConnexDesk.Domain;
using ConnexDesk.Domain.Cases;
using ConnexDesk.Domain.Intake;
using ConnexDesk.Features.Cases;
using ConnexDesk.Features.Intake;
using ConnexDesk.Infrastructure;
using ConnexDesk.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;

namespace ConnexDesk.Tests.Intake;

/// <summary>The intake pipeline with real messages (Intake/Mail/*.eml), on SQLite and on PostgreSQL.</summary>
public abstract class IntakeTests<TDesk>(TDesk desk) : IClassFixture<TDesk> where TDesk : DeskFactory
{
    private static byte[] Mail(string name) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Intake", "Mail", name));

    /// <summary>A Maildir of the test's own, and its new/ folder: the desk's background loop watches the default one and would race the test for its files.</summary>
    private (MaildirIntake Intake, string NewFolder) PrivateMaildir()
    {
        var intake = new MaildirIntake(
            desk.Services.GetRequiredService<IServiceScopeFactory>(),
            Options.Create(new MailOptions { Maildir = Path.Combine(desk.DataDirectory, "maildir-" + Guid.NewGuid().ToString("N")) }),
            desk.Services.GetRequiredService<IOptions<DeskOptions>>(),
            desk.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.IWebHostEnvironment>(),
            desk.Services.GetRequiredService<ILogger<MaildirIntake>>());
        var newFolder = Path.Combine(intake.Folder, "new");
        Directory.CreateDirectory(newFolder);
        return (intake, newFolder);
    }

    private Task<IngestResult> IngestAsync(byte[] raw, string? key = null) =>
        desk.InScopeAsync(services => services.GetRequiredService<IngestMessage>().RunAsync(raw, "test", key ?? "test:" + Guid.NewGuid()));

    private Task<CaseMessage> MessageAsync(long id) =>
        desk.InScopeAsync(services => services.GetRequiredService<DeskDb>().Messages.Include(m => m.Attachments).SingleAsync(m => m.Id == id));

    private Task<Case> CaseAsync(string reference) =>
        desk.InScopeAsync(async services => (await services.GetRequiredService<DeskDb>().LoadAsync(reference, CaseActor.CommandLine))!);

    [Fact]
    public async Task A_french_latin1_message_opens_an_inquiry_and_its_reply_is_threaded_by_header()
    {
        var first = await IngestAsync(Mail("french-latin1.eml"));
        var reply = await IngestAsync(Mail("reply-by-header.eml"));

        Assert.Equal(IngestOutcome.NewInquiry, first.Outcome);
        Assert.Equal(IngestOutcome.Threaded, reply.Outcome);
        Assert.Equal(first.CaseReference, reply.CaseReference);
        var message = await MessageAsync(first.MessageId!.Value);
        Assert.Equal("Demande d'appui : renégociation de la convention minière", message.Subject);
        Assert.Equal(("Fatou Ndiaye", "fatou.ndiaye@mines.gouv.sn"), (message.FromName, message.FromAddress));
        Assert.Contains("Le ministère des Mines souhaite bénéficier d'un appui", message.TextBody, StringComparison.Ordinal);
        var opened = await CaseAsync(first.CaseReference!);
        Assert.Equal(("SN", CaseStage.Inquiry), (opened.CountryCode, opened.Stage));
        Assert.Equal("Demande d'appui : renégociation de la convention minière", opened.Title);
        Assert.Contains("unverified sender", opened.History.Single(h => h.Kind == HistoryKind.Opened).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_same_message_twice_makes_one_message_whether_by_key_bytes_or_message_id()
    {
        var raw = Mail("portuguese-win1252.eml");
        var first = await IngestAsync(raw, "maildir:same-key");
        var sameKey = await IngestAsync([.. raw, .. "\r\n"u8.ToArray()], "maildir:same-key");
        var sameBytes = await IngestAsync(raw);
        var redelivered = await IngestAsync([.. "Received: from relay.example by mx.example; Thu, 26 Nov 2026 10:00:00 +0000\r\n"u8.ToArray(), .. raw]);

        Assert.Equal(IngestOutcome.NewInquiry, first.Outcome);
        Assert.Equal([IngestOutcome.Duplicate, IngestOutcome.Duplicate, IngestOutcome.Duplicate], new[] { sameKey.Outcome, sameBytes.Outcome, redelivered.Outcome });
        var message = await MessageAsync(first.MessageId!.Value);
        Assert.Equal("Pedido de apoio – contrato de concessão", message.Subject);
        Assert.Contains("renegociação do contrato de concessão de gás começa em março", message.TextBody!.ReplaceLineEndings(" "), StringComparison.Ordinal);
        Assert.Equal("MZ", (await CaseAsync(first.CaseReference!)).CountryCode);
        var count = await desk.InScopeAsync(services => services.GetRequiredService<DeskDb>().Messages.CountAsync(m => m.MessageId == "pt-001@mirme.gov.mz"));
        Assert.Equal(1, count);
    }

    [Fact]
    public async Task A_case_reference_in_the_subject_threads_whatever_the_prefixes()
    {
        var opened = await desk.InScopeAsync(async services => (await services.GetRequiredService<OpenCase>().RunAsync(
            new NewCase(new CaseDetails("GH", "Bauxite lease"), "Ministry of Lands"), CaseActor.CommandLine)).Case!);
        var raw = System.Text.Encoding.ASCII.GetBytes(System.Text.Encoding.ASCII.GetString(Mail("reply-by-subject.eml")).Replace("{{REFERENCE}}", opened.Reference, StringComparison.Ordinal));

        var result = await IngestAsync(raw);

        Assert.Equal((IngestOutcome.Threaded, opened.Reference), (result.Outcome, result.CaseReference));
    }

    [Theory]
    [InlineData("auto-reply.eml", "Auto-Submitted: auto-replied")]
    [InlineData("bounce.eml", "delivery or read report (multipart/report)")]
    public async Task Automatic_mail_never_opens_a_case(string file, string reason)
    {
        var casesBefore = await desk.InScopeAsync(services => services.GetRequiredService<DeskDb>().Cases.CountAsync());

        var result = await IngestAsync(Mail(file));

        Assert.Equal((IngestOutcome.Unfiled, reason), (result.Outcome, result.Reason));
        Assert.Equal(casesBefore, await desk.InScopeAsync(services => services.GetRequiredService<DeskDb>().Cases.CountAsync()));
        Assert.Equal(MessageStatus.Unfiled, (await MessageAsync(result.MessageId!.Value)).Status);
    }

    [Fact]
    public async Task Hostile_html_is_kept_only_as_sanitised_markup_and_clean_text()
    {
        var result = await IngestAsync(Mail("html-hostile.eml"));

        var message = await MessageAsync(result.MessageId!.Value);
        Assert.Contains("Dear unit, please read this.", message.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("document.cookie", message.TextBody, StringComparison.Ordinal);
        foreach (var forbidden in new[] { "<script", "tracker.example", "<img", "javascript:", "onclick", "<iframe" })
            Assert.DoesNotContain(forbidden, message.HtmlBody, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task An_attachment_is_stored_by_hash_and_typed_from_its_content_not_its_name()
    {
        var result = await IngestAsync(Mail("disguised-attachment.eml"));

        var attachment = (await MessageAsync(result.MessageId!.Value)).Attachments.Single();
        Assert.Equal(("notes.txt", "application/pdf"), (attachment.FileName, attachment.ContentType));
        var stored = await desk.InScopeAsync(services => services.GetRequiredService<BlobStore>().ReadAsync(attachment.Sha256));
        Assert.Equal(attachment.Size, stored.Length);
        Assert.Equal(attachment.Sha256, BlobStore.Hash(stored));
        Assert.StartsWith("%PDF-", System.Text.Encoding.ASCII.GetString(stored), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_forwarded_message_is_kept_whole_and_readable()
    {
        var result = await IngestAsync(Mail("forwarded.eml"));

        var attachment = (await MessageAsync(result.MessageId!.Value)).Attachments.Single();
        Assert.Equal(("Instructions.eml", "message/rfc822"), (attachment.FileName, attachment.ContentType));
        await using var stream = new MemoryStream(await desk.InScopeAsync(services => services.GetRequiredService<BlobStore>().ReadAsync(attachment.Sha256)));
        var inner = await MimeMessage.LoadAsync(stream);
        Assert.Equal("Instructions", inner.Subject);
        Assert.Contains("Merci de saisir l'unité d'appui.", inner.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_message_without_message_id_gets_a_stable_synthetic_one()
    {
        var raw = Mail("no-message-id.eml");
        var first = await IngestAsync(raw);
        var again = await IngestAsync(raw);

        var message = await MessageAsync(first.MessageId!.Value);
        Assert.Equal($"synthetic.{BlobStore.Hash(raw)[..32]}@connexdesk.invalid", message.MessageId);
        Assert.Equal(IngestOutcome.Duplicate, again.Outcome);
    }

    [Theory]
    [InlineData("garbage.eml", "not a readable email: Failed to parse message headers.")]
    [InlineData("deeply-nested.eml", "MIME parts nested deeper than 20 levels")]
    public async Task Broken_or_hostile_mail_is_quarantined_with_its_reason_and_its_raw_bytes_kept(string file, string reason)
    {
        var raw = Mail(file);

        var result = await IngestAsync(raw);

        Assert.Equal((IngestOutcome.Quarantined, reason), (result.Outcome, result.Reason));
        var message = await MessageAsync(result.MessageId!.Value);
        Assert.Null(message.CaseId);
        if (file == "deeply-nested.eml")
            Assert.Equal(("nest@nest.example", "Russian dolls"), (message.FromAddress, message.Subject));
        Assert.Equal(raw, await desk.InScopeAsync(services => services.GetRequiredService<BlobStore>().ReadAsync(message.RawSha256)));
    }

    [Fact]
    public async Task Oversized_mail_is_quarantined_before_it_is_parsed()
    {
        var result = await desk.InScopeAsync(services => new IngestMessage(
            services.GetRequiredService<DeskDb>(), services.GetRequiredService<BlobStore>(), services.GetRequiredService<OpenCase>(), TimeProvider.System,
            Options.Create(new MailOptions { MaxMessageBytes = 200 }), services.GetRequiredService<IOptions<DeskOptions>>(), services.GetRequiredService<ILogger<IngestMessage>>())
            .RunAsync(Mail("french-latin1.eml").Concat("\r\n"u8.ToArray()).ToArray(), "test", "test:oversize"));

        Assert.Equal(IngestOutcome.Quarantined, result.Outcome);
        Assert.StartsWith("larger than the limit", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Quarantined_mail_can_be_reprocessed_in_place_once_the_limit_allows_it()
    {
        var raw = System.Text.Encoding.ASCII.GetBytes(System.Text.Encoding.ASCII.GetString(Mail("no-message-id.eml")).Replace("Land lease question", "Reprocess " + Guid.NewGuid(), StringComparison.Ordinal));
        var quarantined = await desk.InScopeAsync(services => new IngestMessage(
            services.GetRequiredService<DeskDb>(), services.GetRequiredService<BlobStore>(), services.GetRequiredService<OpenCase>(), TimeProvider.System,
            Options.Create(new MailOptions { MaxMessageBytes = 100 }), services.GetRequiredService<IOptions<DeskOptions>>(), services.GetRequiredService<ILogger<IngestMessage>>())
            .RunAsync(raw, "test", "test:" + Guid.NewGuid()));
        Assert.Equal(IngestOutcome.Quarantined, quarantined.Outcome);

        var again = await desk.InScopeAsync(services => services.GetRequiredService<IngestMessage>().ReprocessAsync(quarantined.MessageId!.Value));

        Assert.Equal((IngestOutcome.NewInquiry, quarantined.MessageId), (again.Outcome, again.MessageId));
        var message = await MessageAsync(quarantined.MessageId!.Value);
        Assert.Equal(MessageStatus.Filed, message.Status);
        Assert.Null(message.QuarantineReason);
    }

    [Fact]
    public async Task Mail_from_an_organisations_own_domain_is_linked_to_it_and_a_public_mail_service_is_refused()
    {
        var officer = await desk.CreateUserAsync(Role.CaseOfficer);
        var opened = await desk.InScopeAsync(async services => (await services.GetRequiredService<OpenCase>().RunAsync(
            new NewCase(new CaseDetails("SN", "Domain test"), $"Ministère {Guid.NewGuid():N}", AssignedOfficerId: officer.Id), CaseActor.CommandLine)).Case!);
        var client = await desk.SignedInClientAsync(officer);
        var domain = $"d{Guid.NewGuid():N}.gouv.sn";
        int Version() => desk.InScopeAsync(services => services.GetRequiredService<DeskDb>().Cases.Where(c => c.Reference == opened.Reference).Select(c => c.Version).SingleAsync()).Result;

        var refused = await client.PostFormAsync($"/cases/{opened.Reference}", $"/cases/{opened.Reference}?handler=MailDomain",
            new Dictionary<string, string> { ["version"] = Version().ToString(System.Globalization.CultureInfo.InvariantCulture), ["domain"] = "gmail.com" });
        var saved = await client.PostFormAsync($"/cases/{opened.Reference}", $"/cases/{opened.Reference}?handler=MailDomain",
            new Dictionary<string, string> { ["version"] = Version().ToString(System.Globalization.CultureInfo.InvariantCulture), ["domain"] = "@" + domain.ToUpperInvariant() });
        var raw = System.Text.Encoding.ASCII.GetBytes(System.Text.Encoding.ASCII.GetString(Mail("no-message-id.eml"))
            .Replace("registry@lands.gov.example", "new.person@" + domain, StringComparison.Ordinal).Replace("Land lease question", "Domain " + Guid.NewGuid(), StringComparison.Ordinal));
        var result = await IngestAsync(raw);

        Assert.Contains("gmail.com is a public mail service", Forms.Text(await refused.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(System.Net.HttpStatusCode.Redirect, saved.StatusCode);
        var message = await MessageAsync(result.MessageId!.Value);
        Assert.Equal((opened.OrganisationId, true), (message.OrganisationId, message.SenderVerified));
        Assert.Equal(opened.OrganisationId, (await CaseAsync(result.CaseReference!)).OrganisationId);
    }

    [Fact]
    public async Task One_maildir_round_files_a_reply_after_its_original_and_a_second_copy_not_at_all()
    {
        var (intake, newFolder) = PrivateMaildir();
        var prefix = Guid.NewGuid().ToString("N");
        byte[] Unique(string name) => System.Text.Encoding.Latin1.GetBytes(System.Text.Encoding.Latin1.GetString(Mail(name)).Replace("<fr-00", $"<{prefix}-fr-00", StringComparison.Ordinal));
        var original = Unique("french-latin1.eml");
        // Read in name order, all in one batch: the original, the same message relayed once more, then the reply to it.
        await File.WriteAllBytesAsync(Path.Combine(newFolder, $"{prefix}.1.original"), original);
        await File.WriteAllBytesAsync(Path.Combine(newFolder, $"{prefix}.2.copy"), [.. "Received: from relay.example by mx.example; Thu, 26 Nov 2026 10:00:00 +0000\r\n"u8.ToArray(), .. original]);
        await File.WriteAllBytesAsync(Path.Combine(newFolder, $"{prefix}.3.reply"), Unique("reply-by-header.eml"));

        var handled = await intake.PollAsync();

        Assert.Equal(3, handled);
        Assert.Equal(3, Directory.EnumerateFiles(Path.Combine(intake.Folder, "cur"), prefix + ".*").Count());
        var stored = await desk.InScopeAsync(services => services.GetRequiredService<DeskDb>().Messages
            .Where(m => m.MessageId.StartsWith(prefix)).OrderBy(m => m.Id).Select(m => new { m.MessageId, m.CaseId }).ToListAsync());
        Assert.Equal([$"{prefix}-fr-001@mines.gouv.sn", $"{prefix}-fr-002@mines.gouv.sn"], stored.Select(m => m.MessageId));
        Assert.NotNull(stored[0].CaseId);
        Assert.Equal(stored[0].CaseId, stored[1].CaseId);
    }

    [Fact]
    public async Task Two_new_inquiries_from_one_sender_in_one_maildir_round_get_one_acknowledgement()
    {
        var (intake, newFolder) = PrivateMaildir();
        var prefix = Guid.NewGuid().ToString("N");
        var sender = $"registry.{prefix}@lands.gov.example";
        byte[] Inquiry(string subject) => System.Text.Encoding.ASCII.GetBytes(System.Text.Encoding.ASCII.GetString(Mail("no-message-id.eml"))
            .Replace("registry@lands.gov.example", sender, StringComparison.Ordinal).Replace("Land lease question", subject, StringComparison.Ordinal));
        await File.WriteAllBytesAsync(Path.Combine(newFolder, $"{prefix}.1"), Inquiry("Land lease question " + prefix));
        await File.WriteAllBytesAsync(Path.Combine(newFolder, $"{prefix}.2"), Inquiry("Water concession question " + prefix));

        await intake.PollAsync();

        var (inquiries, acknowledgements) = await desk.InScopeAsync(async services =>
        {
            var db = services.GetRequiredService<DeskDb>();
            return (await db.Messages.Where(m => m.FromAddress == sender && m.CaseId != null).Select(m => m.CaseId).Distinct().CountAsync(),
                await db.Outbox.CountAsync(o => o.ToAddress == sender && o.Kind == OutgoingKind.Acknowledgement));
        });
        Assert.Equal((2, 1), (inquiries, acknowledgements));
    }

    [Fact]
    public async Task The_maildir_takes_new_files_once_and_moves_them_to_cur()
    {
        var (intake, newFolder) = PrivateMaildir();
        var raw = System.Text.Encoding.ASCII.GetBytes(System.Text.Encoding.ASCII.GetString(Mail("no-message-id.eml")).Replace("Land lease question", "Maildir " + Guid.NewGuid(), StringComparison.Ordinal));
        await File.WriteAllBytesAsync(Path.Combine(newFolder, "1764150000.M1P1.desk"), raw);

        var firstRound = await intake.PollAsync();
        await File.WriteAllBytesAsync(Path.Combine(newFolder, "1764150000.M1P1.desk"), raw);
        var secondRound = await intake.PollAsync();

        Assert.Equal((1, 1), (firstRound, secondRound));
        Assert.Empty(Directory.EnumerateFiles(newFolder));
        Assert.True(File.Exists(Path.Combine(intake.Folder, "cur", "1764150000.M1P1.desk:2,S")));
        var stored = await desk.InScopeAsync(services => services.GetRequiredService<DeskDb>().Messages.CountAsync(m => m.SourceKey == "maildir:1764150000.M1P1.desk"));
        Assert.Equal(1, stored);
    }

    [Fact]
    public async Task Mail_delivered_into_the_running_desks_maildir_is_taken_without_waiting_for_the_poll()
    {
        var provider = desk.Provider;
        await using var watching = provider == DatabaseProvider.Sqlite ? (DeskFactory)new SqliteDesk() : new PostgresDesk();
        watching.Settings["Mail:MaildirPollSeconds"] = "600";
        await watching.InitializeAsync();
        var folder = watching.Services.GetRequiredService<MaildirIntake>().Folder;
        var subject = "Watched " + Guid.NewGuid();
        var raw = System.Text.Encoding.ASCII.GetBytes(System.Text.Encoding.ASCII.GetString(Mail("no-message-id.eml")).Replace("Land lease question", subject, StringComparison.Ordinal));
        await Task.Delay(500);

        // Delivered as an MTA delivers: written to tmp/, then renamed into new/.
        Directory.CreateDirectory(Path.Combine(folder, "tmp"));
        await File.WriteAllBytesAsync(Path.Combine(folder, "tmp", "1764150001.M2P2.mx"), raw);
        File.Move(Path.Combine(folder, "tmp", "1764150001.M2P2.mx"), Path.Combine(folder, "new", "1764150001.M2P2.mx"));
        // The message is committed first and its file moved to cur/ after, so that a crash in between files it once: wait for both.
        var handled = Path.Combine(folder, "cur", "1764150001.M2P2.mx:2,S");
        var (filed, moved) = (false, false);
        for (var waited = 0; waited < 100 && !(filed && moved); waited++)
        {
            await Task.Delay(100);
            filed = filed || await watching.InScopeAsync(services => services.GetRequiredService<DeskDb>().Messages.AnyAsync(m => m.Subject == subject && m.CaseId != null));
            moved = File.Exists(handled);
        }

        Assert.True(filed, "not filed within 10 s, with the poll set to 10 minutes");
        Assert.True(moved, "filed, but its file was not moved to cur/ within 10 s");
    }
}

public sealed class IntakeTestsOnSqlite(SqliteDesk desk) : IntakeTests<SqliteDesk>(desk);

public sealed class IntakeTestsOnPostgres(PostgresDesk desk) : IntakeTests<PostgresDesk>(desk);
