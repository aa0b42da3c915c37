namespace ConnexDesk.Domain.Sanctions;

public enum SanctionsList
{
    /// <summary>UN Security Council Consolidated List.</summary>
    UnConsolidated,

    /// <summary>EU Financial Sanctions Files (consolidated list of persons, groups and entities).</summary>
    EuFinancialSanctions,
}

public enum ListedKind
{
    Person,
    Entity,
}

/// <summary>One entry of a sanctions list as screening sees it: its reference, kind and every name it goes by.</summary>
public sealed record ListedParty(SanctionsList List, string Reference, ListedKind Kind, string PrimaryName, IReadOnlyList<string> Names);

/// <summary>A name that may be a listed party: which entry, under which of its names, how alike.</summary>
public sealed record PossibleHit(string Name, ListedParty Entry, string MatchedName, double Score)
{
    public string ListEntry => $"{Entry.PrimaryName} ({Entry.Reference})";
}

/// <summary>
/// The names of the list versions in force, ready to screen against: every name of every entry in one
/// <see cref="NameIndex"/>, weighted by rarity among the entries.
/// </summary>
public sealed class SanctionsIndex
{
    private readonly NameIndex _index;
    private readonly List<string> _names = [];

    public SanctionsIndex(IEnumerable<ListedParty> parties)
    {
        ArgumentNullException.ThrowIfNull(parties);
        Parties = [.. parties];
        var names = new List<(int, string)>();
        for (var p = 0; p < Parties.Count; p++)
        {
            foreach (var name in Parties[p].Names.Distinct(StringComparer.OrdinalIgnoreCase).Where(n => NameMatching.Tokens(n).Count > 0))
            {
                names.Add((p, name));
                _names.Add(name);
            }
        }
        _index = new NameIndex(names);
    }

    public IReadOnlyList<ListedParty> Parties { get; }

    public int NameCount => _index.Count;

    /// <summary>Every listed party one of whose names scores at least <paramref name="threshold"/> against <paramref name="name"/>, best first.</summary>
    public IReadOnlyList<PossibleHit> Screen(string name, double threshold = NameMatching.HitThreshold)
    {
        var best = new Dictionary<int, PossibleHit>();
        foreach (var found in _index.Find(name, threshold, weighted: true))
        {
            if (!best.TryGetValue(found.Owner, out var previous) || previous.Score < found.Score)
                best[found.Owner] = new PossibleHit(name, Parties[found.Owner], _names[found.Name], Math.Round(found.Score, 3));
        }
        return [.. best.Values.OrderByDescending(h => h.Score).ThenBy(h => h.Entry.PrimaryName, StringComparer.Ordinal)];
    }
}

public enum HitDecision
{
    Pending,
    TrueMatch,
    FalsePositive,
}
