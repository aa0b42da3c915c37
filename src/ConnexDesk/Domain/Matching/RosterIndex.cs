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
    private readonly ExpertFacts[] _profiles;
    private readonly List<List<(int Expert, ExpertTie Tie)>> _tiesByOrganisation = [];
    private readonly Dictionary<string, List<int>> _byNationality = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, List<(int Expert, int Language)>> _byLanguage = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, List<int>> _byRegion = new(StringComparer.OrdinalIgnoreCase);

    public RosterIndex(IEnumerable<Expert> experts)
    {
        ArgumentNullException.ThrowIfNull(experts);
        Experts = [.. experts];
        var byName = Experts.Select((e, i) => (e.Name, i)).OrderBy(x => x.Name, StringComparer.Ordinal).Select((x, order) => (x.i, order)).ToDictionary(x => x.i, x => x.order);
        _profiles = [.. Experts.Select((e, i) => new ExpertFacts(e, byName[i]))];
        var organisationIds = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var names = new List<(int, string)>();
        for (var e = 0; e < Experts.Count; e++)
        {
            var expert = Experts[e];
            for (var l = 0; l < Profiles[e].Languages.Count; l++)
                Add(_byLanguage, Profiles[e].Languages[l].Code, (e, l));
            foreach (var region in Profiles[e].Regions)
                Add(_byRegion, region, e);
            if (expert.Nationality is { } nationality)
                Add(_byNationality, nationality, e);
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

    /// <summary>What matching reads of each expert, in the order of <see cref="Experts"/>.</summary>
    public IReadOnlyList<ExpertFacts> Profiles => _profiles;

    internal ExpertFacts[] ProfileArray => _profiles;

    public int TieCount { get; }

    /// <summary>Who speaks a language: each expert's position and which of their languages it is.</summary>
    public IReadOnlyList<(int Expert, int Language)> Speaking(string code) => _byLanguage.GetValueOrDefault(code) ?? [];

    /// <summary>The positions of the experts who list a region or country of experience, as written (any case).</summary>
    public IReadOnlyList<int> Experienced(string regionOrCountry) => _byRegion.GetValueOrDefault(regionOrCountry.Trim()) ?? [];

    private static void Add<T>(Dictionary<string, List<T>> index, string key, T value)
    {
        if (!index.TryGetValue(key, out var list))
            index[key] = list = [];
        list.Add(value);
    }

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

/// <summary>
/// An expert's profile in the shape matching reads it, worked out once when the index is built: disciplines and
/// sectors as bit sets, languages with the weight of their level, regions for lookup, periods away parsed.
/// </summary>
public sealed class ExpertFacts
{
    public ExpertFacts(Expert expert, int nameOrder)
    {
        ArgumentNullException.ThrowIfNull(expert);
        Expert = expert;
        Id = expert.Id;
        Active = expert.Status == ExpertStatus.Active;
        NameOrder = nameOrder;
        Disciplines = expert.Disciplines.Aggregate(0, (mask, d) => mask | Bit(d));
        Sectors = expert.Sectors.Aggregate(0, (mask, s) => mask | Bit(s));
        Languages = [.. expert.LanguageLevels().Select(l => (l.Code, l.Level, ExpertMatching.LevelWeight(l.Level)))];
        Regions = new HashSet<string>(expert.Regions.Select(r => r.Trim()), StringComparer.OrdinalIgnoreCase);
        Unavailable = [.. expert.UnavailablePeriods()];
        NameTokens = NameMatching.Tokens(expert.Name);
    }

    public Expert Expert { get; }
    public int Id { get; }
    public bool Active { get; }

    /// <summary>The expert's place in the roster sorted by name: the ranking's last tie-breaker.</summary>
    public int NameOrder { get; }
    public int Disciplines { get; }
    public int Sectors { get; }
    public IReadOnlyList<(string Code, string? Level, double Weight)> Languages { get; }
    public IReadOnlySet<string> Regions { get; }
    public IReadOnlyList<DatePeriod> Unavailable { get; }
    public IReadOnlyList<string> NameTokens { get; }

    public static int Bit<T>(T value) where T : struct, Enum => 1 << Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture);
}
