namespace ConnexDesk.Domain.Cases;

public enum DueDiligenceStatus
{
    Open,
    Satisfied,
    RiskIdentified,
    NotApplicable,
}

public enum RiskRating
{
    Low,
    Medium,
    High,
}

/// <summary>One line of the checklist an administrator keeps: what to check, and how.</summary>
public sealed record DueDiligenceCheck(string Title, string? Guidance);

/// <summary>What a reviewer records on one checklist item.</summary>
public sealed record DueDiligenceReview(
    DueDiligenceStatus Status,
    RiskRating? Risk,
    string? Mitigation,
    string? Evidence,
    IReadOnlyList<int> EvidenceDocumentIds,
    string? Comment);

/// <summary>
/// One line of a case's due-diligence checklist: drawn up from the unit's checklist when due diligence starts, then
/// reviewed (status, risk, mitigation, evidence, comment) by the unit's staff. Every review is in the case history.
/// </summary>
public sealed class DueDiligenceItem
{
    private DueDiligenceItem()
    {
        Title = "";
        EvidenceDocumentIds = [];
    }

    public DueDiligenceItem(string title, DueDiligenceStatus status, RiskRating? risk, string? mitigation, string? guidance = null, int order = 0)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(title);
        Title = title.Trim();
        Status = status;
        Risk = risk;
        Mitigation = mitigation;
        Guidance = guidance;
        Order = order;
        EvidenceDocumentIds = [];
    }

    public int Id { get; private set; }
    public int Order { get; private set; }
    public string Title { get; private set; }

    /// <summary>What the check covers, from the unit's checklist.</summary>
    public string? Guidance { get; private set; }

    public DueDiligenceStatus Status { get; private set; }
    public RiskRating? Risk { get; private set; }
    public string? Mitigation { get; private set; }

    /// <summary>Links and references that back the finding.</summary>
    public string? Evidence { get; private set; }

    /// <summary>Documents of the case that back the finding.</summary>
    public List<int> EvidenceDocumentIds { get; private set; }

    public string? Comment { get; private set; }
    public string? ReviewedById { get; private set; }
    public string? ReviewedBy { get; private set; }
    public DateTime? ReviewedAt { get; private set; }

    public bool IsClosed => Status != DueDiligenceStatus.Open;
    public bool HasUnmitigatedHighRisk => Risk == RiskRating.High && string.IsNullOrWhiteSpace(Mitigation);

    /// <summary>The item in a few words, as the history shows it.</summary>
    public string Summary => CaseWords.DueDiligenceStatus(Status)
        + (Risk is { } risk ? $", {CaseWords.RiskRating(risk).ToLowerInvariant()} risk" : "")
        + (string.IsNullOrWhiteSpace(Mitigation) ? "" : ", mitigated");

    internal void Record(DueDiligenceReview review, CaseActor reviewer, DateTime at)
    {
        Status = review.Status;
        Risk = review.Risk;
        Mitigation = Trimmed(review.Mitigation);
        Evidence = Trimmed(review.Evidence);
        EvidenceDocumentIds = [.. review.EvidenceDocumentIds.Distinct()];
        Comment = Trimmed(review.Comment);
        ReviewedById = reviewer.UserId;
        ReviewedBy = reviewer.Name;
        ReviewedAt = at;
    }

    private static string? Trimmed(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}

/// <summary>The checklist a case starts its due diligence with, unless an administrator has written another.</summary>
public static class DueDiligenceChecklist
{
    public static IReadOnlyList<DueDiligenceCheck> Defaults { get; } =
    [
        new("Eligibility confirmed", "The eligibility decision on the case is eligible, on the list versions in force."),
        new("Mandate of the requesting authority verified", "The ministry or office is responsible for this negotiation and the signatory may commit it."),
        new("Human-rights risk", "Risks to people affected by the project or the contract: land, labour, security forces, indigenous peoples."),
        new("Environmental risk", "Risks to the environment from the project, and whether the contract addresses them."),
        new("Legal risk", "Litigation, arbitration or disputes around the project or the counterparties."),
        new("Reputational risk", "Whether supporting this negotiation could harm the unit, its funders or the government."),
        new("Other international partners consulted", "Who else supports the government on this (overlap, synergies)."),
        new("Counterparties screened against sanctions lists", "Every counterparty, and its owners, screened; every possible hit reviewed."),
        new("No conflict with the unit's mandate or its funders", "The support is advice to the government, not transaction services or advocacy for a party."),
        new("Capacity to deliver in the timeline", "Experts of the disciplines needed can be engaged before the next negotiation round."),
    ];
}

/// <summary>One line of the unit's own checklist, as an administrator saved it; new cases are drawn up from these lines.</summary>
public sealed class ChecklistLine
{
    private ChecklistLine()
    {
        Title = "";
        SavedBy = "";
    }

    public ChecklistLine(int order, string title, string? guidance, DateTime savedAt, string savedBy)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(title);
        Order = order;
        Title = title.Trim();
        Guidance = string.IsNullOrWhiteSpace(guidance) ? null : guidance.Trim();
        SavedAt = savedAt;
        SavedBy = savedBy;
    }

    public int Id { get; private set; }
    public int Order { get; private set; }
    public string Title { get; private set; }
    public string? Guidance { get; private set; }
    public DateTime SavedAt { get; private set; }
    public string SavedBy { get; private set; }
}

/// <summary>Who the unit consulted before deciding (an advisory committee, a funder), when, and what they advised.</summary>
public sealed class Consultation
{
    private Consultation()
    {
        Body = "";
        Advice = "";
        RecordedBy = "";
    }

    public Consultation(string body, DateOnly consultedOn, string advice, CaseActor recordedBy, DateTime recordedAt)
    {
        ArgumentNullException.ThrowIfNull(recordedBy);
        Body = body.Trim();
        ConsultedOn = consultedOn;
        Advice = advice.Trim();
        RecordedBy = recordedBy.Name;
        RecordedAt = recordedAt;
    }

    public int Id { get; private set; }
    public string Body { get; private set; }
    public DateOnly ConsultedOn { get; private set; }
    public string Advice { get; private set; }
    public string RecordedBy { get; private set; }
    public DateTime RecordedAt { get; private set; }
}
