namespace ConnexDesk.Domain.Intake;

public enum OutgoingKind
{
    Acknowledgement,
    Reply,

    /// <summary>A letter the unit issued, sent as a PDF to the focal point.</summary>
    Letter,

    /// <summary>The experts the unit proposes, for the government to accept or decline each.</summary>
    Shortlist,

    /// <summary>The evaluation questionnaire sent to the focal point after delivery.</summary>
    Questionnaire,

    /// <summary>A daily digest or escalation to the unit's staff.</summary>
    Digest,

    /// <summary>A calendar invitation (.ics attached).</summary>
    Invitation,

    /// <summary>A version of the scope, for the government to confirm.</summary>
    Scope,

    /// <summary>About the person's own account: a link to choose a password, for a new account or a forgotten password.</summary>
    Account,
}

public enum OutgoingStatus
{
    Pending,
    Sent,
    Failed,
}

/// <summary>
/// A message waiting in the outbox, or sent from it. The Message-ID is fixed when the message is queued, so a retry
/// after an uncertain send carries the same one and a reply threads the same way.
/// </summary>
public sealed class OutgoingMail
{
    public const int MaxAttempts = 8;

    private OutgoingMail()
    {
        MessageId = "";
        ToAddress = "";
        Subject = "";
        TextBody = "";
        Language = "en";
        References = [];
        AttachmentSha256s = [];
    }

    public OutgoingMail(OutgoingKind kind, int? caseId, string messageId, string toAddress, string? toName, string subject, string textBody, string? inReplyTo, string language, DateTime now)
    {
        Kind = kind;
        CaseId = caseId;
        MessageId = messageId;
        ToAddress = toAddress;
        ToName = toName;
        Subject = subject;
        TextBody = textBody;
        InReplyTo = inReplyTo;
        Language = language;
        CreatedAt = now;
        NextAttemptAt = now;
        References = inReplyTo is null ? [] : [inReplyTo];
        AttachmentSha256s = [];
    }

    public long Id { get; private set; }
    public OutgoingKind Kind { get; private set; }
    public int? CaseId { get; private set; }
    public string MessageId { get; private set; }
    public string ToAddress { get; private set; }
    public string? ToName { get; private set; }
    public string Subject { get; private set; }
    public string TextBody { get; private set; }
    public string? InReplyTo { get; private set; }
    public string Language { get; private set; }
    public OutgoingStatus Status { get; private set; }
    public int Attempts { get; private set; }
    public DateTime CreatedAt { get; private set; }
    public DateTime NextAttemptAt { get; private set; }
    public DateTime? SentAt { get; private set; }
    public string? LastError { get; private set; }

    /// <summary>The thread this message continues, oldest first, so that mail clients keep it in one conversation.</summary>
    public List<string> References { get; set; }

    /// <summary>Files from the case (by their SHA-256) to send along.</summary>
    public List<string> AttachmentSha256s { get; set; }

    public void MarkSent(DateTime at)
    {
        Status = OutgoingStatus.Sent;
        SentAt = at;
        Attempts++;
        LastError = null;
    }

    /// <summary>Waits longer after each failure (1, 2, 4 ... minutes); gives up, visibly, after <see cref="MaxAttempts"/>.</summary>
    public void MarkAttemptFailed(string error, DateTime at)
    {
        Attempts++;
        LastError = error.Length > 1000 ? error[..1000] : error;
        if (Attempts >= MaxAttempts)
        {
            Status = OutgoingStatus.Failed;
            return;
        }
        NextAttemptAt = at.AddMinutes(Math.Pow(2, Attempts - 1));
    }
}
