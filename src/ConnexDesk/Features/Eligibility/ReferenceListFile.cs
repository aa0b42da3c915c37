using System.Globalization;
using System.Security.Cryptography;
using ConnexDesk.Domain;
using ConnexDesk.Domain.Eligibility;
using CsvHelper;
using CsvHelper.Configuration;

namespace ConnexDesk.Features.Eligibility;

public sealed record ParsedList(IReadOnlyList<ReferenceListEntry> Entries, string Sha256, IReadOnlyList<string> Errors)
{
    public bool Succeeded => Errors.Count == 0;
}

/// <summary>
/// Reads a list in the columns of the published reference files. Every row is checked; one bad row refuses the whole
/// file, so a half-read list never replaces the one in force.
/// </summary>
public static class ReferenceListFile
{
    public const int MaxBytes = 1024 * 1024;
    private static readonly string[] DacGroups = ["LDC", "OtherLIC", "LMIC", "UMIC"];

    public static string Columns(ListKind kind) => kind switch
    {
        ListKind.DacRecipients => "iso2,iso3,dac_name,group,note",
        ListKind.EconomiesInTransition => "iso2,iso3,name,subgroup",
        ListKind.LeastDeveloped => "iso2,iso3,name,graduation_date_or_blank,note",
    };

    public static ParsedList Parse(ListKind kind, byte[] content)
    {
        ArgumentNullException.ThrowIfNull(content);
        var sha256 = Convert.ToHexStringLower(SHA256.HashData(content));
        if (content.Length == 0)
            return Fail(sha256, "The file is empty.");
        if (content.Length > MaxBytes)
            return Fail(sha256, $"The file is larger than {MaxBytes / 1024} KB; a list of countries is far smaller.");
        if (content.Contains((byte)0))
            return Fail(sha256, "This is not a text (CSV) file.");

        var errors = new List<string>();
        var entries = new List<ReferenceListEntry>();
        try
        {
            using var reader = new StreamReader(new MemoryStream(content), detectEncodingFromByteOrderMarks: true);
            using var csv = new CsvReader(reader, new CsvConfiguration(CultureInfo.InvariantCulture) { TrimOptions = TrimOptions.Trim, MissingFieldFound = null, BadDataFound = null });
            if (!csv.Read() || !csv.ReadHeader())
                return Fail(sha256, "The file has no header line.");
            var required = Columns(kind).Split(',');
            var missing = required.Where(column => !csv.HeaderRecord!.Contains(column, StringComparer.OrdinalIgnoreCase)).ToList();
            if (missing.Count > 0)
                return Fail(sha256, $"Missing column(s) {string.Join(", ", missing)}; expected the columns {Columns(kind)}.");

            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            while (csv.Read())
            {
                var line = csv.Parser.RawRow;
                var code = csv.GetField("iso2")?.Trim() ?? "";
                if (!Countries.IsKnown(code))
                {
                    errors.Add($"Line {line}: '{code}' is not a known ISO 3166 alpha-2 code (XK for Kosovo).");
                    continue;
                }
                if (!seen.Add(code))
                {
                    errors.Add($"Line {line}: {code} appears twice.");
                    continue;
                }
                switch (kind)
                {
                    case ListKind.DacRecipients:
                        var group = csv.GetField("group")?.Trim() ?? "";
                        var known = DacGroups.FirstOrDefault(g => string.Equals(g, group, StringComparison.OrdinalIgnoreCase));
                        if (known is null)
                            errors.Add($"Line {line}: group '{group}' is not one of {string.Join(", ", DacGroups)}.");
                        else
                            entries.Add(new ReferenceListEntry(code.ToUpperInvariant(), known, null, Limit(csv.GetField("note"))));
                        break;
                    case ListKind.EconomiesInTransition:
                        entries.Add(new ReferenceListEntry(code.ToUpperInvariant(), Limit(csv.GetField("subgroup")) ?? "", null, null));
                        break;
                    case ListKind.LeastDeveloped:
                        var dateText = csv.GetField("graduation_date_or_blank")?.Trim();
                        DateOnly? graduation = null;
                        if (!string.IsNullOrEmpty(dateText))
                        {
                            if (DateOnly.TryParseExact(dateText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
                                graduation = parsed;
                            else
                                errors.Add($"Line {line}: graduation date '{dateText}' is not a date (YYYY-MM-DD).");
                        }
                        entries.Add(new ReferenceListEntry(code.ToUpperInvariant(), "LDC", graduation, Limit(csv.GetField("note"))));
                        break;
                }
            }
        }
        catch (CsvHelperException failure)
        {
            return Fail(sha256, "The file could not be read as CSV: " + failure.Message.Split('\n')[0]);
        }
        if (errors.Count == 0 && entries.Count == 0)
            errors.Add("The file has a header but no countries.");
        return new ParsedList(entries, sha256, errors);
    }

    private static string? Limit(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim()[..Math.Min(text.Trim().Length, 1000)];

    private static ParsedList Fail(string sha256, string error) => new([], sha256, [error]);
}
