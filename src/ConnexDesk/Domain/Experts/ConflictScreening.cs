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
        ArgumentNullException.ThrowIfNull(counterparties);
        var findings = new List<ConflictFinding>();
        foreach (var counterparty in counterparties)
        {
            foreach (var (name, label) in counterparty.ScreenedNames())
            {
                var tokens = NameMatching.Tokens(name);
                foreach (var tie in expert.PastClients)
                {
                    if (NameMatching.Score(tokens, NameMatching.Tokens(tie.Organisation), _ => 1) < Threshold)
                        continue;
                    var ended = tie.ToYear;
                    var recent = ended is null || ended >= currentYear - lookBackYears;
                    var period = ended is null ? $"since {tie.FromYear}" : $"{tie.FromYear}-{ended}";
                    findings.Add(new ConflictFinding(label, tie.ToString(), recent, recent
                        ? $"worked for {tie.Organisation} ({period}), within the last {lookBackYears} years"
                        : $"worked for {tie.Organisation} ({period}), more than {lookBackYears} years ago"));
                }
            }
            if (counterparty.Kind is CounterpartyKind.State or CounterpartyKind.StateOwnedEnterprise
                && counterparty.CountryCode is { } country && country == expert.Nationality)
            {
                findings.Add(new ConflictFinding(counterparty.Name, "nationality", false, $"is a national of {country}, the country of {counterparty.Name}"));
            }
        }
        return findings;
    }
}
