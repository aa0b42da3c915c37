using ConnexDesk.Domain.Cases;
using ConnexDesk.Domain.Experts;
using ConnexDesk.Domain.Sanctions;

namespace ConnexDesk.Domain.Matching;

/// <summary>
/// The roster ready to be matched against many cases: every expert, and every organisation they worked for in one
/// <see cref="NameIndex"/> (each distinct name once, however many experts share it), so that screening a case's
/// counterparties looks only at the ties whose names come close.
/// </summary>
public sealed class RosterIndex
{
    private readonly NameIndex _organisations;
    private readonly List<List<(int Expert, ExpertTie Tie)>> _tiesByOrganisation = [];
    private readonly Dictionary<string, List<int>> _byNationality = new(StringComparer.OrdinalIgnoreCase);

    public RosterIndex(IEnumerable<Expert> experts)
    {
        ArgumentNullException.ThrowIfNull(experts);
        Experts = [.. experts];
        var organisationIds = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var names = new List<(int, string)>();
        for (var e = 0; e < Experts.Count; e++)
        {
            var expert = Experts[e];
            if (expert.Nationality is { } nationality)
            {
                if (!_byNationality.TryGetValue(nationality, out var nationals))
                    _byNationality[nationality] = nationals = [];
                nationals.Add(e);
            }
            foreach (var tie in expert.PastClients)
            {
                if (!organisationIds.TryGetValue(tie.Organisation, out var id))
                {
                    organisationIds[tie.Organisation] = id = _tiesByOrganisation.Count;
                    _tiesByOrganisation.Add([]);
                    names.Add((id, tie.Organisation));
                }
                _tiesByOrganisation[id].Add((e, tie));
            }
        }
        _organisations = new NameIndex(names);
        TieCount = _tiesByOrganisation.Sum(t => t.Count);
    }

    public IReadOnlyList<Expert> Experts { get; }

    public int TieCount { get; }

    /// <summary>
    /// The ties of every expert to <paramref name="counterparties"/> (and the owners recorded for them), by position in
    /// <see cref="Experts"/>: past clients and employers, judged by <see cref="ConflictScreening.Judge"/>, and a
    /// nationality shared with a counterparty state.
    /// </summary>
    public IReadOnlyDictionary<int, List<ConflictFinding>> Conflicts(IEnumerable<Counterparty> counterparties, int currentYear, int lookBackYears)
    {
        ArgumentNullException.ThrowIfNull(counterparties);
        var findings = new Dictionary<int, List<ConflictFinding>>();
        foreach (var counterparty in counterparties)
        {
            foreach (var (name, label) in counterparty.ScreenedNames())
            {
                foreach (var found in _organisations.Find(name, ConflictScreening.Threshold, weighted: false))
                {
                    foreach (var (expert, tie) in _tiesByOrganisation[found.Owner])
                        Add(expert, ConflictScreening.Judge(label, tie, currentYear, lookBackYears));
                }
            }
            if (ConflictScreening.IsState(counterparty) && _byNationality.TryGetValue(counterparty.CountryCode!, out var nationals))
            {
                foreach (var expert in nationals)
                    Add(expert, ConflictScreening.Nationality(counterparty));
            }
        }
        return findings;

        void Add(int expert, ConflictFinding finding)
        {
            if (!findings.TryGetValue(expert, out var list))
                findings[expert] = list = [];
            if (!list.Contains(finding))
                list.Add(finding);
        }
    }
}
