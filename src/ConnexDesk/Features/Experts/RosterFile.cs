using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Text.RegularExpressions;
using ConnexDesk.Domain;
using ConnexDesk.Domain.Cases;
using ConnexDesk.Domain.Experts;
using CsvHelper;
using CsvHelper.Configuration;

namespace ConnexDesk.Features.Experts;

/// <summary>A bad row of a roster file: its line, and what is wrong with it.</summary>
public sealed record RosterProblem(int Line, string Reason)
{
    public override string ToString() => $"line {Line}: {Reason}";
}

public sealed record ParsedRoster(IReadOnlyList<ExpertProfile> Profiles, IReadOnlyList<RosterProblem> Problems);

/// <summary>
/// Reads the roster CSV: <c>name,email,nationality,languages,disciplines,sectors,regions,dailyRate,currency,pastClients</c>,
/// lists separated by ";", a language as "fr" or "fr:C1", a past client as "Organisation:FromYear-ToYear" (no ToYear:
/// ongoing). Every row is checked and every bad row reported with its line; one bad row and nothing is imported.
/// </summary>
public static partial class RosterFile
{
    public const string Columns = "name,email,nationality,languages,disciplines,sectors,regions,dailyRate,currency,pastClients";
    public const int MaxBytes = 50 * 1024 * 1024;
    private static readonly string[] Levels = ["A1", "A2", "B1", "B2", "C1", "C2", "native"];

    public static ParsedRoster Parse(byte[] content, int currentYear)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (content.Length == 0)
            return Fail("The file is empty.");
        if (content.Contains((byte)0))
            return Fail("This is not a text (CSV) file.");
        var profiles = new List<ExpertProfile>();
        var problems = new List<RosterProblem>();
        using var reader = new StreamReader(new MemoryStream(content), detectEncodingFromByteOrderMarks: true);
        using var csv = new CsvReader(reader, new CsvConfiguration(CultureInfo.InvariantCulture) { TrimOptions = TrimOptions.Trim, MissingFieldFound = null, BadDataFound = null });
        if (!csv.Read() || !csv.ReadHeader())
            return Fail("The file has no header line.");
        var missing = Columns.Split(',').Where(c => !csv.HeaderRecord!.Contains(c, StringComparer.OrdinalIgnoreCase)).ToList();
        if (missing.Count > 0)
            return Fail($"Missing column(s) {string.Join(", ", missing)}; expected the columns {Columns}.");
        var emails = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        while (csv.Read())
        {
            var line = csv.Parser.RawRow;
            var reasons = new List<string>();
            string Field(string name) => csv.GetField(csv.HeaderRecord!.First(h => h.Equals(name, StringComparison.OrdinalIgnoreCase)))?.Trim() ?? "";
            static IEnumerable<string> Items(string text) => text.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

            var name = Field("name");
            if (name.Length == 0)
                reasons.Add("the name is empty");
            var email = Field("email");
            if (!new EmailAddressAttribute().IsValid(email) || email.Length == 0)
                reasons.Add($"'{email}' is not an email address");
            else if (emails.TryGetValue(email, out var first))
                reasons.Add($"{email} is already on line {first}");
            else
                emails[email] = line;
            var nationality = Field("nationality");
            if (nationality.Length > 0 && !Countries.IsKnown(nationality.ToUpperInvariant()))
                reasons.Add($"nationality '{nationality}' is not an ISO 3166 alpha-2 code");
            var languages = new List<ExpertLanguage>();
            foreach (var item in Items(Field("languages")))
            {
                var parts = item.Split(':', 2, StringSplitOptions.TrimEntries);
                if (!LanguageCode().IsMatch(parts[0]))
                    reasons.Add($"language '{item}' is not a two-letter code (e.g. fr or fr:C1)");
                else if (parts.Length > 1 && !Levels.Contains(parts[1], StringComparer.OrdinalIgnoreCase))
                    reasons.Add($"language level '{parts[1]}' is not one of {string.Join(", ", Levels)}");
                else
                    languages.Add(new ExpertLanguage(parts[0].ToLowerInvariant(), parts.Length > 1 ? Levels.First(l => l.Equals(parts[1], StringComparison.OrdinalIgnoreCase)) : null));
            }
            var disciplines = new List<Discipline>();
            foreach (var item in Items(Field("disciplines")))
            {
                if (ParseWords<Discipline>(item, ExpertWords.Discipline) is { } discipline)
                    disciplines.Add(discipline);
                else
                    reasons.Add($"discipline '{item}' is not known (e.g. {ExpertWords.Discipline(Discipline.Legal)}, {ExpertWords.Discipline(Discipline.Tax)})");
            }
            var sectors = new List<Sector>();
            foreach (var item in Items(Field("sectors")))
            {
                if (ParseWords<Sector>(item, CaseWords.Sector) is { } sector)
                    sectors.Add(sector);
                else
                    reasons.Add($"sector '{item}' is not known (e.g. {CaseWords.Sector(Sector.Mining)}, {CaseWords.Sector(Sector.OilAndGas)})");
            }
            decimal? rate = null;
            var rateText = Field("dailyRate");
            if (rateText.Length > 0)
            {
                if (decimal.TryParse(rateText, NumberStyles.Number, CultureInfo.InvariantCulture, out var parsed) && parsed >= 0)
                    rate = parsed;
                else
                    reasons.Add($"daily rate '{rateText}' is not a number (use a dot for decimals)");
            }
            var currency = Field("currency").ToUpperInvariant();
            if (currency.Length > 0 && !CurrencyCode().IsMatch(currency))
                reasons.Add($"currency '{currency}' is not a three-letter code (e.g. EUR)");
            else if (rate is not null && currency.Length == 0)
                reasons.Add("a daily rate needs its currency");
            var ties = new List<ExpertTie>();
            foreach (var item in Items(Field("pastClients")))
            {
                var match = PastClient().Match(item);
                if (!match.Success)
                {
                    reasons.Add($"past client '{item}' is not Organisation:FromYear-ToYear");
                    continue;
                }
                var from = int.Parse(match.Groups["from"].Value, CultureInfo.InvariantCulture);
                int? to = match.Groups["to"].Success && match.Groups["to"].Length > 0 ? int.Parse(match.Groups["to"].Value, CultureInfo.InvariantCulture) : null;
                if (from < 1950 || from > currentYear || to is { } t && (t < from || t > currentYear))
                    reasons.Add($"past client '{item}': the years must run forward, between 1950 and {currentYear}");
                else
                    ties.Add(new ExpertTie(match.Groups["organisation"].Value.Trim(), from, to));
            }
            if (reasons.Count > 0)
            {
                problems.Add(new RosterProblem(line, string.Join("; ", reasons)));
                continue;
            }
            profiles.Add(new ExpertProfile(name, email, nationality.Length == 0 ? null : nationality.ToUpperInvariant(), languages, disciplines, sectors,
                [.. Items(Field("regions"))], rate, currency.Length == 0 ? null : currency, ties));
        }
        if (profiles.Count == 0 && problems.Count == 0)
            return Fail("The file has a header but no expert.");
        return new ParsedRoster(problems.Count == 0 ? profiles : [], problems);
    }

    /// <summary>The columns an export adds after the import columns; an import reads past them.</summary>
    public const string ExportOnlyColumns = "phone,yearsOfExperience,status,unavailable,references";

    /// <summary>The roster as CSV: the import columns first, so that an exported file imports again as it is, then what only staff edit.</summary>
    public static byte[] Write(IEnumerable<Expert> experts)
    {
        ArgumentNullException.ThrowIfNull(experts);
        using var buffer = new MemoryStream();
        using (var writer = new StreamWriter(buffer, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: true)))
        using (var csv = new CsvWriter(writer, CultureInfo.InvariantCulture))
        {
            foreach (var column in $"{Columns},{ExportOnlyColumns}".Split(','))
                csv.WriteField(column);
            csv.NextRecord();
            foreach (var expert in experts)
            {
                csv.WriteField(expert.Name);
                csv.WriteField(expert.Email);
                csv.WriteField(expert.Nationality ?? "");
                csv.WriteField(string.Join(';', expert.Languages));
                csv.WriteField(string.Join(';', expert.Disciplines));
                csv.WriteField(string.Join(';', expert.Sectors));
                csv.WriteField(string.Join(';', expert.Regions));
                csv.WriteField(expert.DailyRate?.ToString("0.##", CultureInfo.InvariantCulture) ?? "");
                csv.WriteField(expert.Currency ?? "");
                csv.WriteField(string.Join(';', expert.PastClients.Select(t => t.ToString())));
                csv.WriteField(expert.Phone ?? "");
                csv.WriteField(expert.YearsOfExperience?.ToString(CultureInfo.InvariantCulture) ?? "");
                csv.WriteField(expert.Status.ToString());
                csv.WriteField(string.Join(';', expert.Unavailable));
                csv.WriteField(expert.References ?? "");
                csv.NextRecord();
            }
        }
        return buffer.ToArray();
    }

    /// <summary>An enum value from its name (FiscalAndFinancialModelling) or its words ("fiscal and financial modelling"), any case.</summary>
    private static T? ParseWords<T>(string text, Func<T, string> words) where T : struct, Enum =>
        Enum.TryParse<T>(text.Replace(" ", "", StringComparison.Ordinal), ignoreCase: true, out var value) && Enum.IsDefined(value)
            ? value
            : Enum.GetValues<T>().Cast<T?>().FirstOrDefault(v => string.Equals(words(v!.Value), text, StringComparison.OrdinalIgnoreCase));

    private static ParsedRoster Fail(string reason) => new([], [new RosterProblem(1, reason)]);

    [GeneratedRegex("^[A-Za-z]{2}$")]
    private static partial Regex LanguageCode();

    [GeneratedRegex("^[A-Z]{3}$")]
    private static partial Regex CurrencyCode();

    [GeneratedRegex(@"^(?<organisation>.+):(?<from>\d{4})-(?<to>\d{4})?$")]
    private static partial Regex PastClient();
}
