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

/// <summary>One message as a source hands it over: its bytes, where it came from, and the source's key for this delivery.</summary>
public sealed record Delivery(byte[] Raw, string Source, string SourceKey, IntakeHints? Hints = null);

/// <summary>
/// The one intake pipeline for every source (Maildir, IMAP, `mail import`, the contact form): store the raw bytes
/// durably, parse them from the store, classify, thread, and file in one transaction. Running it again on the same
/// delivery, or on the same bytes, changes nothing; a crash before the commit leaves no row, and the retry completes.
/// </summary>
public sealed class IngestMessage(DeskDb db, BlobStore blobs, OpenCase openCase, TimeProvider clock, IOptions<MailOptions> options, IOptions<DeskOptions> desk, ILogger<IngestMessage> logger)
{
    /// <summary>Messages filed per transaction by <see cref="RunManyAsync{T}"/>: one commit (one flush of the database log) for many.</summary>
    public const int BatchSize = 50;

    private MailOptions Options => options.Value;

    /// <summary>What reading a message learnt beyond the message row itself.</summary>
    private sealed record MailFacts(string? ContentLanguage, string? ReportedMessageId)
    {
        public static readonly MailFacts None = new(null, null);
    }

    /// <summary>A delivery whose bytes are stored and parsed, ready to be filed; <see cref="Problem"/> says why it goes to quarantine.</summary>
    private sealed record ReadDelivery(Delivery Delivery, CaseMessage Message, string? Problem, MailFacts Facts);

    private sealed record KnownSender(int OrganisationId, string Name, string CountryCode);

    /// <summary>
    /// What the database already holds about a batch's messages and senders, read in four queries for the whole batch
    /// rather than four for each message, and kept up to date as the batch is filed.
    /// </summary>
    private sealed class KnownToDesk
    {
        public required HashSet<string> SourceKeys { get; init; }
        public required HashSet<string> Sha256s { get; init; }
        public required HashSet<(string MessageId, string? From)> InboundMessages { get; init; }
        public required Dictionary<string, KnownSender> Contacts { get; init; }
        public required Dictionary<string, KnownSender> MailDomains { get; init; }
        public required HashSet<string> AcknowledgedToday { get; init; }

        /// <summary>Why the message is a duplicate, or null.</summary>
        public string? Duplicate(CaseMessage message, bool readable) =>
            SourceKeys.Contains(message.SourceKey) || Sha256s.Contains(message.RawSha256) ? "already received"
            : readable && InboundMessages.Contains((message.MessageId, message.FromAddress)) ? "same Message-ID from the same sender"
            : null;

        /// <summary>A known contact links the message to their organisation, else the organisation of its mail domain.</summary>
        public KnownSender? Sender(string? address) =>
            address is null ? null
            : Contacts.TryGetValue(address, out var contact) ? contact
            : MailDomains.GetValueOrDefault(address.Split('@')[^1]);

        public void Filed(CaseMessage message)
        {
            SourceKeys.Add(message.SourceKey);
            Sha256s.Add(message.RawSha256);
            InboundMessages.Add((message.MessageId, message.FromAddress));
        }
    }

    public async Task<IngestResult> RunAsync(byte[] raw, string source, string sourceKey, IntakeHints? hints = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(raw);
        var sha256 = BlobStore.Hash(raw);
        // Checked before anything is stored: a redelivery after a crash costs one query.
        if (await db.Messages.AnyAsync(m => m.SourceKey == sourceKey || m.RawSha256 == sha256, cancellationToken))
            return new IngestResult(IngestOutcome.Duplicate, Reason: "already received");
        var read = await ReadAsync(new Delivery(raw, source, sourceKey, hints), cancellationToken);
        return await FileInOwnTransactionAsync(read, cancellationToken);
    }

    /// <summary>
    /// Files many deliveries in their order (a reply after the message it answers): the next few are stored and parsed
    /// on the other cores while earlier ones are filed, and up to <see cref="BatchSize"/> are filed in one transaction.
    /// <paramref name="filed"/> is called for each delivery only after its transaction has committed, so that a source
    /// marks a message as taken only once it is safe in the database.
    /// </summary>
    public async Task RunManyAsync<T>(IAsyncEnumerable<(T Tag, Delivery Delivery)> deliveries, Func<T, IngestResult, Task> filed, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(deliveries);
        ArgumentNullException.ThrowIfNull(filed);
        // Reading runs ahead by more than a batch, so that the next batch is read while this one is filed. Byte budgets,
        // for what is read ahead and for a batch, keep a run of 25 MB messages from filling memory.
        const int readAhead = 2 * BatchSize;
        const long readAheadBytes = 128L * 1024 * 1024;
        const long batchBytes = 64L * 1024 * 1024;
        var (bytesAhead, bytesInBatch) = (0L, 0L);
        var reading = new Queue<(T Tag, Task<ReadDelivery> Read)>();
        var batch = new List<(T Tag, ReadDelivery Read)>();
        async Task TakeOneAsync()
        {
            var (tag, read) = reading.Dequeue();
            var done = await read;
            bytesAhead -= done.Delivery.Raw.Length;
            bytesInBatch += done.Delivery.Raw.Length;
            batch.Add((tag, done));
            if (batch.Count >= BatchSize || bytesInBatch >= batchBytes)
            {
                await FileBatchAsync(batch, filed, cancellationToken);
                bytesInBatch = 0;
            }
        }
        await foreach (var (tag, delivery) in deliveries.WithCancellation(cancellationToken))
        {
            reading.Enqueue((tag, Task.Run(() => ReadAsync(delivery, cancellationToken), cancellationToken)));
            bytesAhead += delivery.Raw.Length;
            while (reading.Count > readAhead || (reading.Count > 1 && bytesAhead > readAheadBytes))
                await TakeOneAsync();
        }
        while (reading.Count > 0)
            await TakeOneAsync();
        await FileBatchAsync(batch, filed, cancellationToken);
    }

    private async Task FileBatchAsync<T>(List<(T Tag, ReadDelivery Read)> batch, Func<T, IngestResult, Task> filed, CancellationToken cancellationToken)
    {
        if (batch.Count == 0)
            return;
        var results = new List<IngestResult>(batch.Count);
        try
        {
            await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
            {
                results.Clear();
                await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                // A failure rolls the whole batch back, so the savepoint EF would set before each save buys nothing.
                db.Database.AutoSavepointsEnabled = false;
                var known = await KnownAsync([.. batch.Select(b => b.Read.Message)], cancellationToken);
                foreach (var (_, read) in batch)
                    results.Add(await FileAsync(read, known, cancellationToken));
                await transaction.CommitAsync(cancellationToken);
            });
        }
        catch (DbUpdateException)
        {
            // Another worker filed one of these at the same moment. The batch was rolled back whole; filed one by one
            // (each read afresh, since filing changed the rows in memory), only that one turns out a duplicate.
            db.ChangeTracker.Clear();
            results.Clear();
            foreach (var (_, read) in batch)
                results.Add(await FileInOwnTransactionAsync(await ReadAsync(read.Delivery, cancellationToken), cancellationToken));
        }
        for (var i = 0; i < batch.Count; i++)
            await filed(batch[i].Tag, results[i]);
        batch.Clear();
    }

    private async Task<IngestResult> FileInOwnTransactionAsync(ReadDelivery read, CancellationToken cancellationToken)
    {
        try
        {
            return await db.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
            {
                await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                var result = await FileAsync(read, await KnownAsync([read.Message], cancellationToken), cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                return result;
            });
        }
        catch (DbUpdateException)
        {
            // Another worker filed the same delivery at the same moment: its copy stands. Anything else is a real failure.
            db.ChangeTracker.Clear();
            var (sourceKey, sha256) = (read.Message.SourceKey, read.Message.RawSha256);
            if (await db.Messages.AnyAsync(m => m.SourceKey == sourceKey || m.RawSha256 == sha256, cancellationToken))
                return new IngestResult(IngestOutcome.Duplicate, Reason: "received concurrently");
            throw;
        }
    }

    /// <summary>Files one read delivery inside the caller's transaction: a duplicate changes nothing.</summary>
    private async Task<IngestResult> FileAsync(ReadDelivery read, KnownToDesk known, CancellationToken cancellationToken)
    {
        var message = read.Message;
        // The same message delivered again with other bytes (one more Received header, say) is a duplicate too.
        if (known.Duplicate(message, readable: read.Problem is null) is { } duplicate)
            return new IngestResult(IngestOutcome.Duplicate, Reason: duplicate);

        var result = read.Problem is not null
            ? Quarantine(message, read.Problem)
            : await FileReadableAsync(message, read.Delivery.Hints, read.Facts, known, cancellationToken);
        db.Messages.Add(message);
        await db.SaveChangesAsync(cancellationToken);
        known.Filed(message);
        logger.LogInformation("Mail {Source} {SourceKey}: {Outcome} {Case}", message.Source, message.SourceKey, result.Outcome, result.CaseReference);
        // Each message is its own unit of work: a long import must not drag every earlier message through change tracking.
        db.ChangeTracker.Clear();
        return result with { MessageId = message.Id };
    }

    /// <summary>
    /// Runs a quarantined message through the pipeline again, in place (after a limit was raised, say). It is filed,
    /// left unfiled or quarantined again with the new reason, in one transaction: the message is never out of view.
    /// </summary>
    public async Task<IngestResult> ReprocessAsync(long messageId, CancellationToken cancellationToken = default)
    {
        var message = await db.Messages.Include(m => m.Attachments).SingleOrDefaultAsync(m => m.Id == messageId && m.Status == MessageStatus.Quarantined, cancellationToken)
            ?? throw new InvalidOperationException($"Message {messageId} is not in quarantine.");
        var (problem, facts) = await ParseAsync(message, cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var result = problem is not null ? Quarantine(message, problem) : await FileReadableAsync(message, null, facts, await KnownAsync([message], cancellationToken), cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return result with { MessageId = message.Id };
    }

    /// <summary>Stores the raw bytes durably, then parses them from the store. Touches no database: it runs on any thread.</summary>
    private async Task<ReadDelivery> ReadAsync(Delivery delivery, CancellationToken cancellationToken)
    {
        var sha256 = await blobs.PutAsync(delivery.Raw, cancellationToken);
        var message = new CaseMessage(MessageDirection.Inbound, delivery.Source, delivery.SourceKey, sha256, delivery.Raw.Length, clock.GetUtcNow().UtcDateTime);
        var (problem, facts) = await ParseAsync(message, cancellationToken);
        return new ReadDelivery(delivery, message, problem, facts);
    }

    /// <summary>Parses the stored message into <paramref name="message"/>; returns why it must be quarantined (or null), and what else it learnt.</summary>
    private async Task<(string? Problem, MailFacts Facts)> ParseAsync(CaseMessage message, CancellationToken cancellationToken)
    {
        if (message.RawSize > Options.MaxMessageBytes)
            return ($"larger than the limit of {Options.MaxMessageBytes / (1024 * 1024)} MB ({message.RawSize / (1024 * 1024)} MB)", MailFacts.None);
        MimeMessage mime;
        try
        {
            await using var stream = blobs.Open(message.RawSha256);
            // MimeKit's synchronous parser, on a local file: its async parser costs several times as much per message
            // and gains nothing when the bytes are already on this machine's disk.
#pragma warning disable CA1849
            mime = MimeMessage.Load(new ParserOptions { MaxMimeDepth = Options.MaxMimeDepth + 1 }, stream, cancellationToken);
#pragma warning restore CA1849
        }
        catch (FormatException failure)
        {
            return ("not a readable email: " + failure.Message, MailFacts.None);
        }
        // The envelope is read first, so that even a quarantined message shows who sent it and what it is about.
        var sender = mime.From.Mailboxes.FirstOrDefault() ?? mime.Sender;
        message.MessageId = Limit(mime.MessageId, 998) ?? $"synthetic.{message.RawSha256[..32]}@connexdesk.invalid";
        message.InReplyTo = Limit(mime.InReplyTo, 998);
        message.References = [.. mime.References.Take(50).Select(r => Limit(r, 998)!)];
        message.FromAddress = Limit(sender?.Address.ToLowerInvariant(), 320);
        message.FromName = Limit(sender?.Name, 300);
        message.To = Limit(string.Join(", ", mime.To.Mailboxes.Select(m => m.Address)), 2000);
        message.Subject = Limit(mime.Subject, 998);
        message.SentAt = mime.Date == DateTimeOffset.MinValue ? null : mime.Date.UtcDateTime;
        if (MailReading.Depth(mime.Body) > Options.MaxMimeDepth)
            return ($"MIME parts nested deeper than {Options.MaxMimeDepth} levels", MailFacts.None);
        if (sender is null || !sender.Address.Contains('@', StringComparison.Ordinal))
            return ("no sender address could be read", MailFacts.None);
        if (mime.Headers.Count == 0 || (mime.Body is null && mime.Subject is null))
            return ("no headers or body could be read", MailFacts.None);
        message.TextBody = MailReading.Text(mime);
        message.HtmlBody = MailReading.SafeHtml(mime);
        message.AutomaticReason = MailReading.AutomaticReason(mime);
        await StoreAttachmentsAsync(message, mime, cancellationToken);
        // MimeKit gives Content-* headers to the body entity when it parses.
        return (null, new MailFacts(mime.Body?.Headers[HeaderId.ContentLanguage] ?? mime.Headers[HeaderId.ContentLanguage], MailReading.ReportedMessageId(mime)));
    }

    private async Task StoreAttachmentsAsync(CaseMessage message, MimeMessage mime, CancellationToken cancellationToken)
    {
        foreach (var part in mime.BodyParts.Where(p => p.IsAttachment || p is MessagePart).Take(100))
        {
            // Sized from the encoded length up front: a 1 MB file decoded into a growing stream would copy itself a
            // dozen times through the large-object heap, and every such collection costs the whole process.
            var encodedLength = part is MimePart { Content.Stream: { CanSeek: true } encoded } ? encoded.Length : 0;
            using var content = new MemoryStream((int)Math.Min(encodedLength, int.MaxValue / 2));
            string name;
            switch (part)
            {
                case MessagePart forwarded when forwarded.Message is not null:
                    // A forwarded message is kept whole and readable.
                    await forwarded.Message.WriteToAsync(content, cancellationToken);
                    name = MailReading.SafeFileName((forwarded.Message.Subject ?? "forwarded message") + ".eml");
                    break;
                case MimePart file when file.Content is not null:
                    MailReading.Decode(file.Content, content, cancellationToken);
                    name = MailReading.SafeFileName(file.FileName);
                    break;
                default:
                    continue;
            }
            var bytes = content.GetBuffer().AsMemory(0, (int)content.Length);
            var sha256 = await blobs.PutAsync(bytes, cancellationToken);
            var type = part is MessagePart ? "message/rfc822" : MailReading.SniffContentType(bytes.Span);
            message.Attach(new MessageAttachment(name, type, sha256, bytes.Length));
        }
    }

    private static IngestResult Quarantine(CaseMessage message, string reason)
    {
        message.Quarantine(reason);
        return new IngestResult(IngestOutcome.Quarantined, Reason: reason);
    }

    private async Task<IngestResult> FileReadableAsync(CaseMessage message, IntakeHints? hints, MailFacts facts, KnownToDesk known, CancellationToken cancellationToken)
    {
        // A known contact or mail domain links the message to an organisation. An email never grants access to anything.
        var contact = known.Sender(message.FromAddress);
        if (contact is not null)
        {
            message.OrganisationId = contact.OrganisationId;
            message.SenderVerified = true;
        }

        var existing = await ThreadAsync(message, facts.ReportedMessageId, cancellationToken);
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
            Remark: message.SenderVerified ? null : $"Inquiry opened from a message by {message.FromName} <{message.FromAddress}>, an unverified sender.",
            Contact: hints?.OrganisationName is null ? null : hints.Contact,
            CountryMayBeUnknown: true), CaseActor.MailIntake, cancellationToken);
        if (!opened.Succeeded)
            return Quarantine(message, "the inquiry could not be opened: " + opened.Error);
        message.FileOn(opened.Case!.Id);
        // At most one acknowledgement a day to one address.
        if (message.FromAddress is { } sender && known.AcknowledgedToday.Add(sender))
        {
            Outbox.Acknowledgement.Queue(db, message, opened.Case.Id, opened.Case.Reference,
                Outbox.Acknowledgement.LanguageFor(facts.ContentLanguage, message.TextBody, opened.Case.CountryCode), desk.Value.UnitName, desk.Value.MailDomain, clock.GetUtcNow().UtcDateTime);
        }
        return new IngestResult(IngestOutcome.NewInquiry, CaseReference: opened.Case.Reference);
    }

    private async Task<KnownToDesk> KnownAsync(IReadOnlyCollection<CaseMessage> messages, CancellationToken cancellationToken)
    {
        var keys = messages.Select(m => m.SourceKey).Distinct().ToList();
        var hashes = messages.Select(m => m.RawSha256).Distinct().ToList();
        var messageIds = messages.Select(m => m.MessageId).Distinct().ToList();
        var earlier = await db.Messages
            .Where(m => keys.Contains(m.SourceKey) || hashes.Contains(m.RawSha256) || (m.Direction == MessageDirection.Inbound && messageIds.Contains(m.MessageId)))
            .Select(m => new { m.SourceKey, m.RawSha256, m.MessageId, m.FromAddress, m.Direction })
            .ToListAsync(cancellationToken);
        var senders = messages.Select(m => m.FromAddress).OfType<string>().Distinct().ToList();
        var domains = senders.Select(a => a.Split('@')[^1]).Distinct().ToList();
#pragma warning disable CA1304, CA1311, CA1862 // Translated to SQL lower(); addresses are compared as the database stores them.
        var contacts = await (
            from o in db.Organisations
            join c in db.Set<OrganisationContact>() on o.Id equals EF.Property<int>(c, "OrganisationId")
            where c.Email != null && senders.Contains(c.Email.ToLower())
            select new { Address = c.Email!.ToLower(), o.Id, o.Name, o.CountryCode }).ToListAsync(cancellationToken);
#pragma warning restore CA1304, CA1311, CA1862
        var byDomain = await db.Organisations.Where(o => o.MailDomain != null && domains.Contains(o.MailDomain))
            .Select(o => new { Domain = o.MailDomain!, o.Id, o.Name, o.CountryCode }).ToListAsync(cancellationToken);
        var since = clock.GetUtcNow().UtcDateTime.AddDays(-1);
        var acknowledged = await db.Outbox.Where(o => o.Kind == OutgoingKind.Acknowledgement && o.CreatedAt > since && senders.Contains(o.ToAddress))
            .Select(o => o.ToAddress).ToListAsync(cancellationToken);
        return new KnownToDesk
        {
            SourceKeys = [.. earlier.Select(m => m.SourceKey)],
            Sha256s = [.. earlier.Select(m => m.RawSha256)],
            InboundMessages = [.. earlier.Where(m => m.Direction == MessageDirection.Inbound).Select(m => (m.MessageId, m.FromAddress))],
            Contacts = contacts.GroupBy(c => c.Address).ToDictionary(g => g.Key, g => new KnownSender(g.First().Id, g.First().Name, g.First().CountryCode)),
            MailDomains = byDomain.GroupBy(o => o.Domain).ToDictionary(g => g.Key, g => new KnownSender(g.First().Id, g.First().Name, g.First().CountryCode)),
            AcknowledgedToday = [.. acknowledged],
        };
    }

    /// <summary>The case a message belongs to: the reference in its subject, else any message it replies to or references.</summary>
    private async Task<(int Id, string Reference)?> ThreadAsync(CaseMessage message, string? reportedMessageId, CancellationToken cancellationToken)
    {
        if (CaseReference.TryFind(message.Subject, out var reference))
        {
            var text = reference.ToString();
            var byReference = await db.Cases.Where(c => c.Reference == text).Select(c => new { c.Id, c.Reference }).FirstOrDefaultAsync(cancellationToken);
            if (byReference is not null)
                return (byReference.Id, byReference.Reference);
        }
        var ids = message.References.Append(message.InReplyTo).Append(reportedMessageId).OfType<string>().Distinct().ToList();
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
