using ConnexDesk.Data;
using ConnexDesk.Domain.Cases;
using ConnexDesk.Domain.Intake;
using ConnexDesk.Features.Intake;
using ConnexDesk.Infrastructure;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;

namespace ConnexDesk.Features.Outbox;

/// <summary>
/// Sends what is due in the outbox over SMTP (MailKit). A message sent is recorded on its case as an outbound message;
/// a failure waits and retries, and after the last attempt stays on the case as a failed delivery.
/// </summary>
public sealed class OutboxSender(DeskDb db, BlobStore blobs, TimeProvider clock, IOptions<MailOptions> mail, IOptions<DeskOptions> desk, ILogger<OutboxSender> logger)
{
    public async Task<int> SendDueAsync(CancellationToken cancellationToken = default)
    {
        var smtp = mail.Value.Smtp;
        if (string.IsNullOrWhiteSpace(smtp.Host))
            return 0;
        var now = clock.GetUtcNow().UtcDateTime;
        var due = await db.Outbox.Where(o => o.Status == OutgoingStatus.Pending && o.NextAttemptAt <= now).OrderBy(o => o.NextAttemptAt).Take(20).ToListAsync(cancellationToken);
        if (due.Count == 0)
            return 0;
        var sent = 0;
        using var client = new SmtpClient { Timeout = 30_000 };
        foreach (var outgoing in due)
        {
            var message = await ComposeAsync(outgoing, cancellationToken);
            try
            {
                if (!client.IsConnected)
                {
                    await client.ConnectAsync(smtp.Host, smtp.Port, MailOptions.SocketSecurity(smtp.Security), cancellationToken);
                    if (!string.IsNullOrEmpty(smtp.User))
                        await client.AuthenticateAsync(smtp.User, smtp.Password ?? "", cancellationToken);
                }
                await client.SendAsync(message, cancellationToken);
                outgoing.MarkSent(clock.GetUtcNow().UtcDateTime);
                await RecordOnCaseAsync(outgoing, message, cancellationToken);
                sent++;
            }
            catch (Exception failure) when (failure is SmtpCommandException or SmtpProtocolException or IOException or System.Net.Sockets.SocketException or SslHandshakeException or AuthenticationException or TimeoutException)
            {
                outgoing.MarkAttemptFailed($"{failure.GetType().Name}: {failure.Message}", clock.GetUtcNow().UtcDateTime);
                logger.LogWarning("Sending {MessageId} to {To} failed (attempt {Attempt}): {Error}", outgoing.MessageId, outgoing.ToAddress, outgoing.Attempts, failure.Message);
                if (client.IsConnected)
                    await client.DisconnectAsync(true, CancellationToken.None);
            }
            await db.SaveChangesAsync(cancellationToken);
        }
        if (client.IsConnected)
            await client.DisconnectAsync(true, cancellationToken);
        return sent;
    }

    public async Task<MimeMessage> ComposeAsync(OutgoingMail outgoing, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(outgoing);
        var message = new MimeMessage { MessageId = outgoing.MessageId, Subject = outgoing.Subject };
        message.From.Add(new MailboxAddress(desk.Value.UnitName, desk.Value.UnitEmail));
        message.To.Add(new MailboxAddress(outgoing.ToName ?? "", outgoing.ToAddress));
        if (outgoing.InReplyTo is { } original)
            message.InReplyTo = original;
        foreach (var reference in outgoing.References)
            message.References.Add(reference);
        if (outgoing.Kind == OutgoingKind.Acknowledgement)
            message.Headers.Add(HeaderId.AutoSubmitted, "auto-replied");
        message.Headers.Add(MailOptions.LoopHeader, "yes");
        message.Headers.Add(HeaderId.ContentLanguage, outgoing.Language);
        var text = new TextPart("plain") { Text = outgoing.TextBody };
        if (outgoing.AttachmentSha256s.Count == 0)
        {
            message.Body = text;
            return message;
        }
        var mixed = new Multipart("mixed") { text };
        foreach (var sha256 in outgoing.AttachmentSha256s)
        {
            // A file from a message on the case, or a document of the case (an issued letter, say).
            var file = await db.Set<MessageAttachment>().AsNoTracking().Where(a => a.Sha256 == sha256).Select(a => new { a.FileName, a.ContentType }).FirstOrDefaultAsync(cancellationToken)
                ?? await db.Set<CaseDocument>().AsNoTracking().Where(d => d.Sha256 == sha256).Select(d => new { d.FileName, d.ContentType }).FirstAsync(cancellationToken);
            mixed.Add(new MimePart(ContentType.Parse(file.ContentType))
            {
                Content = new MimeContent(new MemoryStream(await blobs.ReadAsync(sha256, cancellationToken))),
                ContentDisposition = new ContentDisposition(ContentDisposition.Attachment),
                ContentTransferEncoding = ContentEncoding.Base64,
                FileName = file.FileName,
            });
        }
        message.Body = mixed;
        return message;
    }

    private async Task RecordOnCaseAsync(OutgoingMail outgoing, MimeMessage message, CancellationToken cancellationToken)
    {
        using var raw = new MemoryStream();
        await message.WriteToAsync(raw, cancellationToken);
        var bytes = raw.ToArray();
        var sha256 = await blobs.PutAsync(bytes, cancellationToken);
        var record = new CaseMessage(MessageDirection.Outbound, "outbox", "outbox:" + outgoing.Id, sha256, bytes.Length, outgoing.SentAt!.Value)
        {
            MessageId = outgoing.MessageId,
            InReplyTo = outgoing.InReplyTo,
            FromAddress = desk.Value.UnitEmail,
            FromName = desk.Value.UnitName,
            To = outgoing.ToAddress,
            Subject = outgoing.Subject,
            TextBody = outgoing.TextBody,
            AutomaticReason = outgoing.Kind == OutgoingKind.Acknowledgement ? "automatic acknowledgement" : null,
            SentAt = outgoing.SentAt,
            SenderVerified = true,
        };
        if (outgoing.CaseId is { } caseId)
            record.FileOn(caseId);
        else
            record.LeaveUnfiled();
        db.Messages.Add(record);
    }
}

public sealed class OutboxLoop(IServiceScopeFactory scopes, IOptions<MailOptions> options, ILogger<OutboxLoop> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (string.IsNullOrWhiteSpace(options.Value.Smtp.Host))
        {
            logger.LogInformation("Mail:Smtp:Host is not set: outgoing mail waits in the outbox");
            return;
        }
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(Math.Max(1, options.Value.Smtp.PollSeconds)));
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<OutboxSender>().SendDueAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // A failed round must not stop sending; the next round retries.
            catch (Exception failure)
#pragma warning restore CA1031
            {
                logger.LogError(failure, "Outbox round failed; retrying at the next round");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
