using System.ComponentModel.DataAnnotations;
using ConnexDesk.Domain;
using ConnexDesk.Domain.Cases;

namespace ConnexDesk.Features.Cases;

/// <summary>The case fields as a form posts them; shared by "open an inquiry" and "edit the case".</summary>
public sealed class CaseFormInput
{
    [Required(ErrorMessage = "Choose the country.")]
    public string CountryCode { get; set; } = "";

    [StringLength(300)]
    public string? OrganisationName { get; set; }

    public GovernmentLevel OrganisationLevel { get; set; } = GovernmentLevel.National;

    [Required(ErrorMessage = "Give the request a short title.")]
    [StringLength(300, ErrorMessage = "The title can have at most 300 characters.")]
    public string Title { get; set; } = "";

    [StringLength(8000)]
    public string? Summary { get; set; }

    public Sector? Sector { get; set; }

    public NegotiationStage? NegotiationStage { get; set; }

    [DataType(DataType.Date)]
    public DateOnly? NextRoundOn { get; set; }

    [DataType(DataType.Date)]
    public DateOnly? DeadlineOn { get; set; }

    public List<SupportServices> Services { get; set; } = [];

    [StringLength(2000)]
    public string? RequestedExperts { get; set; }

    /// <summary>The language of the government's correspondence; the unit's letters are written in it.</summary>
    public string Language { get; set; } = "en";

    public CaseDetails ToDetails() => new(
        CountryCode,
        Title,
        Summary,
        Sector,
        NegotiationStage,
        NextRoundOn,
        DeadlineOn,
        Services.Aggregate(SupportServices.None, (all, one) => all | one),
        (RequestedExperts ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
        LetterLanguages.OrEnglish(Language));

    public static CaseFormInput From(Case @case, string? organisationName, GovernmentLevel? level)
    {
        ArgumentNullException.ThrowIfNull(@case);
        return new CaseFormInput
        {
            CountryCode = @case.CountryCode ?? "",
            OrganisationName = organisationName,
            OrganisationLevel = level ?? GovernmentLevel.National,
            Title = @case.Title,
            Summary = @case.Summary,
            Sector = @case.Sector,
            NegotiationStage = @case.NegotiationStage,
            NextRoundOn = @case.NextRoundOn,
            DeadlineOn = @case.DeadlineOn,
            Services = [.. CaseWords.Each(@case.ServicesNeeded)],
            RequestedExperts = string.Join('\n', @case.RequestedExperts),
            Language = @case.Language,
        };
    }

    /// <summary>Checks that need more than attributes; adds errors under the form's field names.</summary>
    public void Validate(Microsoft.AspNetCore.Mvc.ModelBinding.ModelStateDictionary modelState, string prefix)
    {
        ArgumentNullException.ThrowIfNull(modelState);
        if (!string.IsNullOrEmpty(CountryCode) && !Countries.IsKnown(CountryCode))
            modelState.AddModelError($"{prefix}.{nameof(CountryCode)}", "Choose a country from the list.");
        if (NextRoundOn is { } round && DeadlineOn is { } deadline && deadline < round)
            modelState.AddModelError($"{prefix}.{nameof(DeadlineOn)}", "The deadline is before the next negotiation round; check the dates.");
        if (!LetterLanguages.IsKnown(Language))
            modelState.AddModelError($"{prefix}.{nameof(Language)}", "Choose English, French, Spanish or Portuguese.");
    }
}
