namespace ConnexDesk.Domain.Cases;

/// <summary>The experts on a case: proposals to the government, its answers, conflict declarations and rulings.</summary>
public sealed partial class Case
{
    /// <summary>Stages at which experts are proposed: from approval until delivery (a second expert may join during it).</summary>
    public static IReadOnlyList<CaseStage> ExpertStages { get; } = [CaseStage.Approved, CaseStage.Scoping, CaseStage.ExpertSelection, CaseStage.Delivery];

    /// <summary>The manager's latest ruling on conflicts screening found for <paramref name="expertId"/> (not on a declaration).</summary>
    public ConflictRuling? ScreeningRulingFor(int expertId) =>
        _conflictRulings.Where(r => r.ExpertId == expertId && r.EngagementId is null).OrderBy(r => r.RuledAt).ThenBy(r => r.Id).LastOrDefault();

    /// <summary>The manager's latest ruling of any kind on <paramref name="expertId"/>: a rejection keeps them off the case.</summary>
    public ConflictRuling? LatestRulingFor(int expertId) =>
        _conflictRulings.Where(r => r.ExpertId == expertId).OrderBy(r => r.RuledAt).ThenBy(r => r.Id).LastOrDefault();

    public ConflictRuling? DeclarationRulingFor(Engagement engagement) =>
        _conflictRulings.Where(r => r.EngagementId == engagement?.Id && r.EngagementId is not null).OrderBy(r => r.RuledAt).ThenBy(r => r.Id).LastOrDefault();

    /// <summary>True when the expert said there is no conflict, or declared one that a manager cleared.</summary>
    public bool ConflictSettled(Engagement engagement)
    {
        ArgumentNullException.ThrowIfNull(engagement);
        return engagement.Declaration switch
        {
            ConflictDeclaration.NoConflict => true,
            ConflictDeclaration.ConflictDeclared => DeclarationRulingFor(engagement)?.Outcome == ConflictRulingOutcome.Cleared,
            ConflictDeclaration.NotDeclared => false,
        };
    }

    public IReadOnlyList<Reason> ProposeExpert(ExpertProposal proposal, CaseActor actor, DateTime at)
    {
        ArgumentNullException.ThrowIfNull(proposal);
        ArgumentNullException.ThrowIfNull(actor);
        if (!CanBeChangedBy(actor))
            return [new Reason("Only the unit's staff change an open case.")];
        if (!ExpertStages.Contains(Stage))
            return [new Reason("Experts are proposed once the request is approved; the case is at the stage '{0}'.", CaseWords.Stage(Stage))];
        if (_engagements.Any(e => e.ExpertId == proposal.ExpertId && e.IsCurrent))
            return [new Reason("{0} is already proposed or engaged on this case.", proposal.ExpertName)];
        if (proposal.Days is <= 0 or > 365)
            return [new Reason("Give the days as a number from 1 to 365, or leave them empty.")];
        if (proposal.Ineligible.Count > 0)
            return [.. proposal.Ineligible.Select(r => new Reason("{0} cannot be proposed: {1}", proposal.ExpertName, r))];
        var engagement = new Engagement(proposal, actor, at);
        _engagements.Add(engagement);
        Record(new CaseHistoryEntry(HistoryKind.EngagementChanged, actor, at) { Field = proposal.ExpertName, NewValue = "proposed to the government" });
        return [];
    }

    /// <summary>The government accepts or declines a proposed expert: its focal point in the portal, or staff recording its email.</summary>
    public IReadOnlyList<Reason> RecordGovernmentDecision(Engagement? engagement, bool accepted, string? note, CaseActor actor, DateTime at)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!(actor.IsUnitStaff || actor.Role == Role.FocalPoint) || IsFinished)
            return [new Reason("Only the government's focal point, or staff recording its answer, decide on a proposed expert.")];
        if (engagement is null || !_engagements.Contains(engagement))
            return [new Reason("That expert is not proposed on this case.")];
        if (engagement.Status != EngagementStatus.Proposed)
            return [new Reason("The government has already answered for {0}.", engagement.ExpertName)];
        engagement.RecordGovernmentDecision(accepted, note, actor, at);
        Record(new CaseHistoryEntry(HistoryKind.EngagementChanged, actor, at)
        {
            Field = engagement.ExpertName,
            NewValue = accepted ? "accepted by the government" : "declined by the government",
            Reason = engagement.GovernmentDecisionNote,
        });
        return [];
    }

    /// <summary>The expert declares, for this case's counterparties, that there is no conflict or what the conflict is.</summary>
    public IReadOnlyList<Reason> RecordConflictDeclaration(Engagement? engagement, bool conflict, string? description, CaseActor actor, DateTime at)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!(actor.IsUnitStaff || actor.Role == Role.Expert) || IsFinished)
            return [new Reason("Only the expert, or staff recording the expert's declaration, declare conflicts.")];
        if (engagement is null || !_engagements.Contains(engagement) || !engagement.IsCurrent)
            return [new Reason("That expert is not proposed or engaged on this case.")];
        if (engagement.Declaration != ConflictDeclaration.NotDeclared)
            return [new Reason("{0} has already declared; a new declaration needs a new engagement.", engagement.ExpertName)];
        if (conflict && string.IsNullOrWhiteSpace(description))
            return [new Reason("Describe the conflict: with whom, what role, and when.")];
        engagement.RecordDeclaration(conflict, description, actor, at);
        Record(new CaseHistoryEntry(HistoryKind.EngagementChanged, actor, at)
        {
            Field = engagement.ExpertName,
            NewValue = conflict ? "declared a conflict of interest" : "declared no conflict of interest",
            Reason = engagement.DeclarationText,
        });
        return [];
    }

    /// <summary>
    /// A manager clears or rejects a conflict, with a reason: one the expert declared on <paramref name="engagement"/>,
    /// or, with no engagement, the ties screening found for the expert. Rejecting a declared conflict cancels the engagement.
    /// </summary>
    public IReadOnlyList<Reason> RuleOnConflict(int expertId, string expertName, Engagement? engagement, string conflict, ConflictRulingOutcome outcome, string? reason, CaseActor manager, DateTime at)
    {
        ArgumentNullException.ThrowIfNull(manager);
        ArgumentException.ThrowIfNullOrWhiteSpace(conflict);
        if (manager.Role != Role.Manager)
            return [new Reason("Only managers can do this.")];
        if (IsFinished)
            return [new Reason("This case is finished; it can no longer be changed.")];
        if (string.IsNullOrWhiteSpace(reason))
            return [new Reason("Give the reason for the ruling; it is kept with the case.")];
        if (engagement is not null)
        {
            if (!_engagements.Contains(engagement) || engagement.ExpertId != expertId)
                return [new Reason("That expert is not proposed or engaged on this case.")];
            if (engagement.Declaration != ConflictDeclaration.ConflictDeclared || DeclarationRulingFor(engagement) is not null || !engagement.IsCurrent)
                return [new Reason("There is no declared conflict of {0} waiting for a ruling.", engagement.ExpertName)];
        }
        var ruling = new ConflictRuling(expertId, expertName, engagement?.Id, conflict.Trim(), outcome, reason.Trim(), manager, at);
        _conflictRulings.Add(ruling);
        if (engagement is not null && outcome == ConflictRulingOutcome.Rejected)
            engagement.Cancel($"conflict of interest rejected: {ruling.Reason}", at);
        Record(new CaseHistoryEntry(HistoryKind.ConflictRuled, manager, at)
        {
            Field = expertName,
            NewValue = (outcome == ConflictRulingOutcome.Cleared ? "conflict cleared: " : "conflict rejected: ") + Shortened(ruling.Conflict),
            Reason = ruling.Reason,
        });
        return [];
    }

    /// <summary>The experts still waiting for the government's answer were sent to its focal point, by email.</summary>
    public IReadOnlyList<Reason> RecordShortlistSent(string recipient, CaseActor actor, DateTime at)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(recipient);
        ArgumentNullException.ThrowIfNull(actor);
        if (!CanBeChangedBy(actor))
            return [new Reason("Only the unit's staff change an open case.")];
        var waiting = _engagements.Where(e => e.Status == EngagementStatus.Proposed).ToList();
        if (waiting.Count == 0)
            return [new Reason("No proposed expert is waiting for the government's answer; propose experts first.")];
        Record(new CaseHistoryEntry(HistoryKind.EngagementChanged, actor, at)
        {
            Field = string.Join(", ", waiting.Select(e => e.ExpertName)),
            NewValue = "shortlist sent to the government",
            Reason = recipient,
        });
        return [];
    }

    public IReadOnlyList<Reason> CancelEngagement(Engagement? engagement, string? reason, CaseActor actor, DateTime at)
    {
        if (Refusal(engagement, actor) is { } refused)
            return [refused];
        if (!engagement!.IsCurrent)
            return [new Reason("That expert is not proposed or engaged on this case.")];
        if (string.IsNullOrWhiteSpace(reason))
            return [new Reason("a reason is required.")];
        engagement.Cancel(reason.Trim(), at);
        Record(new CaseHistoryEntry(HistoryKind.EngagementChanged, actor, at) { Field = engagement.ExpertName, NewValue = "engagement cancelled", Reason = engagement.CancellationReason });
        return [];
    }

}
