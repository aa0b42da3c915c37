using ConnexDesk.Domain.Sanctions;

namespace ConnexDesk.Domain.Cases;

/// <summary>A possible hit found when a counterparty of the case was screened, with the reviewer's decision on it.</summary>
public sealed class SanctionsHit
{
    private SanctionsHit()
    {
        CounterpartyName = "";
        ListReference = "";
        ListedName = "";
        MatchedName = "";
    }

    public SanctionsHit(string counterpartyName, SanctionsList list, string listReference, string listedName, string matchedName, double score, DateTime foundAt)
    {
        CounterpartyName = counterpartyName;
        List = list;
        ListReference = listReference;
        ListedName = listedName;
        MatchedName = matchedName;
        Score = score;
        FoundAt = foundAt;
    }

    public int Id { get; private set; }
    public string CounterpartyName { get; private set; }
    public SanctionsList List { get; private set; }
    public string ListReference { get; private set; }
    public string ListedName { get; private set; }
    public string MatchedName { get; private set; }
    public double Score { get; private set; }
    public DateTime FoundAt { get; private set; }
    public HitDecision Decision { get; private set; }
    public string? DecisionReason { get; private set; }
    public string? DecidedBy { get; private set; }
    public DateTime? DecidedAt { get; private set; }

    internal bool Is(string counterpartyName, SanctionsList list, string reference) =>
        List == list && ListReference == reference && string.Equals(CounterpartyName, counterpartyName, StringComparison.OrdinalIgnoreCase);

    internal void Decide(HitDecision decision, string reason, CaseActor actor, DateTime at)
    {
        Decision = decision;
        DecisionReason = reason;
        DecidedBy = actor.Name;
        DecidedAt = at;
    }
}
