namespace ConnexDesk.Domain.Intake;

public enum MessageDirection
{
    Inbound,
    Outbound,
}

public enum MessageStatus
{
    /// <summary>On a case.</summary>
    Filed,

    /// <summary>Kept, on no case yet: automatic mail, or mail a person must place. Waits in the shared inbox.</summary>
    Unfiled,

    /// <summary>Broken or hostile: kept whole for inspection, opens nothing.</summary>
    Quarantined,

    /// <summary>Looked at and set aside by staff; the raw message is still stored.</summary>
    Discarded,
}

/// <summary>
/// One email (or contact-form message) the unit received or sent, as parsed from its stored raw bytes. The raw
/// message itself is kept content-addressed under the data directory; this row is what the desk read from it.
/// </summary>
public sealed class CaseMessage
{
    private readonly List<MessageAttachment> _attachments = [];

    private CaseMessage()
    {
        MessageId = "";
        RawSha256 = "";
        Source = "";
        SourceKey = "";
        References = [];
    }

    public CaseMessage(MessageDirection direction, string source, string sourceKey, string rawSha256, long rawSize, DateTime receivedAt)
    {
        Direction = direction;
        Source = source;
        SourceKey = sourceKey;
        RawSha256 = rawSha256;
        RawSize = rawSize;
        ReceivedAt = receivedAt;
        MessageId = "";
        References = [];
    }

    public long Id { get; private set; }
    public int? CaseId { get; private set; }
    public MessageDirection Direction { get; private set; }
    public MessageStatus Status { get; private set; }
    public string MessageId { get; set; }
    public string? InReplyTo { get; set; }
    public List<string> References { get; set; }
    public string? FromAddress { get; set; }
    public string? FromName { get; set; }
    public string? To { get; set; }
    public string? Subject { get; set; }
    public DateTime? SentAt { get; set; }
    public DateTime ReceivedAt { get; private set; }
    public string? TextBody { get; set; }
    public string? HtmlBody { get; set; }
    public string RawSha256 { get; private set; }
    public long RawSize { get; private set; }
    public string Source { get; private set; }
    public string SourceKey { get; private set; }
    public string? AutomaticReason { get; set; }
    public bool IsAutomatic => AutomaticReason is not null;
    public string? QuarantineReason { get; private set; }
    public bool SenderVerified { get; set; }
    public int? OrganisationId { get; set; }
    public IReadOnlyList<MessageAttachment> Attachments => _attachments;

    public void Attach(MessageAttachment attachment) => _attachments.Add(attachment);

    public void FileOn(int caseId)
    {
        CaseId = caseId;
        Status = MessageStatus.Filed;
        QuarantineReason = null;
    }

    public void LeaveUnfiled()
    {
        CaseId = null;
        Status = MessageStatus.Unfiled;
    }

    public void Quarantine(string reason)
    {
        CaseId = null;
        Status = MessageStatus.Quarantined;
        QuarantineReason = reason;
    }

    public void Discard() => Status = MessageStatus.Discarded;
}

/// <summary>A file carried by a message: stored content-addressed, typed from its content, not from its name.</summary>
public sealed class MessageAttachment
{
    private MessageAttachment()
    {
        FileName = "";
        ContentType = "";
        Sha256 = "";
    }

    public MessageAttachment(string fileName, string contentType, string sha256, long size)
    {
        FileName = fileName;
        ContentType = contentType;
        Sha256 = sha256;
        Size = size;
    }

    public long Id { get; private set; }
    public string FileName { get; private set; }
    public string ContentType { get; private set; }
    public string Sha256 { get; private set; }
    public long Size { get; private set; }
}
