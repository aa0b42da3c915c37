using ConnexDesk.Data;
using ConnexDesk.Domain;
using ConnexDesk.Domain.Cases;
using ConnexDesk.Domain.Intake;
using ConnexDesk.Features.Cases;
using ConnexDesk.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;

namespace ConnexDesk.Features.Intake;

public enum IngestOutcome
{
    NewInquiry,
    Threaded,
    Unfiled,
    Quarantined,
    Duplicate,
}

public sealed record IngestResult(IngestOutcome Outcome, long? MessageId = null, string? CaseReference = null, string? Reason = null);

/// <summary>What a trusted source (the desk's own contact form) knows about the sender; never read from mail headers.</summary>
public sealed record IntakeHints(string? CountryCode, string? OrganisationName, GovernmentLevel OrganisationLevel = GovernmentLevel.National,
    string? Summary = null, NewContact? Contact = null);

/// <summary>
/// The one intake pipeline for every source (Maildir, IMAP, `mail import`, the contact form): store the raw bytes
/// durably, parse them from the store, classify, thread, and file in one transaction. Running it again on the same
/// delivery, or on the same bytes, changes nothing; a crash before the commit leaves no row, and the retry completes.
/// </summary>
public sealed class IngestMessage(DeskDb db, BlobStore blobs, OpenCase openCase, TimeProvider clock, IOptions<MailOptions> options, IOptions<DeskOptions> desk, ILogger<IngestMessage> logger)
{
    private MailOptions Options => options.Value;

    private string? ContentLanguage { get; set; }

    /// <summary>For a delivery report: the message it reports on, so that a bounce of the desk's own mail lands on its case.</summary>
    private string? ReportedMessageId { get; set; }

    public async Task<IngestResult> RunAsync(byte[] raw, string source, string sourceKey, IntakeHints? hints = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(raw);
        var sha256 = BlobStore.Hash(raw);
        if (await db.Messages.AnyAsync(m => m.SourceKey == sourceKey || m.RawSha256 == sha256, cancellationToken))
            return new IngestResult(IngestOutcome.Duplicate, Reason: "already received");

        await blobs.PutAsync(raw, cancellationToken);
        var message = new CaseMessage(MessageDirection.Inbound, source, sourceKey, sha256, raw.Length, clock.GetUtcNow().UtcDateTime);
        var problem = await ReadAsync(message, sha256, cancellationToken);
        if (problem is null
            && await db.Messages.AnyAsync(m => m.MessageId == message.MessageId && m.FromAddress == message.FromAddress && m.Direction == MessageDirection.Inbound, cancellationToken))
        {
            // The same message delivered again with other bytes (one more Received header, say).
            return new IngestResult(IngestOutcome.Duplicate, Reason: "same Message-ID from the same sender");
        }

        var strategy = db.Database.CreateExecutionStrategy();
        try
        {
            return await strategy.ExecuteAsync(async () =>
            {
                await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                var result = problem is not null
                    ? Quarantine(message, problem)
                    : await FileAsync(message, hints, cancellationToken);
                db.Messages.Add(message);
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                logger.LogInformation("Mail {Source} {SourceKey}: {Outcome} {Case}", source, sourceKey, result.Outcome, result.CaseReference);
                // Each message is its own unit of work: a long import must not drag every earlier message through change tracking.
                db.ChangeTracker.Clear();
                return result with { MessageId = message.Id };
            });
        }
        catch (DbUpdateException)
        {
            // Another worker filed the same delivery at the same moment: its copy stands. Anything else is a real failure.
            if (await IsDuplicateAsync(sourceKey, sha256))
                return new IngestResult(IngestOutcome.Duplicate, Reason: "received concurrently");
            throw;
        }
    }

    /// <summary>
    /// Runs a quarantined message through the pipeline again, in place (after a limit was raised, say). It is filed,
    /// left unfiled or quarantined again with the new reason, in one transaction: the message is never out of view.
    /// </summary>
    public async Task<IngestResult> ReprocessAsync(long messageId, CancellationToken cancellationToken = default)
    {
        var message = await db.Messages.Include(m => m.Attachments).SingleOrDefaultAsync(m => m.Id == messageId && m.Status == MessageStatus.Quarantined, cancellationToken)
            ?? throw new InvalidOperationException($"Message {messageId} is not in quarantine.");
        var problem = await ReadAsync(message, message.RawSha256, cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var result = problem is not null ? Quarantine(message, problem) : await FileAsync(message, null, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return result with { MessageId = message.Id };
    }

    private async Task<bool> IsDuplicateAsync(string sourceKey, string sha256)
    {
        db.ChangeTracker.Clear();
        return await db.Messages.AnyAsync(m => m.SourceKey == sourceKey || m.RawSha256 == sha256);
    }

    /// <summary>Parses the stored message into <paramref name="message"/>; returns why it must be quarantined, or null.</summary>
    private async Task<string?> ReadAsync(CaseMessage message, string sha256, CancellationToken cancellationToken)
    {
        // One instance reads many messages in a long import: nothing read from the previous one may carry over.
        (ContentLanguage, ReportedMessageId) = (null, null);
        if (message.RawSize > Options.MaxMessageBytes)
            return $"larger than the limit of {Options.MaxMessageBytes / (1024 * 1024)} MB ({message.RawSize / (1024 * 1024)} MB)";
        MimeMessage mime;
        try
        {
            await using var stream = blobs.Open(sha256);
            // MimeKit's synchronous parser, on a local file: its async parser costs several times as much per message
            // (measured in bench/mail-ingest.sh) and gains nothing when the bytes are already on this machine's disk.
#pragma warning disable CA1849
            mime = MimeMessage.Load(new ParserOptions { MaxMimeDepth = Options.MaxMimeDepth + 1 }, stream, cancellationToken);
#pragma warning restore CA1849
        }
        catch (FormatException failure)
        {
            return "not a readable email: " + failure.Message;
        }
        // The envelope is read first, so that even a quarantined message shows who sent it and what it is about.
        var sender = mime.From.Mailboxes.FirstOrDefault() ?? mime.Sender;
        message.MessageId = Limit(mime.MessageId, 998) ?? $"synthetic.{sha256[..32]}@connexdesk.invalid";
        message.InReplyTo = Limit(mime.InReplyTo, 998);
        message.References = [.. mime.References.Take(50).Select(r => Limit(r, 998)!)];
        message.FromAddress = Limit(sender?.Address.ToLowerInvariant(), 320);
        message.FromName = Limit(sender?.Name, 300);
        message.To = Limit(string.Join(", ", mime.To.Mailboxes.Select(m => m.Address)), 2000);
        message.Subject = Limit(mime.Subject, 998);
        message.SentAt = mime.Date == DateTimeOffset.MinValue ? null : mime.Date.UtcDateTime;
        if (MailReading.Depth(mime.Body) > Options.MaxMimeDepth)
            return $"MIME parts nested deeper than {Options.MaxMimeDepth} levels";
        if (sender is null || !sender.Address.Contains('@', StringComparison.Ordinal))
            return "no sender address could be read";
        if (mime.Headers.Count == 0 || (mime.Body is null && mime.Subject is null))
            return "no headers or body could be read";
        message.TextBody = MailReading.Text(mime);
        message.HtmlBody = MailReading.SafeHtml(mime);
        message.AutomaticReason = MailReading.AutomaticReason(mime);
        ReportedMessageId = MailReading.ReportedMessageId(mime);
        // MimeKit gives Content-* headers to the body entity when it parses.
        ContentLanguage = mime.Body?.Headers[HeaderId.ContentLanguage] ?? mime.Headers[HeaderId.ContentLanguage];
        await StoreAttachmentsAsync(message, mime, cancellationToken);
        return null;
    }

    private async Task StoreAttachmentsAsync(CaseMessage message, MimeMessage mime, CancellationToken cancellationToken)
    {
        foreach (var part in mime.BodyParts.Where(p => p.IsAttachment || p is MessagePart).Take(100))
        {
            using var content = new MemoryStream();
            string name;
            switch (part)
            {
                case MessagePart forwarded when forwarded.Message is not null:
                    // A forwarded message is kept whole and readable.
                    await forwarded.Message.WriteToAsync(content, cancellationToken);
                    name = MailReading.SafeFileName((forwarded.Message.Subject ?? "forwarded message") + ".eml");
                    break;
                case MimePart file when file.Content is not null:
                    await file.Content.DecodeToAsync(content, cancellationToken);
                    name = MailReading.SafeFileName(file.FileName);
                    break;
                default:
                    continue;
            }
            var bytes = content.ToArray();
            var sha256 = await blobs.PutAsync(bytes, cancellationToken);
            var type = part is MessagePart ? "message/rfc822" : MailReading.SniffContentType(bytes);
            message.Attach(new MessageAttachment(name, type, sha256, bytes.Length));
        }
    }

    private static IngestResult Quarantine(CaseMessage message, string reason)
    {
        message.Quarantine(reason);
        return new IngestResult(IngestOutcome.Quarantined, Reason: reason);
    }

    private async Task<IngestResult> FileAsync(CaseMessage message, IntakeHints? hints, CancellationToken cancellationToken)
    {
        // A known contact links the message to their organisation. An email never grants access to anything.
#pragma warning disable CA1304, CA1311, CA1862 // Translated to SQL lower(); addresses are compared as the database stores them.
        var contact = await (
            from o in db.Organisations
            join c in db.Set<OrganisationContact>() on o.Id equals EF.Property<int>(c, "OrganisationId")
            where c.Email != null && c.Email.ToLower() == message.FromAddress
            select new { o.Id, o.Name, o.CountryCode }).FirstOrDefaultAsync(cancellationToken);
#pragma warning restore CA1304, CA1311, CA1862
        if (contact is null && message.FromAddress?.Split('@').LastOrDefault() is { Length: > 0 } domain)
        {
            contact = await db.Organisations.Where(o => o.MailDomain == domain)
                .Select(o => new { o.Id, o.Name, o.CountryCode }).FirstOrDefaultAsync(cancellationToken);
        }
        if (contact is not null)
        {
            message.OrganisationId = contact.Id;
            message.SenderVerified = true;
        }

        var existing = await ThreadAsync(message, cancellationToken);
        if (existing is { } found)
        {
            message.FileOn(found.Id);
            return new IngestResult(IngestOutcome.Threaded, CaseReference: found.Reference);
        }
        if (message.IsAutomatic)
        {
            message.LeaveUnfiled();
            return new IngestResult(IngestOutcome.Unfiled, Reason: message.AutomaticReason);
        }

        var opened = await openCase.RunAsync(new NewCase(
            MailReading.InquiryDetails(message, hints?.CountryCode ?? contact?.CountryCode, hints?.Summary),
            hints?.OrganisationName ?? contact?.Name,
            hints?.OrganisationLevel ?? GovernmentLevel.National,
            FirstNote: message.SenderVerified ? null : $"Inquiry opened from a message by {message.FromName} <{message.FromAddress}>, an unverified sender.",
            Contact: hints?.OrganisationName is null ? null : hints.Contact,
            CountryMayBeUnknown: true), CaseActor.MailIntake, cancellationToken);
        if (!opened.Succeeded)
            return Quarantine(message, "the inquiry could not be opened: " + opened.Error);
        message.FileOn(opened.Case!.Id);
        await Outbox.Acknowledgement.QueueAsync(db, message, opened.Case.Id, opened.Case.Reference,
            Outbox.Acknowledgement.LanguageFor(ContentLanguage, opened.Case.CountryCode), desk.Value.UnitName, desk.Value.MailDomain, clock.GetUtcNow().UtcDateTime, cancellationToken);
        return new IngestResult(IngestOutcome.NewInquiry, CaseReference: opened.Case.Reference);
    }

    /// <summary>The case a message belongs to: the reference in its subject, else any message it replies to or references.</summary>
    private async Task<(int Id, string Reference)?> ThreadAsync(CaseMessage message, CancellationToken cancellationToken)
    {
        if (CaseReference.TryFind(message.Subject, out var reference))
        {
            var text = reference.ToString();
            var byReference = await db.Cases.Where(c => c.Reference == text).Select(c => new { c.Id, c.Reference }).FirstOrDefaultAsync(cancellationToken);
            if (byReference is not null)
                return (byReference.Id, byReference.Reference);
        }
        var ids = message.References.Append(message.InReplyTo).Append(ReportedMessageId).OfType<string>().Distinct().ToList();
        if (ids.Count == 0)
            return null;
        var byHeader = await (
            from m in db.Messages
            where ids.Contains(m.MessageId) && m.CaseId != null
            join c in db.Cases on m.CaseId equals c.Id
            orderby m.ReceivedAt descending
            select new { c.Id, c.Reference }).FirstOrDefaultAsync(cancellationToken);
        return byHeader is null ? null : (byHeader.Id, byHeader.Reference);
    }

    private static string? Limit(string? text, int length) =>
        string.IsNullOrWhiteSpace(text) ? null : text.Length > length ? text[..length] : text;
}
