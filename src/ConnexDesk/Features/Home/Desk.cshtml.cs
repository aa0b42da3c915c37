using ConnexDesk.Data;
using ConnexDesk.Domain;
using ConnexDesk.Domain.Cases;
using ConnexDesk.Features.Access;
using ConnexDesk.Features.Cases;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ConnexDesk.Features.Home;

/// <summary>The first page after sign-in: what this person has to do, by role.</summary>
public sealed class DeskModel(DeskDb db, UserManager<DeskUser> users, TimeProvider clock) : PageModel
{
    public DeskUser Me { get; private set; } = null!;
    public Role Role { get; private set; }
    public string? OrganisationName { get; private set; }
    public IReadOnlyList<UserRow> People { get; private set; } = [];
    public IReadOnlyList<CaseLine> MyCases { get; private set; } = [];
    public IReadOnlyList<CaseLine> SharedInbox { get; private set; } = [];
    public IReadOnlyList<CaseLine> DueSoon { get; private set; } = [];
    public IReadOnlyList<CaseLine> AwaitingDecision { get; private set; } = [];

    /// <summary>Open cases with possible sanctions hits nobody has decided yet (after a new list version, say).</summary>
    public IReadOnlyList<CaseLine> SanctionsToReview { get; private set; } = [];
    public IReadOnlyDictionary<CaseStage, int> OpenByStage { get; private set; } = new Dictionary<CaseStage, int>();
    public DateTime Now { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var me = await users.GetUserAsync(User);
        if (me is null)
            return Challenge();
        Me = me;
        var roleName = (await users.GetRolesAsync(me)).FirstOrDefault();
        if (!Roles.TryParse(roleName, out var role))
            return Forbid();
        Role = role;
        // A focal point's desk is the portal of their organisation's requests.
        if (role == Role.FocalPoint)
            return Redirect("/portal");

        if (me.OrganisationId is { } organisationId)
            OrganisationName = await db.Organisations.Where(o => o.Id == organisationId).Select(o => o.Name).SingleOrDefaultAsync();

        Now = clock.GetUtcNow().UtcDateTime;
        if (Roles.IsUnitStaff(role))
            await LoadCaseWorkAsync(User.ToActor());

        if (role == Role.Administrator)
        {
            People = await (
                from user in db.Users
                join userRole in db.UserRoles on user.Id equals userRole.UserId into userRoles
                from userRole in userRoles.DefaultIfEmpty()
                join r in db.Roles on userRole.RoleId equals r.Id into rs
                from r in rs.DefaultIfEmpty()
                orderby user.DisplayName
                select new UserRow(user.DisplayName, user.Email!, r != null ? r.Name! : "", user.LockoutEnd))
                .Take(200).ToListAsync();
        }
        return Page();
    }

    private async Task LoadCaseWorkAsync(CaseActor actor)
    {
        var open = db.Cases.AsNoTracking().VisibleTo(actor)
            .Where(c => c.Stage != CaseStage.Closed && c.Stage != CaseStage.Declined && c.Stage != CaseStage.Withdrawn);
        MyCases = await Lines(open.Where(c => c.AssignedOfficerId == actor.UserId).OrderBy(c => c.StageEnteredAt), 8);
        SharedInbox = await Lines(open.Where(c => c.AssignedOfficerId == null).OrderBy(c => c.OpenedAt), 8);
        var today = DateOnly.FromDateTime(Now);
        var weekAhead = today.AddDays(7);
        DueSoon = await Lines(open
            .Where(c => c.AssignedOfficerId == actor.UserId || actor.Role == Role.Manager)
            .Where(c => (c.NextRoundOn >= today && c.NextRoundOn <= weekAhead) || (c.DeadlineOn >= today && c.DeadlineOn <= weekAhead))
            .OrderBy(c => c.DeadlineOn), 8);
        SanctionsToReview = await Lines(open
            .Where(c => c.AssignedOfficerId == actor.UserId || actor.Role == Role.Manager)
            .Where(c => c.SanctionsHits.Any(h => h.Decision == ConnexDesk.Domain.Sanctions.HitDecision.Pending))
            .OrderBy(c => c.OpenedAt), 20);
        if (actor.Role == Role.Manager)
        {
            AwaitingDecision = await Lines(open.Where(c => c.Stage == CaseStage.PendingApproval).OrderBy(c => c.StageEnteredAt), 20);
            OpenByStage = await open.GroupBy(c => c.Stage).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count);
        }
    }

    private static Task<List<CaseLine>> Lines(IQueryable<Case> cases, int count) =>
        cases.Take(count).Select(c => new CaseLine(c.Reference, c.Title, c.CountryCode, c.Stage, c.StageEnteredAt, c.NextRoundOn, c.DeadlineOn)).ToListAsync();

    public sealed record CaseLine(string Reference, string Title, string? CountryCode, CaseStage Stage, DateTime StageEnteredAt, DateOnly? NextRoundOn, DateOnly? DeadlineOn);

    public sealed record UserRow(string Name, string Email, string Role, DateTimeOffset? LockedUntil);
}
