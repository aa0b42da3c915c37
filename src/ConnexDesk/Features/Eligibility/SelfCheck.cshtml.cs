using System.Globalization;
using ConnexDesk.Domain;
using ConnexDesk.Domain.Eligibility;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ConnexDesk.Features.Eligibility;

/// <summary>
/// The public self-check: three questions, an answer with its reasons and the next step. A GET form, so the answer
/// can be bookmarked or sent to a colleague, and no cookie or script is needed.
/// </summary>
[AllowAnonymous]
public sealed class SelfCheckModel(AssessEligibility assess) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Country { get; set; }
    [BindProperty(SupportsGet = true)] public bool? Government { get; set; }
    [BindProperty(SupportsGet = true)] public bool? Negotiation { get; set; }

    public string Language { get; } = CultureInfo.CurrentUICulture.TwoLetterISOLanguageName;
    public IReadOnlyList<(string Code, string Name)> CountryChoices { get; private set; } = [];
    public EligibilityAssessment? Answer { get; private set; }
    public bool Incomplete { get; private set; }

    public async Task OnGetAsync()
    {
        var culture = CultureInfo.CurrentUICulture;
        CountryChoices = [.. Countries.Every.Select(c => (c.Code, c.NameIn(Language))).OrderBy(c => c.Item2, StringComparer.Create(culture, ignoreCase: true))];
        var asked = Country is not null || Government is not null || Negotiation is not null;
        if (!asked)
            return;
        if (Countries.Find(Country) is null || Government is null || Negotiation is null)
        {
            Incomplete = true;
            return;
        }
        Answer = await assess.DecisionAsync(Country!, Government.Value, Negotiation.Value);
    }

    /// <summary>A reason in the visitor's language: country names translated, the rest through the localizer.</summary>
    public object[] LocalArgs(Reason reason)
    {
        ArgumentNullException.ThrowIfNull(reason);
        return [.. reason.Args.Select(a => a is CountryName c ? Countries.Name(c.Code, Language) : a)];
    }
}
