using System.Security.Cryptography;
using ConnexDesk.Data;
using ConnexDesk.Domain;
using ConnexDesk.Features.Cases;
using ConnexDesk.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace ConnexDesk.Features.Access;

/// <summary>
/// A manager decides on the colleagues focal points asked to add. Approving opens a focal-point account of the same
/// organisation and mails a link to choose a password; nobody ever sees or sends a password.
/// </summary>
[Authorize(Policy = Policies.Manager)]
public sealed class InvitationsModel(DeskDb db, AddUser addUser, PasswordLink link, TimeProvider clock, IStringLocalizer<SharedResource> localizer, ILogger<InvitationsModel> logger) : PageModel
{
    public IReadOnlyList<(ColleagueInvitation Invitation, string Organisation)> Pending { get; private set; } = [];
    public IReadOnlyList<(ColleagueInvitation Invitation, string Organisation)> Decided { get; private set; } = [];
    public IReadOnlyList<string> Problems { get; private set; } = [];
    public int? PostedInvitation { get; private set; }

    [TempData]
    public string? Done { get; set; }

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostDecideAsync(int invitationId, bool approve, string? reason)
    {
        var invitation = await db.ColleagueInvitations.SingleOrDefaultAsync(i => i.Id == invitationId);
        if (invitation is null)
            return NotFound();
        var manager = User.ToActor();
        var refusals = invitation.Decide(approve, reason, manager.Name, clock.GetUtcNow().UtcDateTime);
        if (refusals.Count == 0 && approve)
        {
            // A password nobody knows: the colleague chooses their own through the mailed link.
            var created = await addUser.RunAsync(new NewUser(invitation.Email, invitation.Name, Role.FocalPoint, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) + "aA1!", invitation.OrganisationId), manager, HttpContext.RequestAborted);
            if (!created.Succeeded)
                refusals = [new Reason("The account could not be opened: {0}", created.Error!)];
            else
                await link.QueueAsync(created.User!, newAccount: true, HttpContext.RequestAborted);
        }
        if (refusals.Count > 0)
        {
            (Problems, PostedInvitation) = ([.. refusals.Select(r => localizer[r.Template, r.Args].Value)], invitationId);
            db.ChangeTracker.Clear();
            await LoadAsync();
            return Page();
        }
        await db.SaveChangesAsync();
        logger.LogInformation("Manager {UserId} {Decision} invitation {InvitationId}", manager.UserId, approve ? "approved" : "refused", invitationId);
        Done = approve ? localizer["{0} has an account; the email to choose a password is in the outbox.", invitation.Name] : localizer["The invitation of {0} is refused.", invitation.Name];
        return RedirectToPage();
    }

    private async Task LoadAsync()
    {
        var organisations = await db.Organisations.AsNoTracking().ToDictionaryAsync(o => o.Id, o => o.Name);
        var all = await db.ColleagueInvitations.AsNoTracking().OrderByDescending(i => i.InvitedAt).Take(200).ToListAsync();
        Pending = [.. all.Where(i => i.Status == InvitationStatus.Pending).Select(i => (i, organisations.GetValueOrDefault(i.OrganisationId) ?? ""))];
        Decided = [.. all.Where(i => i.Status != InvitationStatus.Pending).Take(50).Select(i => (i, organisations.GetValueOrDefault(i.OrganisationId) ?? ""))];
    }
}
