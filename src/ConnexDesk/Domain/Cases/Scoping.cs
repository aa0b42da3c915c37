using ConnexDesk.Domain.Experts;

namespace ConnexDesk.Domain.Cases;

public enum RoundStatus
{
    Planned,
    Held,
    Cancelled,
}

/// <summary>
/// One session of the negotiation the government faces: when, where, and whether it took place. The support is
/// timed against these rounds: experts must be in the field before the next one.
/// </summary>
public sealed class NegotiationRound
{
    private NegotiationRound()
    {
    }

    internal NegotiationRound(DateOnly startsOn, DateOnly? endsOn, string? place, string? agenda)
    {
        Plan(startsOn, endsOn, place, agenda);
        Status = RoundStatus.Planned;
    }

    public int Id { get; private set; }
    public DateOnly StartsOn { get; private set; }

    /// <summary>The last day of a round of several days; the first day when the round lasts one day.</summary>
    public DateOnly EndsOn { get; private set; }
    public string? Place { get; private set; }
    public string? Agenda { get; private set; }
    public RoundStatus Status { get; private set; }

    /// <summary>What came of the round (held), or why it will not take place (cancelled).</summary>
    public string? Outcome { get; private set; }

    internal void Plan(DateOnly startsOn, DateOnly? endsOn, string? place, string? agenda)
    {
        StartsOn = startsOn;
        EndsOn = endsOn ?? startsOn;
        Place = string.IsNullOrWhiteSpace(place) ? null : place.Trim();
        Agenda = string.IsNullOrWhiteSpace(agenda) ? null : agenda.Trim();
    }

    internal void Close(RoundStatus status, string? outcome)
    {
        Status = status;
        Outcome = string.IsNullOrWhiteSpace(outcome) ? null : outcome.Trim();
    }

    public override string ToString() =>
        (EndsOn == StartsOn ? $"{StartsOn:yyyy-MM-dd}" : $"{StartsOn:yyyy-MM-dd} to {EndsOn:yyyy-MM-dd}") + (Place is null ? "" : $", {Place}");
}

/// <summary>What the unit plans for a scoping mission: when, where (or remote), who takes part.</summary>
public sealed record ScopingMissionPlan(DateOnly? StartsOn, DateOnly? EndsOn, bool Remote, string? Place, IReadOnlyList<string> Participants);

/// <summary>
/// The optional mission after approval that clarifies what expertise the government needs: dates, place or remote,
/// participants, terms of reference (a document of the case) and findings. Its outcome is the agreed scope.
/// </summary>
public sealed class ScopingMission
{
    private ScopingMission()
    {
        Participants = [];
    }

    internal ScopingMission(ScopingMissionPlan plan)
        : this() => Plan(plan);

    public int Id { get; private set; }
    public DateOnly StartsOn { get; private set; }
    public DateOnly EndsOn { get; private set; }
    public bool Remote { get; private set; }
    public string? Place { get; private set; }

    /// <summary>One per entry: a name, and an email address where the invitation should go ("Awa Diallo &lt;awa@mines.gov.gn&gt;").</summary>
    public List<string> Participants { get; private set; }
    public CaseDocument? TermsOfReference { get; private set; }
    public string? Findings { get; private set; }
    public string? FindingsBy { get; private set; }
    public DateTime? FindingsAt { get; private set; }

    internal void Plan(ScopingMissionPlan plan)
    {
        StartsOn = plan.StartsOn!.Value;
        EndsOn = plan.EndsOn ?? plan.StartsOn.Value;
        Remote = plan.Remote;
        Place = plan.Remote || string.IsNullOrWhiteSpace(plan.Place) ? null : plan.Place.Trim();
        Participants = [.. plan.Participants.Select(p => p.Trim()).Where(p => p.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase)];
    }

    internal void AttachTermsOfReference(CaseDocument document) => TermsOfReference = document;

    internal void RecordFindings(string findings, CaseActor actor, DateTime at)
    {
        Findings = findings.Trim();
        FindingsBy = actor.Name;
        FindingsAt = at;
    }

    public override string ToString() =>
        (EndsOn == StartsOn ? $"{StartsOn:yyyy-MM-dd}" : $"{StartsOn:yyyy-MM-dd} to {EndsOn:yyyy-MM-dd}") + (Remote ? ", remote" : Place is null ? "" : $", {Place}");
}

/// <summary>One line of an agreed scope: a discipline, in a sector and a language, for so many days within a period.</summary>
public sealed class ExpertiseNeed
{
    private ExpertiseNeed()
    {
        Language = "";
    }

    public ExpertiseNeed(Discipline discipline, Sector? sector, string language, int days, DateOnly? from, DateOnly? to)
    {
        Discipline = discipline;
        Sector = sector;
        Language = language.Trim().ToLowerInvariant();
        Days = days;
        From = from;
        To = to;
    }

    public const int MaxDays = 200;

    public int Id { get; private set; }
    public Discipline Discipline { get; private set; }
    public Sector? Sector { get; private set; }

    /// <summary>A two-letter language code (fr, es, pt, en, ar…).</summary>
    public string Language { get; private set; }
    public int Days { get; private set; }
    public DateOnly? From { get; private set; }
    public DateOnly? To { get; private set; }
}

/// <summary>
/// One version of the scope: the expertise needs the unit proposes, as the government confirmed them (or not yet).
/// A new version supersedes the earlier ones; a confirmed version is never changed.
/// </summary>
public sealed class ScopeVersion
{
    private readonly List<ExpertiseNeed> _needs = [];

    private ScopeVersion()
    {
        ProposedBy = "";
    }

    internal ScopeVersion(int number, IEnumerable<ExpertiseNeed> needs, string? notes, CaseActor actor, DateTime at)
    {
        Number = number;
        _needs.AddRange(needs);
        Notes = string.IsNullOrWhiteSpace(notes) ? null : notes.Trim();
        ProposedBy = actor.Name;
        ProposedAt = at;
    }

    public int Id { get; private set; }
    public int Number { get; private set; }
    public IReadOnlyList<ExpertiseNeed> Needs => _needs;
    public string? Notes { get; private set; }
    public string ProposedBy { get; private set; }
    public DateTime ProposedAt { get; private set; }

    /// <summary>When the version went to the government for confirmation; from then the unit waits for it.</summary>
    public DateTime? SentAt { get; private set; }
    public string? SentTo { get; private set; }

    /// <summary>Who confirmed it for the government, and who recorded that (the focal point in the portal, or staff from their email).</summary>
    public string? ConfirmedBy { get; private set; }
    public string? ConfirmationRecordedBy { get; private set; }
    public DateTime? ConfirmedAt { get; private set; }

    /// <summary>When a later version replaced this one before it was confirmed.</summary>
    public DateTime? SupersededAt { get; private set; }

    public bool IsConfirmed => ConfirmedAt is not null;
    public int TotalDays => _needs.Sum(n => n.Days);

    internal void Send(string recipient, DateTime at)
    {
        SentAt ??= at;
        SentTo = recipient;
    }

    internal void Confirm(string confirmedBy, CaseActor actor, DateTime at)
    {
        ConfirmedBy = confirmedBy.Trim();
        ConfirmationRecordedBy = actor.Name;
        ConfirmedAt = at;
    }

    internal void Supersede(DateTime at) => SupersededAt ??= at;
}
