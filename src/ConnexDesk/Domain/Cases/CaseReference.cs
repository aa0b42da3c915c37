using System.Globalization;
using System.Text.RegularExpressions;

namespace ConnexDesk.Domain.Cases;

/// <summary>CNX-YYYY-NNNN: sequential within a year, allocated by the database so that it is never duplicated.</summary>
public readonly partial record struct CaseReference(int Year, int Number)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"CNX-{Year:D4}-{Number:D4}");

    public static bool TryParse(string? text, out CaseReference reference)
    {
        var match = text is null ? Match.Empty : Pattern().Match(text);
        reference = match.Success
            ? new CaseReference(int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture))
            : default;
        return match.Success;
    }

    /// <summary>Finds a reference anywhere in a text, e.g. "Re: [CNX-2026-0042] mission dates".</summary>
    public static bool TryFind(string? text, out CaseReference reference)
    {
        var match = text is null ? Match.Empty : Anywhere().Match(text);
        return TryParse(match.Success ? match.Value : null, out reference);
    }

    [GeneratedRegex(@"^\s*CNX-(\d{4})-(\d{4,6})\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();

    [GeneratedRegex(@"CNX-\d{4}-\d{4,6}", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Anywhere();
}
