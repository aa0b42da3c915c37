using ConnexDesk.Data;
using ConnexDesk.Domain;
using ConnexDesk.Features.Access;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ConnexDesk.Features.Home;

/// <summary>The first page after sign-in: what this person has to do, by role.</summary>
public sealed class DeskModel(DeskDb db, UserManager<DeskUser> users) : PageModel
{
    public DeskUser Me { get; private set; } = null!;
    public Role Role { get; private set; }
    public string? OrganisationName { get; private set; }
    public IReadOnlyList<UserRow> People { get; private set; } = [];

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

        if (me.OrganisationId is { } organisationId)
            OrganisationName = await db.Organisations.Where(o => o.Id == organisationId).Select(o => o.Name).SingleOrDefaultAsync();

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

    public sealed record UserRow(string Name, string Email, string Role, DateTimeOffset? LockedUntil);
}
