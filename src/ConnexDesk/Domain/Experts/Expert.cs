using ConnexDesk.Domain.Cases;

namespace ConnexDesk.Domain.Experts;

public enum Discipline
{
    Legal,
    FiscalAndFinancialModelling,
    Tax,
    Economics,
    GeologyAndMiningEngineering,
    PetroleumEngineering,
    PowerAndRenewableEnergy,
    InfrastructureAndPpp,
    Environmental,
    SocialAndCommunity,
    NegotiationStrategy,
    Other,
}

public enum ExpertStatus
{
    Active,
    Inactive,
}

/// <summary>A language an expert works in, with the level when known (CEFR: A1 ... C2, or "native").</summary>
public sealed record ExpertLanguage(string Code, string? Level);

/// <summary>
/// A past (or current) client or employer: the organisation, and the years. Conflict-of-interest screening compares
/// these with a case's counterparties.
/// </summary>
public sealed class ExpertTie
{
    private ExpertTie()
    {
        Organisation = "";
    }

    public ExpertTie(string organisation, int fromYear, int? toYear, string? role = null, string? countryCode = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(organisation);
        if (toYear is { } to && to < fromYear)
            throw new ArgumentException($"A tie cannot end ({to}) before it began ({fromYear}).", nameof(toYear));
        Organisation = organisation.Trim();
        FromYear = fromYear;
        ToYear = toYear;
        Role = role;
        CountryCode = countryCode;
    }

    public int Id { get; private set; }
    public string Organisation { get; private set; }
    public int FromYear { get; private set; }

    /// <summary>Null while the tie is ongoing.</summary>
    public int? ToYear { get; private set; }
    public string? Role { get; private set; }
    public string? CountryCode { get; private set; }

    public override string ToString() => $"{Organisation}:{FromYear}-{ToYear}";
}

/// <summary>A member of the unit's roster of experts.</summary>
public sealed class Expert
{
    private readonly List<ExpertTie> _ties = [];

    private Expert()
    {
        Name = "";
        Email = "";
        Languages = [];
        Disciplines = [];
        Sectors = [];
        Regions = [];
        Unavailable = [];
    }

    public Expert(string name, string email, DateTime addedAt)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(email);
        Name = name.Trim();
        Email = email.Trim().ToLowerInvariant();
        AddedAt = addedAt;
        UpdatedAt = addedAt;
        Languages = [];
        Disciplines = [];
        Sectors = [];
        Regions = [];
        Unavailable = [];
    }

    public int Id { get; private set; }
    public string Name { get; private set; }

    /// <summary>Lower case; one expert per address.</summary>
    public string Email { get; private set; }
    public string? Phone { get; private set; }

    /// <summary>ISO 3166 alpha-2.</summary>
    public string? Nationality { get; private set; }

    /// <summary>"fr" or "fr:C1": the language code and, when known, the level.</summary>
    public List<string> Languages { get; private set; }
    public List<Discipline> Disciplines { get; private set; }
    public List<Sector> Sectors { get; private set; }

    /// <summary>Regions and countries of experience, as written (e.g. "West Africa", "SN").</summary>
    public List<string> Regions { get; private set; }
    public decimal? DailyRate { get; private set; }
    public string? Currency { get; private set; }
    public ExpertStatus Status { get; private set; }
    public int? YearsOfExperience { get; private set; }

    /// <summary>People who can speak for the expert's work, as staff wrote them.</summary>
    public string? References { get; private set; }

    /// <summary>Periods the expert cannot work, each "yyyy-MM-dd/yyyy-MM-dd" (an ISO 8601 interval of days, both included).</summary>
    public List<string> Unavailable { get; private set; }

    /// <summary>The CV: a document in the encrypted store, by its SHA-256.</summary>
    public string? CvSha256 { get; private set; }
    public string? CvFileName { get; private set; }
    public DateTime AddedAt { get; private set; }

    /// <summary>Every change to the profile moves it, so the cached roster index knows to rebuild.</summary>
    public DateTime? UpdatedAt { get; private set; }
    public IReadOnlyList<ExpertTie> PastClients => _ties;

    public IEnumerable<DatePeriod> UnavailablePeriods() => Unavailable.Select(DatePeriod.Parse);

    /// <summary>Staff edit what an import does not carry: phone, experience, references, availability and status.</summary>
    public IReadOnlyList<Reason> EditDetails(string? phone, int? yearsOfExperience, string? references, IReadOnlyList<DatePeriod> unavailable, ExpertStatus status, DateTime at)
    {
        ArgumentNullException.ThrowIfNull(unavailable);
        if (yearsOfExperience is < 0 or > 70)
            return [new Reason("Give the years of experience as a number from 0 to 70.")];
        Phone = string.IsNullOrWhiteSpace(phone) ? null : phone.Trim();
        YearsOfExperience = yearsOfExperience;
        References = string.IsNullOrWhiteSpace(references) ? null : references.Trim();
        Unavailable = [.. unavailable.OrderBy(p => p.From).Select(p => p.ToString())];
        Status = status;
        UpdatedAt = at;
        return [];
    }

    public void AttachCv(string sha256, string fileName, DateTime at)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sha256);
        ArgumentException.ThrowIfNullOrWhiteSpace(fileName);
        CvSha256 = sha256;
        CvFileName = fileName;
        UpdatedAt = at;
    }

    public IEnumerable<ExpertLanguage> LanguageLevels() => Languages.Select(l => l.Split(':', 2)).Select(p => new ExpertLanguage(p[0], p.Length > 1 ? p[1] : null));

    /// <summary>Takes the profile fields of an imported row; past clients are replaced by the row's.</summary>
    public void UpdateProfile(ExpertProfile profile, DateTime at)
    {
        ArgumentNullException.ThrowIfNull(profile);
        Name = profile.Name.Trim();
        Nationality = profile.Nationality;
        Languages = [.. profile.Languages.Select(l => l.Level is null ? l.Code : $"{l.Code}:{l.Level}")];
        Disciplines = [.. profile.Disciplines.Distinct()];
        Sectors = [.. profile.Sectors.Distinct()];
        Regions = [.. profile.Regions.Distinct(StringComparer.OrdinalIgnoreCase)];
        DailyRate = profile.DailyRate;
        Currency = profile.Currency;
        _ties.Clear();
        _ties.AddRange(profile.PastClients);
        UpdatedAt = at;
    }
}

/// <summary>Days from <see cref="From"/> to <see cref="To"/>, both included.</summary>
public readonly record struct DatePeriod(DateOnly From, DateOnly To)
{
    public bool Overlaps(DateOnly from, DateOnly to) => From <= to && from <= To;

    public override string ToString() => $"{From:yyyy-MM-dd}/{To:yyyy-MM-dd}";

    public static DatePeriod Parse(string text) =>
        TryParse(text, out var period) ? period : throw new FormatException($"'{text}' is not a period written yyyy-MM-dd/yyyy-MM-dd.");

    /// <summary>Reads "2026-12-01/2026-12-20" (or with ".." between, as people type it); the end may not come before the start.</summary>
    public static bool TryParse(string? text, out DatePeriod period)
    {
        period = default;
        var parts = (text ?? "").Replace("..", "/", StringComparison.Ordinal).Split('/', StringSplitOptions.TrimEntries);
        if (parts.Length != 2
            || !DateOnly.TryParseExact(parts[0], "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var from)
            || !DateOnly.TryParseExact(parts[1], "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var to)
            || to < from)
            return false;
        period = new DatePeriod(from, to);
        return true;
    }
}

/// <summary>A profile as an import row gives it.</summary>
public sealed record ExpertProfile(
    string Name,
    string Email,
    string? Nationality,
    IReadOnlyList<ExpertLanguage> Languages,
    IReadOnlyList<Discipline> Disciplines,
    IReadOnlyList<Sector> Sectors,
    IReadOnlyList<string> Regions,
    decimal? DailyRate,
    string? Currency,
    IReadOnlyList<ExpertTie> PastClients);

/// <summary>Words shown to people for the roster's enums.</summary>
public static class ExpertWords
{
    public static string Discipline(Discipline discipline) => discipline switch
    {
        Domain.Experts.Discipline.Legal => "Legal",
        Domain.Experts.Discipline.FiscalAndFinancialModelling => "Fiscal and financial modelling",
        Domain.Experts.Discipline.Tax => "Tax",
        Domain.Experts.Discipline.Economics => "Economics",
        Domain.Experts.Discipline.GeologyAndMiningEngineering => "Geology and mining engineering",
        Domain.Experts.Discipline.PetroleumEngineering => "Petroleum engineering",
        Domain.Experts.Discipline.PowerAndRenewableEnergy => "Power and renewable energy",
        Domain.Experts.Discipline.InfrastructureAndPpp => "Infrastructure and PPP",
        Domain.Experts.Discipline.Environmental => "Environmental",
        Domain.Experts.Discipline.SocialAndCommunity => "Social and community",
        Domain.Experts.Discipline.NegotiationStrategy => "Negotiation strategy",
        Domain.Experts.Discipline.Other => "Other",
    };
}
