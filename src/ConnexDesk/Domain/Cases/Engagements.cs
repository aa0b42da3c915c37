namespace ConnexDesk.Domain.Cases;

public enum EngagementStatus
{
    Proposed,
    AcceptedByGovernment,
    DeclinedByGovernment,
    Contracted,
    Active,
    Completed,
    Cancelled,
}

/// <summary>What the expert said about conflicts of interest with this case's counterparties.</summary>
public enum ConflictDeclaration
{
    NotDeclared,
    NoConflict,
    ConflictDeclared,
}

public enum ConflictRulingOutcome
{
    Cleared,
    Rejected,
}

/// <summary>
/// An expert put forward for a case: who, in what role and for how many days, with the ties the screening showed
/// (none of them blocking, or each cleared by a manager), and why they may not be proposed when they may not.
/// </summary>
public sealed record ExpertProposal(int ExpertId, string ExpertName, string? Role, int? Days, IReadOnlyList<string> TiesShown, IReadOnlyList<Reason> Ineligible);

/// <summary>One expert on one case: proposed to the government, accepted or declined by it, then contracted and at work.</summary>
public sealed class Engagement
{
    private readonly List<WorkRecord> _work = [];
    private readonly List<Deliverable> _deliverables = [];

    private Engagement()
    {
        ExpertName = "";
        ProposedBy = "";
        TiesShown = [];
    }

    internal Engagement(ExpertProposal proposal, CaseActor actor, DateTime at)
    {
        ExpertId = proposal.ExpertId;
        ExpertName = proposal.ExpertName;
        Role = string.IsNullOrWhiteSpace(proposal.Role) ? null : proposal.Role.Trim();
        DaysBudgeted = proposal.Days;
        TiesShown = [.. proposal.TiesShown];
        Status = EngagementStatus.Proposed;
        ProposedAt = at;
        ProposedBy = actor.Name;
    }

    public int Id { get; private set; }
    public int ExpertId { get; private set; }
    public string ExpertName { get; private set; }
    public string? Role { get; private set; }
    public int? DaysBudgeted { get; private set; }
    public EngagementStatus Status { get; private set; }
    public DateTime ProposedAt { get; private set; }
    public string ProposedBy { get; private set; }

    /// <summary>Ties to the counterparties that screening showed when the expert was proposed (old or cleared ones).</summary>
    public List<string> TiesShown { get; private set; }

    public DateTime? GovernmentDecidedAt { get; private set; }

    /// <summary>Who recorded the government's answer: the focal point in the portal, or staff from their email.</summary>
    public string? GovernmentDecisionRecordedBy { get; private set; }
    public string? GovernmentDecisionNote { get; private set; }

    public ConflictDeclaration Declaration { get; private set; }
    public string? DeclarationText { get; private set; }
    public DateTime? DeclaredAt { get; private set; }
    public string? DeclarationRecordedBy { get; private set; }

    /// <summary>The period of the contract, both days included.</summary>
    public DateOnly? StartsOn { get; private set; }
    public DateOnly? EndsOn { get; private set; }
    public string? ContractReference { get; private set; }
    public DateTime? ContractedAt { get; private set; }
    public DateTime? StartedAt { get; private set; }
    public IReadOnlyList<WorkRecord> Work => _work;
    public IReadOnlyList<Deliverable> Deliverables => _deliverables;

    /// <summary>The days worked that count: within the budget, or beyond it with a manager's approval.</summary>
    public decimal DaysUsed => _work.Where(w => !w.OverBudget || w.OverBudgetApproved == true).Sum(w => w.Days);

    public DateTime? CompletedAt { get; private set; }
    public DateTime? CancelledAt { get; private set; }
    public string? CancellationReason { get; private set; }

    /// <summary>Neither finished nor turned down: the expert still counts against their workload and the case.</summary>
    public bool IsCurrent => Status is not (EngagementStatus.Completed or EngagementStatus.Cancelled or EngagementStatus.DeclinedByGovernment);

    /// <summary>The statuses that mean the government accepted the expert; also what the database's queries look for.</summary>
    public static IReadOnlyList<EngagementStatus> AcceptedStatuses { get; } =
        [EngagementStatus.AcceptedByGovernment, EngagementStatus.Contracted, EngagementStatus.Active, EngagementStatus.Completed];

    public bool IsAcceptedByGovernment => AcceptedStatuses.Contains(Status);

    internal void RecordGovernmentDecision(bool accepted, string? note, CaseActor actor, DateTime at)
    {
        Status = accepted ? EngagementStatus.AcceptedByGovernment : EngagementStatus.DeclinedByGovernment;
        GovernmentDecidedAt = at;
        GovernmentDecisionRecordedBy = actor.Name;
        GovernmentDecisionNote = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
    }

    internal void RecordDeclaration(bool conflict, string? text, CaseActor actor, DateTime at)
    {
        Declaration = conflict ? ConflictDeclaration.ConflictDeclared : ConflictDeclaration.NoConflict;
        DeclarationText = string.IsNullOrWhiteSpace(text) ? null : text.Trim();
        DeclaredAt = at;
        DeclarationRecordedBy = actor.Name;
    }

    internal void Cancel(string reason, DateTime at)
    {
        Status = EngagementStatus.Cancelled;
        CancelledAt = at;
        CancellationReason = reason;
    }

    internal void Complete(DateTime at)
    {
        Status = EngagementStatus.Completed;
        CompletedAt ??= at;
    }

    internal void Contract(DateOnly startsOn, DateOnly endsOn, string? reference, DateTime at)
    {
        Status = EngagementStatus.Contracted;
        (StartsOn, EndsOn, ContractReference, ContractedAt) = (startsOn, endsOn, string.IsNullOrWhiteSpace(reference) ? null : reference.Trim(), at);
    }

    internal void Start(DateTime at)
    {
        Status = EngagementStatus.Active;
        StartedAt = at;
    }

    internal void Add(WorkRecord record) => _work.Add(record);

    internal void Add(Deliverable deliverable) => _deliverables.Add(deliverable);
}

/// <summary>
/// A manager's ruling on a conflict of interest: one that screening found between an expert and this case's
/// counterparties, or one the expert declared for an engagement. Cleared lets the expert work on the case; rejected
/// keeps them off it (and cancels the engagement).
/// </summary>
public sealed class ConflictRuling
{
    private ConflictRuling()
    {
        ExpertName = "";
        Conflict = "";
        Reason = "";
        RuledById = "";
        RuledBy = "";
    }

    internal ConflictRuling(int expertId, string expertName, int? engagementId, string conflict, ConflictRulingOutcome outcome, string reason, CaseActor manager, DateTime at)
    {
        ExpertId = expertId;
        ExpertName = expertName;
        EngagementId = engagementId;
        Conflict = conflict;
        Outcome = outcome;
        Reason = reason;
        RuledById = manager.UserId;
        RuledBy = manager.Name;
        RuledAt = at;
    }

    public int Id { get; private set; }
    public int ExpertId { get; private set; }
    public string ExpertName { get; private set; }

    /// <summary>Set for a declared conflict; null for one that screening found before any proposal.</summary>
    public int? EngagementId { get; private set; }

    /// <summary>The conflict ruled on, in words: the screening's findings or the expert's declaration.</summary>
    public string Conflict { get; private set; }
    public ConflictRulingOutcome Outcome { get; private set; }
    public string Reason { get; private set; }
    public string RuledById { get; private set; }
    public string RuledBy { get; private set; }
    public DateTime RuledAt { get; private set; }
}

/// <summary>Days an expert worked on one day, as they or staff recorded them; beyond the budget they wait for a manager.</summary>
public sealed class WorkRecord
{
    private WorkRecord()
    {
        RecordedBy = "";
    }

    internal WorkRecord(DateOnly workedOn, decimal days, string? note, bool overBudget, CaseActor actor, DateTime at)
    {
        WorkedOn = workedOn;
        Days = days;
        Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        OverBudget = overBudget;
        RecordedBy = actor.Name;
        RecordedAt = at;
    }

    public int Id { get; private set; }
    public DateOnly WorkedOn { get; private set; }
    public decimal Days { get; private set; }
    public string? Note { get; private set; }
    public string RecordedBy { get; private set; }
    public DateTime RecordedAt { get; private set; }

    /// <summary>Recorded when the budget was already used up: it counts once a manager approves it.</summary>
    public bool OverBudget { get; private set; }

    /// <summary>Null while an over-budget record waits; true or false once a manager decided.</summary>
    public bool? OverBudgetApproved { get; private set; }
    public string? DecidedBy { get; private set; }
    public DateTime? DecidedAt { get; private set; }
    public string? DecisionReason { get; private set; }

    public bool AwaitsApproval => OverBudget && OverBudgetApproved is null;

    internal void Decide(bool approved, string? reason, CaseActor manager, DateTime at) =>
        (OverBudgetApproved, DecisionReason, DecidedBy, DecidedAt) = (approved, string.IsNullOrWhiteSpace(reason) ? null : reason.Trim(), manager.Name, at);
}

/// <summary>Something an expert owes the government: a title and a due date; then the document they submit and who accepted it.</summary>
public sealed class Deliverable
{
    private Deliverable()
    {
        Title = "";
    }

    internal Deliverable(string title, DateOnly dueOn)
    {
        Title = title.Trim();
        DueOn = dueOn;
    }

    public int Id { get; private set; }
    public string Title { get; private set; }
    public DateOnly DueOn { get; private set; }

    /// <summary>The case document submitted for it (the latest submission).</summary>
    public int? DocumentId { get; private set; }
    public CaseDocument? Document { get; private set; }
    public DateTime? SubmittedAt { get; private set; }
    public string? SubmittedBy { get; private set; }
    public DateTime? AcceptedAt { get; private set; }
    public string? AcceptedBy { get; private set; }

    public bool IsAccepted => AcceptedAt is not null;

    internal void Submit(CaseDocument document, CaseActor actor, DateTime at) =>
        (Document, SubmittedAt, SubmittedBy, AcceptedAt, AcceptedBy) = (document, at, actor.Name, null, null);

    internal void Accept(CaseActor actor, DateTime at) => (AcceptedAt, AcceptedBy) = (at, actor.Name);
}
