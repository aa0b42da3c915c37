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
/// The names of the list versions in force, ready to screen against: every name tokenised once, an index from token
/// to names, and each token's weight (rarer tokens weigh more). Candidates come from tokens equal or close to the
/// query's (close: same first letter, length within two, <see cref="NameMatching.TokenThreshold"/>); only those are
/// scored, so screening does not compare every name with every name.
/// </summary>
public sealed class SanctionsIndex
{
    private readonly List<(int Party, string Name, string[] Tokens)> _names = [];
    private readonly Dictionary<string, List<int>> _postings = new(StringComparer.Ordinal);
    private readonly Dictionary<(char, int), List<string>> _vocabulary = [];
    private readonly Dictionary<string, double> _weights = new(StringComparer.Ordinal);
    private readonly double _unknownWeight;

    public SanctionsIndex(IEnumerable<ListedParty> parties)
    {
        ArgumentNullException.ThrowIfNull(parties);
        Parties = [.. parties];
        var entriesWithToken = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var p = 0; p < Parties.Count; p++)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var name in Parties[p].Names.Distinct(StringComparer.OrdinalIgnoreCase))
            {
                var tokens = NameMatching.Tokens(name).ToArray();
                if (tokens.Length == 0)
                    continue;
                var id = _names.Count;
                _names.Add((p, name, tokens));
                foreach (var token in tokens.Distinct(StringComparer.Ordinal))
                {
                    if (!_postings.TryGetValue(token, out var list))
                    {
                        _postings[token] = list = [];
                        var key = (token[0], token.Length);
                        if (!_vocabulary.TryGetValue(key, out var words))
                            _vocabulary[key] = words = [];
                        words.Add(token);
                    }
                    list.Add(id);
                    if (seen.Add(token))
                        entriesWithToken[token] = entriesWithToken.GetValueOrDefault(token) + 1;
                }
            }
        }
        var count = Math.Max(1, Parties.Count);
        foreach (var (token, entries) in entriesWithToken)
            _weights[token] = Math.Log(1 + (double)count / entries);
        _unknownWeight = Math.Log(1 + count);
    }

    public IReadOnlyList<ListedParty> Parties { get; }

    public int NameCount => _names.Count;

    /// <summary>Every listed party one of whose names scores at least <paramref name="threshold"/> against <paramref name="name"/>, best first.</summary>
    public IReadOnlyList<PossibleHit> Screen(string name, double threshold = NameMatching.HitThreshold)
    {
        var query = NameMatching.Tokens(name);
        if (query.Count == 0)
            return [];
        var queryWeight = query.Sum(Weight);
        // A name can only reach the threshold if the query tokens it shares weigh enough; tally that first.
        var shared = new Dictionary<int, double>();
        foreach (var token in query.Distinct(StringComparer.Ordinal))
        {
            foreach (var word in Near(token))
            {
                foreach (var id in _postings[word])
                    shared[id] = shared.GetValueOrDefault(id) + Weight(token);
            }
        }
        var best = new Dictionary<int, PossibleHit>();
        foreach (var (id, weight) in shared)
        {
            if (weight < threshold * queryWeight * 0.5)
                continue;
            var (party, listedName, tokens) = _names[id];
            var score = NameMatching.Score(query, tokens, Weight);
            if (score < threshold)
                continue;
            if (!best.TryGetValue(party, out var previous) || previous.Score < score)
                best[party] = new PossibleHit(name, Parties[party], listedName, Math.Round(score, 3));
        }
        return [.. best.Values.OrderByDescending(h => h.Score).ThenBy(h => h.Entry.PrimaryName, StringComparer.Ordinal)];
    }

    private double Weight(string token) => _weights.TryGetValue(token, out var weight) ? weight : _unknownWeight;

    /// <summary>The listed tokens equal or close to <paramref name="token"/>.</summary>
    private IEnumerable<string> Near(string token)
    {
        for (var length = Math.Max(1, token.Length - 2); length <= token.Length + 2; length++)
        {
            if (!_vocabulary.TryGetValue((token[0], length), out var words))
                continue;
            foreach (var word in words)
            {
                if (word == token || NameMatching.Similarity(token, word) >= NameMatching.TokenThreshold)
                    yield return word;
            }
        }
    }
}

public enum HitDecision
{
    Pending,
    TrueMatch,
    FalsePositive,
}
