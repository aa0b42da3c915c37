namespace ConnexDesk.Domain.Cases;

/// <summary>Delivery: experts contracted for a period, the days they work against their budget, what they deliver.</summary>
public sealed partial class Case
{
    /// <summary>The most days one record can hold: one day's work.</summary>
    public const decimal MaxDaysPerRecord = 1;

    public IReadOnlyList<Reason> ContractExpert(Engagement? engagement, DateOnly? startsOn, DateOnly? endsOn, string? contractReference, CaseActor actor, DateTime at)
    {
        if (Refusal(engagement, actor) is { } refused)
            return [refused];
        if (engagement!.Status != EngagementStatus.AcceptedByGovernment)
            return [new Reason("{0} is contracted once the government has accepted them.", engagement.ExpertName)];
        if (!ConflictSettled(engagement))
            return [new Reason("{0}'s conflict-of-interest declaration is missing or not cleared.", engagement.ExpertName)];
        if (startsOn is null || endsOn is null || endsOn < startsOn)
            return [new Reason("Give the period of the contract: a first day and a last day that does not come before it.")];
        engagement.Contract(startsOn.Value, endsOn.Value, contractReference, at);
        Record(new CaseHistoryEntry(HistoryKind.EngagementChanged, actor, at)
        {
            Field = engagement.ExpertName,
            NewValue = "contracted",
            Reason = $"{startsOn:yyyy-MM-dd} to {endsOn:yyyy-MM-dd}" + (engagement.ContractReference is { } r ? $", {r}" : ""),
        });
        return [];
    }

    /// <summary>A contracted expert starts work once the case is in delivery.</summary>
    public IReadOnlyList<Reason> StartWork(Engagement? engagement, CaseActor actor, DateTime at)
    {
        if (Refusal(engagement, actor) is { } refused)
            return [refused];
        if (Stage != CaseStage.Delivery)
            return [new Reason("Experts start work once the case is in delivery; it is at the stage '{0}'.", CaseWords.Stage(Stage))];
        if (engagement!.Status != EngagementStatus.Contracted)
            return [new Reason("{0} starts work once contracted.", engagement.ExpertName)];
        engagement.Start(at);
        Record(new CaseHistoryEntry(HistoryKind.EngagementChanged, actor, at) { Field = engagement.ExpertName, NewValue = "started work" });
        return [];
    }

    /// <summary>Days worked on one day, by the expert or by staff; beyond the budget they wait for a manager's approval.</summary>
    public IReadOnlyList<Reason> RecordDaysWorked(Engagement? engagement, DateOnly? workedOn, decimal? days, string? note, CaseActor actor, DateTime at)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!(actor.IsUnitStaff || actor.Role == Role.Expert) || IsFinished)
            return [new Reason("Only the expert, or staff recording for them, record days worked.")];
        if (engagement is null || !_engagements.Contains(engagement))
            return [new Reason("That expert is not proposed or engaged on this case.")];
        if (engagement.Status != EngagementStatus.Active)
            return [new Reason("Days are recorded while {0} is at work on the case.", engagement.ExpertName)];
        if (days is not { } worked || worked <= 0 || worked > MaxDaysPerRecord || worked * 2 != decimal.Truncate(worked * 2))
            return [new Reason("Give the days worked on that day: a half or a whole day.")];
        if (workedOn is not { } on || on > DateOnly.FromDateTime(at) || on < engagement.StartsOn || on > engagement.EndsOn)
            return [new Reason("Give a day within the contract ({0:yyyy-MM-dd} to {1:yyyy-MM-dd}) and not in the future.", engagement.StartsOn!, engagement.EndsOn!)];
        if (engagement.Work.Where(w => w.WorkedOn == on && w.OverBudgetApproved != false).Sum(w => w.Days) + worked > MaxDaysPerRecord)
            return [new Reason("More than one day recorded for {0:yyyy-MM-dd}.", on)];
        var pending = engagement.Work.Where(w => w.AwaitsApproval).Sum(w => w.Days);
        var overBudget = engagement.DaysBudgeted is { } budget && engagement.DaysUsed + pending + worked > budget;
        engagement.Add(new WorkRecord(on, worked, note, overBudget, actor, at));
        Record(new CaseHistoryEntry(HistoryKind.EngagementChanged, actor, at)
        {
            Field = engagement.ExpertName,
            NewValue = overBudget ? $"{worked} day(s) on {on:yyyy-MM-dd}, over budget: awaiting a manager" : $"{worked} day(s) on {on:yyyy-MM-dd}",
        });
        return [];
    }

    public IReadOnlyList<Reason> DecideOverBudget(Engagement? engagement, WorkRecord? record, bool approve, string? reason, CaseActor manager, DateTime at)
    {
        ArgumentNullException.ThrowIfNull(manager);
        if (manager.Role != Role.Manager)
            return [new Reason("Only managers can do this.")];
        if (IsFinished)
            return [new Reason("This case is finished; it can no longer be changed.")];
        if (engagement is null || record is null || !_engagements.Contains(engagement) || !engagement.Work.Contains(record) || !record.AwaitsApproval)
            return [new Reason("There is no over-budget record waiting for a decision.")];
        if (!approve && string.IsNullOrWhiteSpace(reason))
            return [new Reason("Give the reason for refusing the days; the expert reads it.")];
        record.Decide(approve, reason, manager, at);
        Record(new CaseHistoryEntry(HistoryKind.EngagementChanged, manager, at)
        {
            Field = engagement.ExpertName,
            NewValue = (approve ? "over-budget days approved: " : "over-budget days refused: ") + $"{record.Days} on {record.WorkedOn:yyyy-MM-dd}",
            Reason = record.DecisionReason,
        });
        return [];
    }

    public IReadOnlyList<Reason> AddDeliverable(Engagement? engagement, string? title, DateOnly? dueOn, CaseActor actor, DateTime at)
    {
        if (Refusal(engagement, actor) is { } refused)
            return [refused];
        if (!engagement!.IsCurrent || engagement.Status == EngagementStatus.Proposed)
            return [new Reason("Deliverables are agreed with an expert the government accepted.")];
        if (string.IsNullOrWhiteSpace(title) || title.Length > 300)
            return [new Reason("Give the deliverable a title of at most 300 characters.")];
        if (dueOn is null)
            return [new Reason("Give the date the deliverable is due.")];
        engagement.Add(new Deliverable(title, dueOn.Value));
        Record(new CaseHistoryEntry(HistoryKind.EngagementChanged, actor, at) { Field = engagement.ExpertName, NewValue = $"deliverable agreed: {title.Trim()}, due {dueOn:yyyy-MM-dd}" });
        return [];
    }

    /// <summary>The expert, or staff for them, submits a deliverable: the file becomes a document of the case.</summary>
    public IReadOnlyList<Reason> SubmitDeliverable(Engagement? engagement, Deliverable? deliverable, CaseDocument document, CaseActor actor)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(actor);
        if (!(actor.IsUnitStaff || actor.Role == Role.Expert) || IsFinished)
            return [new Reason("Only the expert, or staff for them, submit a deliverable.")];
        if (engagement is null || deliverable is null || !_engagements.Contains(engagement) || !engagement.Deliverables.Contains(deliverable))
            return [new Reason("There is no such deliverable on this case.")];
        if (engagement.Status != EngagementStatus.Active)
            return [new Reason("Deliverables are submitted while {0} is at work on the case.", engagement.ExpertName)];
        if (deliverable.IsAccepted)
            return [new Reason("'{0}' is already accepted.", deliverable.Title)];
        AddDocument(document, actor);
        deliverable.Submit(document, actor, document.AddedAt);
        Record(new CaseHistoryEntry(HistoryKind.EngagementChanged, actor, document.AddedAt) { Field = engagement.ExpertName, NewValue = $"deliverable submitted: {deliverable.Title}" });
        return [];
    }

    public IReadOnlyList<Reason> AcceptDeliverable(Engagement? engagement, Deliverable? deliverable, CaseActor actor, DateTime at)
    {
        if (Refusal(engagement, actor) is { } refused)
            return [refused];
        if (deliverable is null || !engagement!.Deliverables.Contains(deliverable))
            return [new Reason("There is no such deliverable on this case.")];
        if (deliverable.SubmittedAt is null)
            return [new Reason("'{0}' has not been submitted yet.", deliverable.Title)];
        if (deliverable.IsAccepted)
            return [new Reason("'{0}' is already accepted.", deliverable.Title)];
        deliverable.Accept(actor, at);
        Record(new CaseHistoryEntry(HistoryKind.EngagementChanged, actor, at) { Field = engagement.ExpertName, NewValue = $"deliverable accepted: {deliverable.Title}" });
        return [];
    }

    /// <summary>An engagement ends when every deliverable is accepted and no over-budget day waits for a decision.</summary>
    public IReadOnlyList<Reason> CompleteEngagement(Engagement? engagement, CaseActor actor, DateTime at)
    {
        if (Refusal(engagement, actor) is { } refused)
            return [refused];
        if (engagement!.Status != EngagementStatus.Active)
            return [new Reason("{0} is not at work on the case.", engagement.ExpertName)];
        var refusals = new List<Reason>();
        refusals.AddRange(engagement.Deliverables.Where(d => !d.IsAccepted).Select(d => new Reason("the deliverable '{0}' is not accepted.", d.Title)));
        if (engagement.Work.Any(w => w.AwaitsApproval))
            refusals.Add(new Reason("over-budget days wait for a manager's decision."));
        if (refusals.Count > 0)
            return refusals;
        engagement.Complete(at);
        Record(new CaseHistoryEntry(HistoryKind.EngagementChanged, actor, at) { Field = engagement.ExpertName, NewValue = $"engagement completed: {engagement.DaysUsed} day(s) worked" });
        return [];
    }

    /// <summary>Why an invitation to <paramref name="round"/> cannot go to <paramref name="recipients"/> people now; empty when it can.</summary>
    public IReadOnlyList<Reason> RoundInvitationRefusals(NegotiationRound? round, int recipients, CaseActor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!CanBeChangedBy(actor))
            return [new Reason("Only the unit's staff change an open case.")];
        if (round is null || !_rounds.Contains(round) || round.Status != RoundStatus.Planned)
            return [new Reason("Choose a planned negotiation round; plan it on the case first.")];
        if (recipients == 0)
            return [new Reason("No one to invite: no expert the government accepted is on the case, and no contact was chosen.")];
        return [];
    }

    /// <summary>An invitation to a negotiation round went out as a calendar file (kept as a document of the case).</summary>
    public IReadOnlyList<Reason> RecordRoundInvitation(NegotiationRound? round, CaseDocument invitation, IReadOnlyList<string> recipients, CaseActor actor)
    {
        ArgumentNullException.ThrowIfNull(invitation);
        ArgumentNullException.ThrowIfNull(recipients);
        if (RoundInvitationRefusals(round, recipients.Count, actor) is { Count: > 0 } refusals)
            return refusals;
        AddDocument(invitation, actor);
        Record(new CaseHistoryEntry(HistoryKind.FieldChanged, actor, invitation.AddedAt)
        {
            Field = "Invitation to the negotiation round",
            NewValue = $"{round}, sent to {string.Join(", ", recipients)}",
        });
        return [];
    }

    private Reason? Refusal(Engagement? engagement, CaseActor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!CanBeChangedBy(actor))
            return new Reason("Only the unit's staff change an open case.");
        if (engagement is null || !_engagements.Contains(engagement))
            return new Reason("That expert is not proposed or engaged on this case.");
        return null;
    }
}
