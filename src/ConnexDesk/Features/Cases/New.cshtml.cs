using System.ComponentModel.DataAnnotations;
using ConnexDesk.Domain;
using ConnexDesk.Domain.Cases;
using ConnexDesk.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace ConnexDesk.Features.Cases;

/// <summary>Open an inquiry by hand: a phone call, a meeting, a letter handed over.</summary>
[Authorize(Policy = Policies.UnitStaff)]
public sealed class NewModel(OpenCase openCase, IStringLocalizer<SharedResource> localizer, ILogger<NewModel> logger) : PageModel
{
    [BindProperty]
    public CaseFormInput Input { get; set; } = new();

    [BindProperty]
    public List<CounterpartyInput> Counterparties { get; set; } = [];

    [BindProperty]
    [StringLength(4000)]
    public string? HowTheyGotInTouch { get; set; }

    [BindProperty]
    public bool AssignToMe { get; set; } = true;

    [BindProperty]
    public ContactInput Contact { get; set; } = new();

    public string? Problem { get; private set; }

    public void OnGet() => PadCounterparties();

    public async Task<IActionResult> OnPostAsync()
    {
        Input.Validate(ModelState, nameof(Input));
        if (!ModelState.IsValid)
        {
            PadCounterparties();
            return Page();
        }
        var actor = User.ToActor();
        var result = await openCase.RunAsync(new NewCase(
            Input.ToDetails(),
            Input.OrganisationName,
            Input.OrganisationLevel,
            [.. Counterparties.Where(c => !string.IsNullOrWhiteSpace(c.Name)).Select(c => new NewCounterparty(c.Name!, c.CountryCode, c.Kind))],
            AssignToMe ? actor.UserId : null,
            HowTheyGotInTouch,
            string.IsNullOrWhiteSpace(Contact.Name) ? null : new NewContact(Contact.Name, Contact.Email, Contact.Phone, Contact.Position)), actor);
        if (!result.Succeeded)
        {
            Problem = localizer[result.Error!];
            PadCounterparties();
            return Page();
        }
        logger.LogInformation("User {UserId} opened case {Reference}", actor.UserId, result.Case!.Reference);
        return Redirect($"/cases/{result.Case.Reference}?opened=1");
    }

    private void PadCounterparties()
    {
        while (Counterparties.Count < 3)
            Counterparties.Add(new CounterpartyInput());
    }
}

public sealed class ContactInput
{
    [StringLength(200)]
    public string? Name { get; set; }

    [EmailAddress(ErrorMessage = "Enter a valid email address for the contact.")]
    [StringLength(320)]
    public string? Email { get; set; }

    [StringLength(50)]
    public string? Phone { get; set; }

    [StringLength(200)]
    public string? Position { get; set; }
}

public sealed class CounterpartyInput
{
    [StringLength(300)]
    public string? Name { get; set; }

    public string? CountryCode { get; set; }

    public CounterpartyKind Kind { get; set; } = CounterpartyKind.Company;
}
