namespace ConnexDesk.Domain.Sanctions;

/// <summary>A name in a <see cref="NameIndex"/> that scores against the query: its position, its owner's, and how alike.</summary>
public readonly record struct NameFound(int Name, int Owner, double Score);

/// <summary>
/// Names of many owners (a sanctions entry, an organisation an expert worked for), tokenised once, with an index from
/// token to names and each token's weight (rarer among owners weighs more). Candidates for a query come from tokens
/// equal or close to its own (close: same first letter, length within two, <see cref="NameMatching.TokenThreshold"/>);
/// only those are scored, so a query does not compare every name with every name.
/// </summary>
public sealed class NameIndex
{
    private readonly List<(int Owner, string[] Tokens)> _names = [];
    private readonly Dictionary<string, List<int>> _postings = new(StringComparer.Ordinal);
    private readonly Dictionary<(char, int), List<string>> _vocabulary = [];
    private readonly Dictionary<string, double> _weights = new(StringComparer.Ordinal);
    private readonly double _unknownWeight;

    public NameIndex(IEnumerable<(int Owner, string Name)> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        var ownersWithToken = new Dictionary<string, HashSet<int>>(StringComparer.Ordinal);
        var owners = new HashSet<int>();
        var known = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (owner, name) in names)
        {
            owners.Add(owner);
            var tokens = NameMatching.Tokens(name).Select(Interned).ToArray();
            if (tokens.Length == 0)
                continue;
            var id = _names.Count;
            _names.Add((owner, tokens));
            foreach (var token in tokens.Distinct(StringComparer.Ordinal))
            {
                _postings[token].Add(id);
                ownersWithToken[token].Add(owner);
            }
        }
        var count = Math.Max(1, owners.Count);
        foreach (var (token, withToken) in ownersWithToken)
            _weights[token] = Math.Log(1 + (double)count / withToken.Count);
        _unknownWeight = Math.Log(1 + count);

        // One string per distinct token, however many names share it: a million names repeat few words.
        string Interned(string token)
        {
            if (known.TryGetValue(token, out var same))
                return same;
            known.Add(token);
            _postings[token] = [];
            ownersWithToken[token] = [];
            var key = (token[0], token.Length);
            if (!_vocabulary.TryGetValue(key, out var words))
                _vocabulary[key] = words = [];
            words.Add(token);
            return token;
        }
    }

    public int Count => _names.Count;

    /// <summary>
    /// Every name scoring at least <paramref name="threshold"/> against <paramref name="query"/>. Weighted: rare tokens
    /// count more (sharing "Gold Mining" is not a match); unweighted: every word counts the same.
    /// </summary>
    public IEnumerable<NameFound> Find(string query, double threshold, bool weighted)
    {
        var tokens = NameMatching.Tokens(query);
        if (tokens.Count == 0)
            yield break;
        Func<string, double> weight = weighted ? Weight : _ => 1;
        var queryWeight = tokens.Sum(weight);
        // A name can only reach the threshold if the query tokens it shares weigh enough; tally that first.
        var shared = new Dictionary<int, double>();
        foreach (var token in tokens.Distinct(StringComparer.Ordinal))
        {
            foreach (var word in Near(token))
            {
                foreach (var id in _postings[word])
                    shared[id] = shared.GetValueOrDefault(id) + weight(token);
            }
        }
        foreach (var (id, sharedWeight) in shared)
        {
            if (sharedWeight < threshold * queryWeight * 0.5)
                continue;
            var score = NameMatching.Score(tokens, _names[id].Tokens, weight);
            if (score >= threshold)
                yield return new NameFound(id, _names[id].Owner, score);
        }
    }

    private double Weight(string token) => _weights.TryGetValue(token, out var weight) ? weight : _unknownWeight;

    /// <summary>The indexed tokens equal or close to <paramref name="token"/>.</summary>
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
