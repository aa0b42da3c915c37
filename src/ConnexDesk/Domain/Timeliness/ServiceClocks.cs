using ConnexDesk.Domain.Cases;

namespace ConnexDesk.Domain.Timeliness;

/// <summary>The unit's promises on time, each timed in business days.</summary>
public enum ServiceLevel
{
    /// <summary>First contact acknowledged: from the inquiry to the unit's first message or letter to the government.</summary>
    FirstContactAcknowledged,

    /// <summary>Eligibility decided: from the formal request to the first eligibility decision.</summary>
    EligibilityDecided,

    /// <summary>Approval decided: from the formal request to approval or decline.</summary>
    ApprovalDecided,

    /// <summary>Experts fielded: from approval to the start of delivery, and before the next negotiation round.</summary>
    ExpertsFielded,
}

public enum GovernmentWait
{
    ProposedExperts,
    Scope,
}

public enum ClockState
{
    Running,
    PausedForGovernment,
    Overdue,
    Met,
    Missed,
}

/// <summary>How many business days each promise allows (defaults: 2, 5, 15 and 20).</summary>
public sealed record ServiceTargets(int AcknowledgeWithin = 2, int EligibilityWithin = 5, int ApprovalWithin = 15, int FieldWithin = 20);

/// <summary>
/// One promise on one case: when the clock started, when it is due, when it stopped (if it did), the business days
/// used and those it was paused while the unit waited for the government.
/// </summary>
public sealed record ServiceClock(ServiceLevel Level, DateTime StartedAt, DateOnly Due, DateTime? StoppedAt, int BusinessDaysUsed, int Allowed, int PausedBusinessDays, ClockState State)
{
    /// <summary>While paused: what the unit waits for from the government.</summary>
    public GovernmentWait? PausedFor { get; init; }

    public bool IsRunning => StoppedAt is null;
}

/// <summary>
/// Works out a case's clocks from its history. The experts-fielded clock pauses while proposed experts or a scope
/// sent to confirm wait for the government's answer (its due date moves by as many business days), but never beyond
/// the day before the first negotiation round after approval: support after the round is too late, whoever waited.
/// </summary>
public static class ServiceClocks
{
    public static IReadOnlyList<ServiceClock> Of(Case @case, DateTime? firstMessageToGovernmentAt, DateTime now, BusinessCalendar calendar, ServiceTargets targets)
    {
        ArgumentNullException.ThrowIfNull(@case);
        ArgumentNullException.ThrowIfNull(calendar);
        ArgumentNullException.ThrowIfNull(targets);
        var clocks = new List<ServiceClock>();
        var ended = @case.IsFinished ? @case.StageEnteredAt : (DateTime?)null;

        // A letter the unit issued answers the government as much as a message does.
        var firstAnswer = @case.Letters.Select(l => (DateTime?)l.IssuedAt).Append(firstMessageToGovernmentAt).Min();
        Add(ServiceLevel.FirstContactAcknowledged, @case.OpenedAt, firstAnswer, targets.AcknowledgeWithin, null, []);
        if (Entered(@case, CaseStage.FormalRequestReceived) is { } formalRequest)
        {
            // A decision taken before the formal request arrived keeps the promise the moment it arrives.
            var decided = @case.EligibilityDecisions.Select(d => (DateTime?)(d.DecidedAt < formalRequest ? formalRequest : d.DecidedAt)).Min();
            Add(ServiceLevel.EligibilityDecided, formalRequest, decided, targets.EligibilityWithin, null, []);
            Add(ServiceLevel.ApprovalDecided, formalRequest, Entered(@case, CaseStage.Approved) ?? Entered(@case, CaseStage.Declined), targets.ApprovalWithin, null, []);
        }
        if (Entered(@case, CaseStage.Approved) is { } approved)
        {
            var waits = @case.Engagements.Select(e => (From: e.ProposedAt, To: e.GovernmentDecidedAt ?? now, For: GovernmentWait.ProposedExperts))
                .Concat(@case.ScopeVersions.Where(v => v.SentAt is not null).Select(v => (From: v.SentAt!.Value, To: v.ConfirmedAt ?? v.SupersededAt ?? now, For: GovernmentWait.Scope)))
                .ToList();
            var roundLimit = @case.FirstRoundAfter(DateOnly.FromDateTime(approved)) is { } round ? round.StartsOn.AddDays(-1) : (DateOnly?)null;
            Add(ServiceLevel.ExpertsFielded, approved, Entered(@case, CaseStage.Delivery), targets.FieldWithin, roundLimit, waits);
        }
        return clocks;

        void Add(ServiceLevel level, DateTime started, DateTime? stopped, int allowed, DateOnly? latest, List<(DateTime From, DateTime To, GovernmentWait For)> waits)
        {
            if (stopped is null && ended is not null)
                return; // the case ended without this step: no promise left to keep
            var start = DateOnly.FromDateTime(started);
            var end = DateOnly.FromDateTime(stopped ?? now);
            var paused = PausedDays(waits, start, end, calendar);
            var due = calendar.AddBusinessDays(start, allowed + paused);
            if (latest is { } limit && limit < due)
                due = limit;
            var used = Math.Max(0, calendar.BusinessDaysBetween(start, end) - paused);
            var waitingNow = stopped is null ? waits.Where(w => w.To >= now && w.From <= now).Select(w => (GovernmentWait?)w.For).FirstOrDefault() : null;
            var state = stopped is not null
                ? (end <= due ? ClockState.Met : ClockState.Missed)
                : end > due ? ClockState.Overdue : waitingNow is not null ? ClockState.PausedForGovernment : ClockState.Running;
            clocks.Add(new ServiceClock(level, started, due, stopped, used, allowed, paused, state) { PausedFor = state == ClockState.PausedForGovernment ? waitingNow : null });
        }
    }

    /// <summary>When the case first entered <paramref name="stage"/>, from its history.</summary>
    public static DateTime? Entered(Case @case, CaseStage stage)
    {
        ArgumentNullException.ThrowIfNull(@case);
        return @case.History.Where(h => h.Kind == HistoryKind.StageChanged && h.ToStage == stage).Select(h => (DateTime?)h.At).Min();
    }

    /// <summary>Business days within [start, end] on which the unit waited for the government (overlapping waits counted once).</summary>
    private static int PausedDays(List<(DateTime From, DateTime To, GovernmentWait For)> waits, DateOnly start, DateOnly end, BusinessCalendar calendar)
    {
        if (waits.Count == 0)
            return 0;
        var days = new HashSet<DateOnly>();
        foreach (var (from, to, _) in waits)
        {
            for (var day = Max(DateOnly.FromDateTime(from), start.AddDays(1)); day <= Min(DateOnly.FromDateTime(to), end); day = day.AddDays(1))
            {
                if (calendar.IsBusinessDay(day))
                    days.Add(day);
            }
        }
        return days.Count;

        static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;
        static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;
    }
}
