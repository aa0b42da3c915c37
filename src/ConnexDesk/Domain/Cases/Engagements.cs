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

    public DateTime? CompletedAt { get; private set; }
    public DateTime? CancelledAt { get; private set; }
    public string? CancellationReason { get; private set; }

    /// <summary>Neither finished nor turned down: the expert still counts against their workload and the case.</summary>
    public bool IsCurrent => Status is not (EngagementStatus.Completed or EngagementStatus.Cancelled or EngagementStatus.DeclinedByGovernment);

    public bool IsAcceptedByGovernment => Status is EngagementStatus.AcceptedByGovernment or EngagementStatus.Contracted or EngagementStatus.Active or EngagementStatus.Completed;

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
