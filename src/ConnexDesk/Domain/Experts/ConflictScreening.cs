using ConnexDesk.Domain.Cases;
using ConnexDesk.Domain.Sanctions;

namespace ConnexDesk.Domain.Experts;

/// <summary>A tie between an expert and a party across the table. Blocking ties keep the expert off the case until a manager clears them.</summary>
public sealed record ConflictFinding(string Counterparty, string Tie, bool Blocking, string Reason);

/// <summary>
/// Compares an expert's past clients and employers with a case's counterparties and the owners staff recorded for
/// them, with the names normalised as for sanctions screening (Rio Tinto plc = RIO TINTO LIMITED; Société Minière =
/// Societe Miniere). Ties within the look-back window block; older ones are shown but do not. A nationality equal
/// to a counterparty state's is flagged, never blocking.
/// </summary>
public static class ConflictScreening
{
    public const int DefaultLookBackYears = 5;

    /// <summary>How alike two organisation names must be, every word counting the same.</summary>
    public const double Threshold = 0.85;

    public static IReadOnlyList<ConflictFinding> Screen(Expert expert, IEnumerable<Counterparty> counterparties, int currentYear, int lookBackYears = DefaultLookBackYears)
    {
        ArgumentNullException.ThrowIfNull(expert);
        return new Matching.RosterIndex([expert]).Conflicts(counterparties, currentYear, lookBackYears).GetValueOrDefault(0) ?? [];
    }

    /// <summary>A tie to a counterparty (or its owner, named by <paramref name="label"/>): blocking when it ended within the look-back window or goes on.</summary>
    public static ConflictFinding Judge(string label, ExpertTie tie, int currentYear, int lookBackYears)
    {
        ArgumentNullException.ThrowIfNull(tie);
        var ended = tie.ToYear;
        var recent = ended is null || ended >= currentYear - lookBackYears;
        var period = ended is null ? $"since {tie.FromYear}" : $"{tie.FromYear}-{ended}";
        return new ConflictFinding(label, tie.ToString(), recent, recent
            ? $"worked for {tie.Organisation} ({period}), within the last {lookBackYears} years"
            : $"worked for {tie.Organisation} ({period}), more than {lookBackYears} years ago");
    }

    public static bool IsState(Counterparty counterparty) =>
        counterparty is { Kind: CounterpartyKind.State or CounterpartyKind.StateOwnedEnterprise, CountryCode: not null };

    public static ConflictFinding Nationality(Counterparty counterparty)
    {
        ArgumentNullException.ThrowIfNull(counterparty);
        return new ConflictFinding(counterparty.Name, "nationality", false, $"is a national of {counterparty.CountryCode}, the country of {counterparty.Name}");
    }

    /// <summary>True when two counterparties are the same party by name, as screening compares names.</summary>
    public static bool SameParty(string a, string b) =>
        NameMatching.Score(NameMatching.Tokens(a), NameMatching.Tokens(b), _ => 1) >= Threshold;
}
