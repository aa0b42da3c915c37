namespace ConnexDesk.Domain.Timeliness;

public enum DigestKind
{
    /// <summary>To a case officer: their cases with a promise due soon or overdue.</summary>
    Digest,

    /// <summary>To a manager: every overdue promise, with its officer.</summary>
    Escalation,
}

/// <summary>That one person got one kind of daily mail on one day: unique, so that several instances send it once.</summary>
public sealed class DigestSent
{
    private DigestSent()
    {
        UserId = "";
    }

    public DigestSent(DigestKind kind, string userId, DateOnly day, DateTime at)
    {
        Kind = kind;
        UserId = userId;
        Day = day;
        SentAt = at;
    }

    public int Id { get; private set; }
    public DigestKind Kind { get; private set; }
    public string UserId { get; private set; }
    public DateOnly Day { get; private set; }
    public DateTime SentAt { get; private set; }
}
