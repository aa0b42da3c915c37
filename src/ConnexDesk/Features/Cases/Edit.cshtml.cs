using System.ComponentModel.DataAnnotations;
using ConnexDesk.Data;
using ConnexDesk.Domain.Cases;
using ConnexDesk.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace ConnexDesk.Features.Cases;

/// <summary>Change the case fields. Each changed field gets a history row; a change made meanwhile by someone else is reported, and what this person typed is kept.</summary>
[Authorize(Policy = Policies.UnitStaff)]
public sealed class EditModel(DeskDb db, TimeProvider clock, IStringLocalizer<SharedResource> localizer, ILogger<EditModel> logger) : PageModel
{
    [BindProperty]
    public CaseFormInput Input { get; set; } = new();

    [BindProperty]
    public int Version { get; set; }

    [BindProperty]
    [StringLength(4000)]
    public string? Reason { get; set; }

    public Case Case { get; private set; } = null!;
    public string? Problem { get; private set; }
    public CaseFormInput? Current { get; private set; }

    public async Task<IActionResult> OnGetAsync(string reference)
    {
        var found = await db.LoadAsync(reference, User.ToActor());
        if (found is null)
            return NotFound();
        if (!found.CanBeChangedBy(User.ToActor()))
            return Redirect($"/cases/{found.Reference}");
        Case = found;
        Input = await FormFromAsync(found);
        Version = found.Version;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string reference)
    {
        var actor = User.ToActor();
        var found = await db.LoadAsync(reference, actor);
        if (found is null)
            return NotFound();
        Case = found;
        if (!found.CanBeChangedBy(actor))
        {
            Problem = localizer["This case is finished; it can no longer be changed."];
            return Page();
        }
        Input.Validate(ModelState, nameof(Input));
        if (!ModelState.IsValid)
            return Page();
        if (found.Version != Version)
            return await ConflictAsync(found);

        var now = clock.GetUtcNow().UtcDateTime;
        found.ChangeDetails(Input.ToDetails(), actor, now, Reason);
        var currentOrganisation = found.OrganisationId is { } id ? await db.Organisations.AsNoTracking().SingleAsync(o => o.Id == id) : null;
        if (!string.IsNullOrWhiteSpace(Input.OrganisationName)
            && (currentOrganisation is null || currentOrganisation.Name != Input.OrganisationName.Trim() || currentOrganisation.CountryCode != found.CountryCode))
        {
            var organisationId = await Organisations.FindOrAddAsync(db, Input.OrganisationName, found.CountryCode!, Input.OrganisationLevel);
            found.ChangeOrganisation(organisationId, Input.OrganisationName.Trim(), currentOrganisation?.Name, actor, now);
        }
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            var current = await db.LoadAsync(reference, actor);
            return current is null ? NotFound() : await ConflictAsync(current);
        }
        logger.LogInformation("User {UserId} edited case {Reference}", actor.UserId, found.Reference);
        TempData[nameof(DetailModel.Done)] = localizer["Changes saved."].Value;
        return Redirect($"/cases/{found.Reference}");
    }

    private async Task<IActionResult> ConflictAsync(Case current)
    {
        Case = current;
        var last = current.History.MaxBy(h => h.At);
        Problem = localizer["{0} changed this case at {1} while you were editing it. Your changes are NOT saved yet: they are still in the form below. Compare them with the current values on the right, then save again.", last?.ActorName ?? "?", last is null ? "?" : Display.When(last.At)];
        Current = await FormFromAsync(current);
        Version = current.Version;
        ModelState.Remove(nameof(Version));
        Response.StatusCode = StatusCodes.Status409Conflict;
        return Page();
    }

    private async Task<CaseFormInput> FormFromAsync(Case found)
    {
        var organisation = found.OrganisationId is { } id ? await db.Organisations.AsNoTracking().SingleAsync(o => o.Id == id) : null;
        return CaseFormInput.From(found, organisation?.Name, organisation?.Level);
    }
}
