using System.Globalization;
using ConnexDesk.Domain;
using ConnexDesk.Domain.Cases;
using ConnexDesk.Infrastructure;
using Fluid;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace ConnexDesk.Features.Letters;

/// <summary>The facts a letter is written from; every merge field of the templates comes from here.</summary>
public sealed record LetterFacts
{
    public required string Language { get; init; }
    public required DateOnly Date { get; init; }
    public string? Number { get; init; }
    public string? CaseReference { get; init; }
    public string? CaseTitle { get; init; }
    public string? CountryCode { get; init; }
    public string? Summary { get; init; }
    public Sector? Sector { get; init; }
    public SupportServices Services { get; init; }
    public DateOnly? Deadline { get; init; }
    public DateOnly? NextRound { get; init; }
    public IReadOnlyList<string> Counterparties { get; init; } = [];
    public IReadOnlyList<string> RequestedExperts { get; init; } = [];
    public string? Organisation { get; init; }
    public string? RecipientName { get; init; }
    public string? RecipientPosition { get; init; }
    public DateOnly? RequestLetterDate { get; init; }
    public string? Reason { get; init; }
    public string? SignatoryName { get; init; }
    public Role? SignatoryRole { get; init; }

    public static LetterFacts From(Case @case, string language, DateOnly date, string? organisation, OrganisationContact? recipient, CaseActor signatory)
    {
        ArgumentNullException.ThrowIfNull(@case);
        ArgumentNullException.ThrowIfNull(signatory);
        return new()
        {
            Language = language,
            Date = date,
            CaseReference = @case.Reference,
            CaseTitle = @case.Title,
            CountryCode = @case.CountryCode,
            Summary = @case.Summary,
            Sector = @case.Sector,
            Services = @case.ServicesNeeded,
            Deadline = @case.DeadlineOn,
            NextRound = @case.NextRoundOn,
            Counterparties = [.. @case.Counterparties.Select(c => c.Name)],
            RequestedExperts = @case.RequestedExperts,
            Organisation = organisation,
            RecipientName = recipient?.Name,
            RecipientPosition = recipient?.Position,
            RequestLetterDate = @case.RequestLetter is { } letter ? DateOnly.FromDateTime(letter.AddedAt) : null,
            SignatoryName = signatory.Name,
            SignatoryRole = signatory.Role,
        };
    }

    /// <summary>A believable case for previewing a template (`letters preview`, the template editor).</summary>
    public static LetterFacts Sample(LetterKind kind, string language, DateOnly today) => new()
    {
        Language = language,
        Date = today,
        Number = kind == LetterKind.RequestLetterTemplate ? null : new LetterNumber(today.Year, 17).ToString(),
        CaseReference = new CaseReference(today.Year, 42).ToString(),
        CaseTitle = "Renegotiation of the Kalemba gold mining convention",
        CountryCode = "SN",
        Summary = "The Ministry of Mines is renegotiating the 2011 mining convention for the Kalemba gold mine with its operator, ahead of the expiry of the stability clause.",
        Sector = Domain.Cases.Sector.Mining,
        Services = SupportServices.Legal | SupportServices.FiscalAndFinancialModelling | SupportServices.EnvironmentalAndSocial,
        Deadline = today.AddMonths(4),
        NextRound = today.AddDays(45),
        Counterparties = ["Kalemba Gold Mining SA", "Western Ridge Resources plc"],
        RequestedExperts = ["Dr. Awa Ndiaye"],
        Organisation = "Ministry of Mines and Geology",
        RecipientName = "Mr. Ibrahima Sarr",
        RecipientPosition = "Director of Mining Contracts",
        RequestLetterDate = today.AddDays(-9),
        Reason = kind == LetterKind.Decline ? "The support requested concerns the financial close of an awarded concession, which is transaction advisory and outside the unit's mandate." : null,
        SignatoryName = "Dr. Helena Vogt",
        SignatoryRole = kind == LetterKind.Acknowledgement ? Role.CaseOfficer : Role.Manager,
    };
}

/// <summary>A template that does not parse or render, with the engine's own words for where.</summary>
public sealed class LetterTemplateException(string message) : Exception(message);

/// <summary>
/// Writes a letter: renders the wording's Liquid templates over the facts, in the letter's language, and lays the
/// result out with the letterhead, date, number and addressee that every letter of the unit has.
/// Values from the case are data to Liquid, never template text, so nothing a sender wrote can run as a template.
/// </summary>
public sealed class LetterComposer(IStringLocalizer<SharedResource> localizer, IOptions<DeskOptions> desk, TimeProvider clock)
{
    private static readonly FluidParser Parser = new();

    public LetterContent Compose(LetterKind kind, LetterWording wording, LetterFacts facts)
    {
        ArgumentNullException.ThrowIfNull(wording);
        ArgumentNullException.ThrowIfNull(facts);
        var language = LetterLanguages.OrEnglish(facts.Language);
        using var culture = new UiCulture(language);
        var model = Model(facts, language);
        var subject = Render("subject", wording.Subject, model, language).ReplaceLineEndings(" ").Trim();
        var body = LetterContent.Blocks(Render("body", wording.Body, model, language));
        var signature = LetterContent.Lines(Render("signature", wording.Signature, model, language));
        var unit = localizer[desk.Value.UnitName].Value;
        var unitLines = new[] { desk.Value.UnitAddress, $"{desk.Value.UnitEmail} · {desk.Value.PublicUrl}" }.Where(l => !string.IsNullOrWhiteSpace(l)).ToList();
        var labels = new LetterLabels(localizer["Our reference:"], localizer["Subject:"], localizer["Page {0} of {1}"], localizer["Confidential"]);
        if (kind == LetterKind.RequestLetterTemplate)
        {
            // The government's letter to the unit: its own letterhead, the unit as addressee.
            var letterhead = new[] { facts.Organisation ?? localizer["[Name of the ministry or office]"].Value, facts.CountryCode is null ? localizer["[Country]"].Value : Countries.Name(facts.CountryCode, language) };
            return new LetterContent(language, letterhead, localizer["[Place], [date]"], null, [unit, .. unitLines], subject, body, signature, labels);
        }
        var addressee = new[] { facts.RecipientName, facts.RecipientPosition, facts.Organisation, facts.CountryCode is null ? null : Countries.Name(facts.CountryCode, language) }
            .Where(l => !string.IsNullOrWhiteSpace(l)).Select(l => l!).ToList();
        return new LetterContent(language, [unit, .. unitLines], LongDate(facts.Date, language), facts.Number, addressee, subject, body, signature, labels);
    }

    /// <summary>What is wrong with a template's three parts, rendered over sample facts; empty when it is fine.</summary>
    public IReadOnlyList<string> Problems(LetterKind kind, string language, LetterWording wording)
    {
        ArgumentNullException.ThrowIfNull(wording);
        var problems = new List<string>();
        foreach (var (part, text) in new[] { ("subject", wording.Subject), ("body", wording.Body), ("signature", wording.Signature) })
        {
            if (!Parser.TryParse(text, out _, out var error))
                problems.Add($"{part}: {error}");
        }
        if (problems.Count > 0)
            return problems;
        if (string.IsNullOrWhiteSpace(wording.Subject))
            problems.Add("subject: a letter needs a subject.");
        if (string.IsNullOrWhiteSpace(wording.Body))
            problems.Add("body: a letter needs a body.");
        try
        {
            var sample = Compose(kind, wording, LetterFacts.Sample(kind, language, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime)));
            if (sample.Subject.Length == 0)
                problems.Add("subject: it renders empty over the sample case.");
        }
        catch (LetterTemplateException failure)
        {
            problems.Add(failure.Message);
        }
        return problems;
    }

    /// <summary>The unit's name in <paramref name="language"/>, as its letters sign it.</summary>
    public string UnitName(string language)
    {
        using var culture = new UiCulture(LetterLanguages.OrEnglish(language));
        return localizer[desk.Value.UnitName].Value;
    }

    /// <summary>The few lines of the email that carries a letter, in the letter's language.</summary>
    public string CoverNote(LetterContent letter, string? recipientName)
    {
        ArgumentNullException.ThrowIfNull(letter);
        using var culture = new UiCulture(letter.Language);
        var greeting = string.IsNullOrWhiteSpace(recipientName) ? localizer["Dear Sir or Madam,"] : localizer["Dear {0},", recipientName];
        return string.Join("\n\n",
            greeting,
            localizer["Please find attached our letter {0}: {1}.", letter.Number ?? "", letter.Subject],
            localizer["With kind regards,"] + "\n" + string.Join("\n", letter.Signature.Take(2)) + "\n" + localizer[desk.Value.UnitName] + "\n" + desk.Value.UnitEmail);
    }

    public static string LongDate(DateOnly date, string language) => language switch
    {
        "es" or "pt" => date.ToString("d 'de' MMMM 'de' yyyy", CultureInfo.GetCultureInfo(language)),
        _ => date.ToString("d MMMM yyyy", CultureInfo.GetCultureInfo(language)),
    };

    private static string Render(string part, string source, Dictionary<string, object?> model, string language)
    {
        if (!Parser.TryParse(source, out var template, out var error))
            throw new LetterTemplateException($"{part}: {error}");
        var options = new TemplateOptions { CultureInfo = CultureInfo.GetCultureInfo(language), MaxSteps = 100_000, MaxRecursion = 20 };
        try
        {
            return template.Render(new TemplateContext(model, options), NullEncoder.Default);
        }
        catch (InvalidOperationException failure)
        {
            throw new LetterTemplateException($"{part}: {failure.Message}");
        }
    }

    private Dictionary<string, object?> Model(LetterFacts facts, string language)
    {
        string? Date(DateOnly? date) => date is { } d ? LongDate(d, language) : null;
        var services = CaseWords.Each(facts.Services).Select(Service).ToList();
        return new()
        {
            ["letter"] = new Dictionary<string, object?> { ["number"] = facts.Number, ["date"] = LongDate(facts.Date, language) },
            ["case"] = new Dictionary<string, object?>
            {
                ["reference"] = facts.CaseReference,
                ["title"] = facts.CaseTitle,
                ["country"] = facts.CountryCode is null ? null : Countries.Name(facts.CountryCode, language),
                ["summary"] = facts.Summary,
                ["sector"] = facts.Sector is { } sector ? SectorWord(sector) : null,
                ["services"] = services,
                ["services_text"] = services.Count == 0 ? null : string.Join(", ", services),
                ["deadline"] = Date(facts.Deadline),
                ["next_round"] = Date(facts.NextRound),
                ["counterparties"] = facts.Counterparties.Count == 0 ? null : string.Join(", ", facts.Counterparties),
                ["requested_experts"] = facts.RequestedExperts.Count == 0 ? null : string.Join(", ", facts.RequestedExperts),
            },
            ["organisation"] = new Dictionary<string, object?> { ["name"] = facts.Organisation },
            ["recipient"] = new Dictionary<string, object?> { ["name"] = facts.RecipientName, ["position"] = facts.RecipientPosition },
            ["request_letter"] = new Dictionary<string, object?> { ["date"] = Date(facts.RequestLetterDate) },
            ["reason"] = facts.Reason,
            ["unit"] = new Dictionary<string, object?>
            {
                ["name"] = localizer[desk.Value.UnitName].Value,
                ["email"] = desk.Value.UnitEmail,
                ["address"] = desk.Value.UnitAddress,
                ["url"] = desk.Value.PublicUrl,
            },
            ["signatory"] = new Dictionary<string, object?>
            {
                ["name"] = facts.SignatoryName,
                ["title"] = facts.SignatoryRole == Role.Manager ? localizer["Head of Unit"].Value : localizer["Case officer"].Value,
            },
        };
    }

    private string Service(SupportServices service) => service switch
    {
        SupportServices.Legal => localizer["legal advice"],
        SupportServices.FiscalAndFinancialModelling => localizer["fiscal and financial modelling"],
        SupportServices.Technical => localizer["technical advice"],
        SupportServices.EnvironmentalAndSocial => localizer["environmental and social advice"],
        _ => localizer["other expertise"],
    };

    private string SectorWord(Sector sector) => sector switch
    {
        Domain.Cases.Sector.Mining => localizer["mining"],
        Domain.Cases.Sector.OilAndGas => localizer["oil and gas"],
        Domain.Cases.Sector.RenewableEnergy => localizer["renewable energy"],
        Domain.Cases.Sector.Power => localizer["power"],
        Domain.Cases.Sector.TransportInfrastructure => localizer["transport infrastructure"],
        Domain.Cases.Sector.Water => localizer["water"],
        Domain.Cases.Sector.AgricultureAndLand => localizer["agriculture and land"],
        Domain.Cases.Sector.Telecommunications => localizer["telecommunications"],
        Domain.Cases.Sector.Other => localizer["other sectors"],
    };

    /// <summary>The localizer reads the UI culture; a letter is written in its own language whatever the page's.</summary>
    private sealed class UiCulture : IDisposable
    {
        private readonly CultureInfo _previous = CultureInfo.CurrentUICulture;

        public UiCulture(string language) => CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(language);

        public void Dispose() => CultureInfo.CurrentUICulture = _previous;
    }
}
