namespace ConnexDesk.Domain.Cases;

/// <summary>
/// The negotiation calendar (the rounds the support is timed against), the optional scoping mission, and the agreed
/// scope: the expertise needs the government confirms, version by version.
/// </summary>
public sealed partial class Case
{
    public const int MaxScopeNeeds = 30;
    public const int MaxMissionParticipants = 30;

    private readonly List<NegotiationRound> _rounds = [];
    private readonly List<ScopeVersion> _scopeVersions = [];

    public IReadOnlyList<NegotiationRound> Rounds => _rounds;
    public IReadOnlyList<ScopeVersion> ScopeVersions => _scopeVersions;
    public ScopingMission? ScopingMission { get; private set; }

    /// <summary>The earliest round still planned: neither held nor cancelled. <see cref="NextRoundOn"/> is its first day.</summary>
    public NegotiationRound? NextRound => _rounds.Where(r => r.Status == RoundStatus.Planned).OrderBy(r => r.StartsOn).ThenBy(r => r.Id).FirstOrDefault();

    /// <summary>The first round (planned or held) that starts after <paramref name="day"/>.</summary>
    public NegotiationRound? FirstRoundAfter(DateOnly day) =>
        _rounds.Where(r => r.Status != RoundStatus.Cancelled && r.StartsOn > day).OrderBy(r => r.StartsOn).ThenBy(r => r.Id).FirstOrDefault();

    public ScopeVersion? LatestScope => _scopeVersions.OrderBy(v => v.Number).LastOrDefault();

    /// <summary>The scope the government confirmed last; what the experts are matched against once there is one.</summary>
    public ScopeVersion? AgreedScope => _scopeVersions.Where(v => v.IsConfirmed).OrderBy(v => v.Number).LastOrDefault();

    public IReadOnlyList<Reason> PlanRound(DateOnly? startsOn, DateOnly? endsOn, string? place, string? agenda, CaseActor actor, DateTime at)
    {
        if (RoundRefusals(startsOn, endsOn, place, agenda, actor) is { Count: > 0 } refusals)
            return refusals;
        if (_rounds.Any(r => r.Status == RoundStatus.Planned && r.StartsOn == startsOn))
            return [new Reason("A round is already planned on {0:yyyy-MM-dd}; change that one instead.", startsOn!.Value)];
        var round = new NegotiationRound(startsOn!.Value, endsOn, place, agenda);
        _rounds.Add(round);
        NextRoundOn = NextRound?.StartsOn;
        Record(new CaseHistoryEntry(HistoryKind.FieldChanged, actor, at) { Field = "Negotiation rounds", NewValue = $"planned: {round}" });
        return [];
    }

    public IReadOnlyList<Reason> ChangeRound(NegotiationRound? round, DateOnly? startsOn, DateOnly? endsOn, string? place, string? agenda, CaseActor actor, DateTime at)
    {
        if (RoundRefusals(startsOn, endsOn, place, agenda, actor) is { Count: > 0 } refusals)
            return refusals;
        if (round is null || !_rounds.Contains(round) || round.Status != RoundStatus.Planned)
            return [new Reason("There is no such planned round on this case.")];
        var before = round.ToString();
        round.Plan(startsOn!.Value, endsOn, place, agenda);
        NextRoundOn = NextRound?.StartsOn;
        Record(new CaseHistoryEntry(HistoryKind.FieldChanged, actor, at) { Field = "Negotiation rounds", OldValue = before, NewValue = $"moved: {round}" });
        return [];
    }

    /// <summary>A round took place (it has started); what came of it is worth a line for the experts and the evaluation.</summary>
    public IReadOnlyList<Reason> RecordRoundHeld(NegotiationRound? round, string? outcome, CaseActor actor, DateTime at)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!CanBeChangedBy(actor))
            return [new Reason("Only the unit's staff change an open case.")];
        if (round is null || !_rounds.Contains(round) || round.Status != RoundStatus.Planned)
            return [new Reason("There is no such planned round on this case.")];
        if (round.StartsOn > DateOnly.FromDateTime(at))
            return [new Reason("The round of {0:yyyy-MM-dd} has not started yet.", round.StartsOn)];
        if (outcome?.Length > MaxRecommendationLength)
            return [new Reason("The outcome can have at most {0} characters.", MaxRecommendationLength)];
        round.Close(RoundStatus.Held, outcome);
        NextRoundOn = NextRound?.StartsOn;
        Record(new CaseHistoryEntry(HistoryKind.FieldChanged, actor, at) { Field = "Negotiation rounds", NewValue = $"held: {round}", Reason = round.Outcome is { } o ? Shortened(o) : null });
        return [];
    }

    public IReadOnlyList<Reason> CancelRound(NegotiationRound? round, string? reason, CaseActor actor, DateTime at)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!CanBeChangedBy(actor))
            return [new Reason("Only the unit's staff change an open case.")];
        if (round is null || !_rounds.Contains(round) || round.Status != RoundStatus.Planned)
            return [new Reason("There is no such planned round on this case.")];
        if (string.IsNullOrWhiteSpace(reason))
            return [new Reason("Say why the round will not take place.")];
        round.Close(RoundStatus.Cancelled, reason);
        NextRoundOn = NextRound?.StartsOn;
        Record(new CaseHistoryEntry(HistoryKind.FieldChanged, actor, at) { Field = "Negotiation rounds", NewValue = $"cancelled: {round}", Reason = round.Outcome });
        return [];
    }

    public IReadOnlyList<Reason> PlanScopingMission(ScopingMissionPlan plan, CaseActor actor, DateTime at)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (ScopingRefusal(actor) is { } refused)
            return [refused];
        var problems = new List<Reason>();
        if (plan.StartsOn is null || (plan.EndsOn is { } ends && ends < plan.StartsOn))
            problems.Add(new Reason("Give the dates of the mission: a first day and a last day that does not come before it."));
        if (!plan.Remote && string.IsNullOrWhiteSpace(plan.Place))
            problems.Add(new Reason("Say where the mission takes place, or that it is remote."));
        if (plan.Place?.Length > 200)
            problems.Add(new Reason("The place can have at most {0} characters.", 200));
        if (plan.Participants.Count > MaxMissionParticipants || plan.Participants.Any(p => p.Length > 300))
            problems.Add(new Reason("List at most {0} participants, one per line, each at most 300 characters.", MaxMissionParticipants));
        if (problems.Count > 0)
            return problems;
        var before = ScopingMission?.ToString();
        if (ScopingMission is null)
            ScopingMission = new ScopingMission(plan);
        else
            ScopingMission.Plan(plan);
        Record(new CaseHistoryEntry(HistoryKind.FieldChanged, actor, at)
        {
            Field = "Scoping mission",
            OldValue = before,
            NewValue = ScopingMission + (ScopingMission.Participants.Count == 0 ? "" : $"; {string.Join(", ", ScopingMission.Participants)}"),
        });
        return [];
    }

    /// <summary>The mission's terms of reference: a document of the case (a new upload is the next version).</summary>
    public IReadOnlyList<Reason> AddTermsOfReference(CaseDocument document, CaseActor actor)
    {
        ArgumentNullException.ThrowIfNull(document);
        if (ScopingRefusal(actor) is { } refused)
            return [refused];
        if (ScopingMission is null)
            return [new Reason("Plan the scoping mission first.")];
        if (document.Kind != CaseDocumentKind.TermsOfReference)
            throw new ArgumentException("Terms of reference are documents of that kind.", nameof(document));
        AddDocument(document, actor);
        ScopingMission.AttachTermsOfReference(document);
        return [];
    }

    public IReadOnlyList<Reason> RecordScopingFindings(string? findings, CaseActor actor, DateTime at)
    {
        if (ScopingRefusal(actor) is { } refused)
            return [refused];
        if (ScopingMission is null)
            return [new Reason("Plan the scoping mission first.")];
        if (ScopingMission.StartsOn > DateOnly.FromDateTime(at))
            return [new Reason("The mission starts on {0:yyyy-MM-dd}; its findings are written once it has begun.", ScopingMission.StartsOn)];
        if (string.IsNullOrWhiteSpace(findings))
            return [new Reason("Write the findings.")];
        if (findings.Length > MaxRecommendationLength)
            return [new Reason("The findings can have at most {0} characters.", MaxRecommendationLength)];
        ScopingMission.RecordFindings(findings, actor, at);
        Record(new CaseHistoryEntry(HistoryKind.FieldChanged, actor, at) { Field = "Scoping findings", NewValue = Shortened(ScopingMission.Findings!) });
        return [];
    }

    /// <summary>A calendar invitation to the mission went out (kept as a document of the case).</summary>
    public IReadOnlyList<Reason> RecordMissionInvitation(CaseDocument invitation, IReadOnlyList<string> recipients, CaseActor actor)
    {
        ArgumentNullException.ThrowIfNull(invitation);
        ArgumentNullException.ThrowIfNull(recipients);
        if (ScopingRefusal(actor) is { } refused)
            return [refused];
        if (ScopingMission is null)
            return [new Reason("Plan the scoping mission first.")];
        if (recipients.Count == 0)
            return [new Reason("No one to invite: no participant has an email address, and no contact was chosen.")];
        AddDocument(invitation, actor);
        Record(new CaseHistoryEntry(HistoryKind.FieldChanged, actor, invitation.AddedAt)
        {
            Field = "Invitation to the scoping mission",
            NewValue = $"{ScopingMission}, sent to {string.Join(", ", recipients)}",
        });
        return [];
    }

    /// <summary>A new version of the scope; an earlier version still unconfirmed is superseded.</summary>
    public IReadOnlyList<Reason> ProposeScope(IReadOnlyList<ExpertiseNeed> needs, string? notes, CaseActor actor, DateTime at)
    {
        ArgumentNullException.ThrowIfNull(needs);
        ArgumentNullException.ThrowIfNull(actor);
        if (!CanBeChangedBy(actor))
            return [new Reason("Only the unit's staff change an open case.")];
        if (!ExpertStages.Contains(Stage))
            return [new Reason("The scope is agreed once the request is approved; the case is at the stage '{0}'.", CaseWords.Stage(Stage))];
        var problems = new List<Reason>();
        if (needs.Count == 0)
            problems.Add(new Reason("List at least one expertise need."));
        if (needs.Count > MaxScopeNeeds)
            problems.Add(new Reason("A scope can list at most {0} expertise needs.", MaxScopeNeeds));
        foreach (var (need, line) in needs.Select((n, i) => (n, i + 1)))
        {
            if (need.Days is < 1 or > ExpertiseNeed.MaxDays)
                problems.Add(new Reason("Line {0}: give the days, from 1 to {1}.", line, ExpertiseNeed.MaxDays));
            if (need.Language.Length is < 2 or > 3 || !need.Language.All(char.IsAsciiLetterLower))
                problems.Add(new Reason("Line {0}: give the language as a two-letter code (fr, es, pt, en…).", line));
            if (need.From is { } from && need.To is { } to && to < from)
                problems.Add(new Reason("Line {0}: the period ends before it starts.", line));
        }
        if (notes?.Length > MaxRecommendationLength)
            problems.Add(new Reason("The notes can have at most {0} characters.", MaxRecommendationLength));
        if (problems.Count > 0)
            return problems;
        if (LatestScope is { IsConfirmed: false } earlier)
            earlier.Supersede(at);
        var version = new ScopeVersion((LatestScope?.Number ?? 0) + 1, needs, notes, actor, at);
        _scopeVersions.Add(version);
        Record(new CaseHistoryEntry(HistoryKind.FieldChanged, actor, at)
        {
            Field = "Scope",
            NewValue = $"version {version.Number} proposed: " + string.Join("; ", needs.Select(n => $"{n.Discipline} ({n.Language}, {n.Days} days)")),
        });
        return [];
    }

    /// <summary>The latest version went to the government's focal point to confirm; the unit now waits for its answer.</summary>
    public IReadOnlyList<Reason> RecordScopeSent(ScopeVersion? version, string recipient, CaseActor actor, DateTime at)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(recipient);
        ArgumentNullException.ThrowIfNull(actor);
        if (!CanBeChangedBy(actor))
            return [new Reason("Only the unit's staff change an open case.")];
        if (version is null || version != LatestScope || version.IsConfirmed)
            return [new Reason("Only the latest version of the scope, not yet confirmed, goes to the government.")];
        version.Send(recipient, at);
        Record(new CaseHistoryEntry(HistoryKind.FieldChanged, actor, at) { Field = "Scope", NewValue = $"version {version.Number} sent to {recipient} to confirm" });
        return [];
    }

    /// <summary>The government confirms the latest version: its focal point in the portal, or staff recording its email.</summary>
    public IReadOnlyList<Reason> ConfirmScope(ScopeVersion? version, string? confirmedBy, CaseActor actor, DateTime at)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!(actor.IsUnitStaff || actor.Role == Role.FocalPoint) || IsFinished)
            return [new Reason("Only the government's focal point, or staff recording its answer, confirm the scope.")];
        if (version is null || version != LatestScope)
            return [new Reason("Only the latest version of the scope can be confirmed.")];
        if (version.IsConfirmed)
            return [new Reason("Version {0} of the scope is already confirmed.", version.Number)];
        if (string.IsNullOrWhiteSpace(confirmedBy) || confirmedBy.Length > 200)
            return [new Reason("Say who confirmed the scope for the government.")];
        version.Confirm(confirmedBy, actor, at);
        Record(new CaseHistoryEntry(HistoryKind.FieldChanged, actor, at) { Field = "Scope", NewValue = $"version {version.Number} confirmed by {version.ConfirmedBy}" });
        return [];
    }

    /// <summary>The date given as the next round on the case's details moves the next planned round, or plans one.</summary>
    private void PlanNextRoundFromDetails(DateOnly? date)
    {
        if (date == NextRoundOn)
            return;
        var next = NextRound;
        if (date is not { } day)
            next?.Close(RoundStatus.Cancelled, "removed from the case details");
        else if (next is null)
            _rounds.Add(new NegotiationRound(day, null, null, null));
        else
            next.Plan(day, day.AddDays(next.EndsOn.DayNumber - next.StartsOn.DayNumber), next.Place, next.Agenda);
        NextRoundOn = NextRound?.StartsOn;
    }

    private List<Reason> RoundRefusals(DateOnly? startsOn, DateOnly? endsOn, string? place, string? agenda, CaseActor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!CanBeChangedBy(actor))
            return [new Reason("Only the unit's staff change an open case.")];
        var problems = new List<Reason>();
        if (startsOn is null || (endsOn is { } ends && ends < startsOn))
            problems.Add(new Reason("Give the dates of the round: a first day and a last day that does not come before it."));
        if (place?.Length > 200)
            problems.Add(new Reason("The place can have at most {0} characters.", 200));
        if (agenda?.Length > 2000)
            problems.Add(new Reason("The agenda can have at most {0} characters.", 2000));
        return problems;
    }

    private Reason? ScopingRefusal(CaseActor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!CanBeChangedBy(actor))
            return new Reason("Only the unit's staff change an open case.");
        if (Stage is not (CaseStage.Approved or CaseStage.Scoping or CaseStage.ExpertSelection))
            return new Reason("A scoping mission takes place after approval and before delivery; the case is at the stage '{0}'.", CaseWords.Stage(Stage));
        return null;
    }
}
