namespace ConnexDesk.Domain.Intake;

/// <summary>
/// How far the desk has read an IMAP mailbox: the highest UID it has filed under the mailbox's UIDVALIDITY. When the
/// server starts a new UIDVALIDITY the old UIDs mean nothing, so reading starts again from the first message; the
/// pipeline's duplicate check (same bytes, or same Message-ID from the same sender) keeps that from doubling anything.
/// </summary>
public sealed class MailboxPosition
{
    private MailboxPosition()
    {
        Mailbox = "";
    }

    public MailboxPosition(string mailbox, long uidValidity)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(mailbox);
        Mailbox = mailbox;
        UidValidity = uidValidity;
    }

    /// <summary>user@host:port/folder: one row per mailbox the desk reads.</summary>
    public string Mailbox { get; private set; }

    public long UidValidity { get; private set; }

    public long LastUid { get; private set; }

    public DateTime? UpdatedAt { get; private set; }

    /// <summary>Returns true when the server's UIDVALIDITY differs from the one recorded, and starts over under the new one.</summary>
    public bool StartOverIfRenumbered(long uidValidity)
    {
        if (uidValidity == UidValidity)
            return false;
        UidValidity = uidValidity;
        LastUid = 0;
        return true;
    }

    public void Advance(long uid, DateTime at)
    {
        if (uid > LastUid)
            LastUid = uid;
        UpdatedAt = at;
    }
}
