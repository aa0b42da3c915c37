using ConnexDesk.Data;
using ConnexDesk.Domain;
using ConnexDesk.Domain.Audit;
using ConnexDesk.Domain.Cases;
using ConnexDesk.Features.Cases;
using ConnexDesk.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace ConnexDesk.Features.Portal;

/// <summary>The focal point's home: the requests of their own organisation, and colleagues they asked to add.</summary>
[Authorize(Policy = Policies.FocalPoint)]
public sealed class RequestsModel(DeskDb db, TimeProvider clock, IStringLocalizer<SharedResource> localizer, ILogger<RequestsModel> logger, Audit.AuditTrail audit) : PageModel
{
    public string? OrganisationName { get; private set; }
    public IReadOnlyList<Case> Requests { get; private set; } = [];
    public IReadOnlyList<ColleagueInvitation> Invitations { get; private set; } = [];
    public IReadOnlyList<string> Problems { get; private set; } = [];

    [TempData]
    public string? Done { get; set; }

    public async Task OnGetAsync() => await LoadAsync();

    /// <summary>Asks the unit to give a colleague of the same organisation access; a manager decides.</summary>
    public async Task<IActionResult> OnPostInviteAsync(string? name, string? email, string? position)
    {
        await LoadAsync();
        var actor = User.ToActor();
        if (actor.OrganisationId is not { } organisationId)
            return NotFound();
        var domain = await db.Organisations.Where(o => o.Id == organisationId).Select(o => o.MailDomain).SingleOrDefaultAsync();
        var (invitation, refusals) = ColleagueInvitation.Ask(organisationId, name, email, position, domain, actor.UserId, actor.Name, clock.GetUtcNow().UtcDateTime);
        var normalised = invitation?.Email.ToUpperInvariant();
        if (invitation is not null && (await db.Users.AnyAsync(u => u.NormalizedEmail == normalised)
            || await db.ColleagueInvitations.AnyAsync(i => i.Email == invitation.Email && i.Status == InvitationStatus.Pending)))
            refusals = [new Reason("{0} already has an account on the desk or is already invited.", invitation.Email)];
        if (refusals.Count > 0)
        {
            Problems = [.. refusals.Select(r => localizer[r.Template, r.Args].Value)];
            return Page();
        }
        db.ColleagueInvitations.Add(invitation!);
        await db.SaveChangesAsync();
        logger.LogInformation("Focal point {UserId} asked access for a colleague (invitation {InvitationId})", actor.UserId, invitation!.Id);
        await audit.RecordAsync(HttpContext, actor.UserId, actor.Name, AuditAction.PermissionChange, $"asked access for {invitation.Email} (invitation {invitation.Id})");
        Done = localizer["Thank you. A manager of the unit approves the access of {0}; they then receive an email to choose a password.", invitation.Name];
        return RedirectToPage();
    }

    private async Task LoadAsync()
    {
        var actor = User.ToActor();
        if (actor.OrganisationId is not { } organisationId)
            return;
        OrganisationName = await db.Organisations.Where(o => o.Id == organisationId).Select(o => o.Name).SingleOrDefaultAsync();
        Requests = await db.Cases.AsNoTracking().VisibleTo(actor).OrderByDescending(c => c.OpenedAt).Take(100).ToListAsync();
        Invitations = await db.ColleagueInvitations.AsNoTracking().Where(i => i.OrganisationId == organisationId).OrderByDescending(i => i.InvitedAt).Take(20).ToListAsync();
    }
}
