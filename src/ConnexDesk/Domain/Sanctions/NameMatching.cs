using System.Globalization;
using System.Text;

namespace ConnexDesk.Domain.Sanctions;

/// <summary>
/// How two names are compared for sanctions screening. A name is reduced to tokens: lower case, diacritics and
/// punctuation removed, Cyrillic and Greek spelt in Latin letters, legal forms (Ltd, S.A., SARL, JSC ...) and joining
/// words (de, of, the ...) dropped. Two token lists are compared in any order; tokens match when they are equal or
/// nearly so (Jaro-Winkler, for spelling and transliteration variants), and the score weighs each token by how rare
/// it is in the list, so that sharing common words ("gold", "mining", "resources") does not make a hit.
/// </summary>
public static class NameMatching
{
    /// <summary>Token similarity from which two tokens count as the same word spelt differently.</summary>
    public const double TokenThreshold = 0.9;

    /// <summary>Score from which a name is a possible hit that a person must review.</summary>
    public const double HitThreshold = 0.85;

    private static readonly HashSet<string> Dropped = new(StringComparer.Ordinal)
    {
        // Legal forms, in the spellings that remain once dots are gone.
        "ltd", "limited", "plc", "llc", "llp", "inc", "incorporated", "corp", "corporation", "co", "company", "cie", "compagnie",
        "sa", "sas", "sarl", "sarlu", "sprl", "srl", "spa", "cv", "ag", "gmbh", "kg", "bv", "nv", "ab", "oy", "as", "asa",
        "jsc", "ojsc", "cjsc", "pjsc", "ao", "oao", "zao", "pao", "ooo", "tov", "pt", "tbk", "bhd", "sdn", "pty", "pvt", "lda", "ltda",
        "holding", "holdings", "group", "groupe", "grupo",
        // Joining words.
        "the", "of", "and", "de", "du", "des", "la", "le", "les", "l", "d", "et", "del", "y", "da", "do", "dos", "das", "e", "al", "el", "van", "von",
    };

    private static readonly Dictionary<char, string> Latin = new()
    {
        ['а'] = "a",
        ['б'] = "b",
        ['в'] = "v",
        ['г'] = "g",
        ['ґ'] = "g",
        ['д'] = "d",
        ['е'] = "e",
        ['ё'] = "e",
        ['є'] = "ye",
        ['ж'] = "zh",
        ['з'] = "z",
        ['и'] = "i",
        ['і'] = "i",
        ['ї'] = "yi",
        ['й'] = "y",
        ['к'] = "k",
        ['л'] = "l",
        ['м'] = "m",
        ['н'] = "n",
        ['о'] = "o",
        ['п'] = "p",
        ['р'] = "r",
        ['с'] = "s",
        ['т'] = "t",
        ['у'] = "u",
        ['ф'] = "f",
        ['х'] = "kh",
        ['ц'] = "ts",
        ['ч'] = "ch",
        ['ш'] = "sh",
        ['щ'] = "shch",
        ['ъ'] = "",
        ['ы'] = "y",
        ['ь'] = "",
        ['э'] = "e",
        ['ю'] = "yu",
        ['я'] = "ya",
        ['α'] = "a",
        ['β'] = "v",
        ['γ'] = "g",
        ['δ'] = "d",
        ['ε'] = "e",
        ['ζ'] = "z",
        ['η'] = "i",
        ['θ'] = "th",
        ['ι'] = "i",
        ['κ'] = "k",
        ['λ'] = "l",
        ['μ'] = "m",
        ['ν'] = "n",
        ['ξ'] = "x",
        ['ο'] = "o",
        ['π'] = "p",
        ['ρ'] = "r",
        ['σ'] = "s",
        ['ς'] = "s",
        ['τ'] = "t",
        ['υ'] = "y",
        ['φ'] = "f",
        ['χ'] = "ch",
        ['ψ'] = "ps",
        ['ω'] = "o",
        ['ß'] = "ss",
        ['æ'] = "ae",
        ['œ'] = "oe",
        ['ø'] = "o",
        ['ð'] = "d",
        ['þ'] = "th",
        ['ł'] = "l",
        ['đ'] = "d",
        ['ı'] = "i",
    };

    /// <summary>The tokens of a name, in order, as screening compares them.</summary>
    public static IReadOnlyList<string> Tokens(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
            return [];
        var text = new StringBuilder(name.Length);
        foreach (var c in name.Normalize(NormalizationForm.FormD).ToLowerInvariant())
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
                continue;
            if (Latin.TryGetValue(c, out var spelt))
                text.Append(spelt);
            else if (char.IsLetterOrDigit(c))
                text.Append(c);
            else if (c is '.')
                continue; // S.A. and S.A are one word: "sa"
            else
                text.Append(' ');
        }
        return [.. text.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(t => !Dropped.Contains(t))];
    }

    /// <summary>
    /// How alike two token lists are, from 0 to 1: each token of the shorter list is paired with its most similar
    /// unpaired token of the other, and the weights of paired tokens (times their similarity) are set against the
    /// weights of all tokens on both sides. <paramref name="weight"/> gives a token's weight (its rarity).
    /// </summary>
    public static double Score(IReadOnlyList<string> a, IReadOnlyList<string> b, Func<string, double> weight)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        ArgumentNullException.ThrowIfNull(weight);
        if (a.Count == 0 || b.Count == 0)
            return 0;
        var (shorter, longer) = a.Count <= b.Count ? (a, b) : (b, a);
        Span<bool> used = stackalloc bool[longer.Count];
        double matched = 0;
        foreach (var token in shorter)
        {
            var best = -1;
            var bestSimilarity = 0.0;
            for (var i = 0; i < longer.Count; i++)
            {
                if (used[i])
                    continue;
                var similarity = Similarity(token, longer[i]);
                if (similarity > bestSimilarity)
                    (best, bestSimilarity) = (i, similarity);
            }
            if (best < 0 || bestSimilarity < TokenThreshold)
                continue;
            used[best] = true;
            matched += bestSimilarity * (weight(token) + weight(longer[best]));
        }
        var total = a.Sum(weight) + b.Sum(weight);
        return total == 0 ? 0 : matched / total;
    }

    /// <summary>Jaro-Winkler similarity of two tokens; 1 when equal.</summary>
    public static double Similarity(string a, string b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        if (a == b)
            return 1;
        if (a.Length == 0 || b.Length == 0)
            return 0;
        var window = Math.Max(0, Math.Max(a.Length, b.Length) / 2 - 1);
        Span<bool> aMatched = stackalloc bool[a.Length];
        Span<bool> bMatched = stackalloc bool[b.Length];
        var matches = 0;
        for (var i = 0; i < a.Length; i++)
        {
            var from = Math.Max(0, i - window);
            var to = Math.Min(b.Length - 1, i + window);
            for (var j = from; j <= to; j++)
            {
                if (bMatched[j] || a[i] != b[j])
                    continue;
                aMatched[i] = bMatched[j] = true;
                matches++;
                break;
            }
        }
        if (matches == 0)
            return 0;
        var transpositions = 0;
        var k = 0;
        for (var i = 0; i < a.Length; i++)
        {
            if (!aMatched[i])
                continue;
            while (!bMatched[k])
                k++;
            if (a[i] != b[k])
                transpositions++;
            k++;
        }
        var m = (double)matches;
        var jaro = (m / a.Length + m / b.Length + (m - transpositions / 2.0) / m) / 3;
        var prefix = 0;
        while (prefix < Math.Min(4, Math.Min(a.Length, b.Length)) && a[prefix] == b[prefix])
            prefix++;
        return jaro + prefix * 0.1 * (1 - jaro);
    }
}
