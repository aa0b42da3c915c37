using System.Text;
using ConnexDesk.Data;
using ConnexDesk.Domain.Intake;
using ConnexDesk.Features.Cases;
using ConnexDesk.Features.Intake;
using ConnexDesk.Features.Outbox;
using ConnexDesk.Infrastructure;
using ConnexDesk.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using MimeKit;

namespace ConnexDesk.Tests.Intake;

/// <summary>The acknowledgement of a new inquiry, sent through a real SMTP server (smtp4dev) and read back over IMAP.</summary>
public abstract class OutboxTests<TDesk>(TDesk desk) : IClassFixture<TDesk> where TDesk : DeskFactory
{
    private static byte[] MailFrom(string file, string sender, string? messageId = null)
    {
        var text = Encoding.Latin1.GetString(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Intake", "Mail", file)));
        text = text.Replace("fatou.ndiaye@mines.gouv.sn", sender, StringComparison.Ordinal);
        if (messageId is not null)
            text = text.Replace("<fr-001@mines.gouv.sn>", $"<{messageId}>", StringComparison.Ordinal).Replace("<auto-001@mines.gouv.sn>", $"<{messageId}>", StringComparison.Ordinal);
        return Encoding.Latin1.GetBytes(text);
    }

    private static string Sender() => $"focal.{Guid.NewGuid():N}@mines.gouv.sn";

    private Task<int> SendAsync(TimeProvider? clock = null, int? port = null) =>
        desk.InScopeAsync(services => TestMailServer.Sender(services, clock, port).SendDueAsync());

    private Task<IngestResult> IngestAsync(byte[] raw) =>
        desk.InScopeAsync(services => services.GetRequiredService<IngestMessage>().RunAsync(raw, "test", "test:" + Guid.NewGuid()));

    [Fact]
    public async Task A_new_inquiry_is_acknowledged_in_french_with_its_reference_and_nothing_else()
    {
        var sender = Sender();
        var inquiry = await IngestAsync(MailFrom("french-latin1.eml", sender, $"{Guid.NewGuid():N}@mines.gouv.sn"));

        await SendAsync();

        var received = Assert.Single(await TestMailServer.ReceivedForAsync(sender));
        Assert.Equal($"[{inquiry.CaseReference}] Nous avons bien reçu votre message", received.Subject);
        Assert.Equal("auto-replied", received.Headers[HeaderId.AutoSubmitted]);
        Assert.Contains($"référence {inquiry.CaseReference}", received.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("Sabodala", received.TextBody, StringComparison.Ordinal);
        var original = await desk.InScopeAsync(services => services.GetRequiredService<DeskDb>().Messages.SingleAsync(m => m.Id == inquiry.MessageId));
        Assert.Equal(original.MessageId, received.InReplyTo);
        var onCase = await desk.InScopeAsync(services => services.GetRequiredService<DeskDb>().Messages.SingleAsync(m => m.CaseId == original.CaseId && m.Direction == MessageDirection.Outbound));
        Assert.Equal(received.MessageId, onCase.MessageId);
    }

    [Fact]
    public async Task A_bounce_of_the_desks_own_mail_lands_on_the_case_it_concerns()
    {
        var sender = Sender();
        var inquiry = await IngestAsync(MailFrom("french-latin1.eml", sender, $"{Guid.NewGuid():N}@mines.gouv.sn"));
        await SendAsync();
        var acknowledgement = await desk.InScopeAsync(services => services.GetRequiredService<DeskDb>().Outbox.SingleAsync(o => o.ToAddress == sender));
        var bounce = Encoding.ASCII.GetBytes(Encoding.ASCII.GetString(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Intake", "Mail", "bounce-of-desk-mail.eml")))
            .Replace("{{MESSAGE_ID}}", acknowledgement.MessageId, StringComparison.Ordinal).Replace("{{RECIPIENT}}", sender, StringComparison.Ordinal)
            .Replace("<bounce-of-desk-mail@mx.mines.gouv.sn>", $"<{Guid.NewGuid():N}@mx.mines.gouv.sn>", StringComparison.Ordinal));

        var result = await IngestAsync(bounce);

        Assert.Equal((IngestOutcome.Threaded, inquiry.CaseReference), (result.Outcome, result.CaseReference));
        var filed = await desk.InScopeAsync(services => services.GetRequiredService<DeskDb>().Messages.SingleAsync(m => m.Id == result.MessageId));
        Assert.True(filed.IsAutomatic);
        Assert.Equal(0, await desk.InScopeAsync(services => services.GetRequiredService<DeskDb>().Outbox.CountAsync(o => o.ToAddress == "mailer-daemon@mx.mines.gouv.sn")));
    }

    [Fact]
    public async Task A_sender_gets_one_acknowledgement_a_day_and_automatic_mail_none()
    {
        var sender = Sender();
        await IngestAsync(MailFrom("french-latin1.eml", sender, $"{Guid.NewGuid():N}@mines.gouv.sn"));
        var second = await IngestAsync(MailFrom("french-latin1.eml", sender, $"{Guid.NewGuid():N}@mines.gouv.sn"));
        var automatic = Sender();
        await IngestAsync(MailFrom("auto-reply.eml", automatic, $"{Guid.NewGuid():N}@mines.gouv.sn"));

        var queued = await desk.InScopeAsync(services => services.GetRequiredService<DeskDb>().Outbox.Where(o => o.ToAddress == sender || o.ToAddress == automatic).ToListAsync());

        Assert.Equal(IngestOutcome.NewInquiry, second.Outcome);
        Assert.Equal(sender, Assert.Single(queued).ToAddress);
    }

    [Fact]
    public async Task A_failing_delivery_is_retried_later_and_after_the_last_attempt_shows_on_the_case()
    {
        var sender = Sender();
        var inquiry = await IngestAsync(MailFrom("french-latin1.eml", sender, $"{Guid.NewGuid():N}@mines.gouv.sn"));
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var closedPort = DeskProcess.FreePort();

        for (var attempt = 0; attempt < OutgoingMail.MaxAttempts; attempt++)
        {
            await SendAsync(clock, closedPort);
            clock.Advance(TimeSpan.FromHours(3));
        }

        var outgoing = await desk.InScopeAsync(services => services.GetRequiredService<DeskDb>().Outbox.SingleAsync(o => o.ToAddress == sender));
        Assert.Equal((OutgoingStatus.Failed, OutgoingMail.MaxAttempts), (outgoing.Status, outgoing.Attempts));
        Assert.NotNull(outgoing.LastError);
        var manager = await desk.CreateUserAsync(Domain.Role.Manager);
        var page = Forms.Text(await (await desk.SignedInClientAsync(manager)).GetStringAsync($"/cases/{inquiry.CaseReference}"));
        Assert.Contains($"Delivery failed after {OutgoingMail.MaxAttempts} attempts.", page, StringComparison.Ordinal);
    }
}

public sealed class OutboxTestsOnSqlite(SqliteDesk desk) : OutboxTests<SqliteDesk>(desk);

public sealed class OutboxTestsOnPostgres(PostgresDesk desk) : OutboxTests<PostgresDesk>(desk);
