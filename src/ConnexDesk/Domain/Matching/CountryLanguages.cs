using System.Collections.Frozen;
using System.Globalization;

namespace ConnexDesk.Domain.Matching;

/// <summary>
/// The languages of a country as the Unicode CLDR data shipped with ICU has them (a locale such as fr-SN or wo-SN
/// says French and Wolof are spoken in Senegal), so that a case asks by default for experts who speak them.
/// </summary>
public static class CountryLanguages
{
    private static readonly Lazy<FrozenDictionary<string, string[]>> ByCountry = new(() =>
        CultureInfo.GetCultures(CultureTypes.SpecificCultures)
            .Select(c => (Region: RegionOf(c), Language: c.TwoLetterISOLanguageName))
            .Where(x => x.Region is { Length: 2 } && x.Language.Length == 2)
            .GroupBy(x => x.Region!, StringComparer.OrdinalIgnoreCase)
            .ToFrozenDictionary(g => g.Key, g => g.Select(x => x.Language).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray(), StringComparer.OrdinalIgnoreCase));

    /// <summary>Two-letter codes, in alphabetical order; none for an unknown country.</summary>
    public static IReadOnlyList<string> Of(string? countryCode) =>
        countryCode is not null && ByCountry.Value.TryGetValue(countryCode, out var languages) ? languages : [];

    private static string? RegionOf(CultureInfo culture)
    {
        try
        {
            return new RegionInfo(culture.Name).TwoLetterISORegionName;
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}
