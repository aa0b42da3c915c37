using System.Security.Claims;
using ConnexDesk.Domain;
using ConnexDesk.Domain.Cases;

namespace ConnexDesk.Features.Cases;

/// <summary>Need-to-know for the staff pages: a manager sees every case, a case officer the cases assigned to them and the unassigned ones.</summary>
public static class CaseAccess
{
    public static IQueryable<Case> VisibleTo(this IQueryable<Case> cases, CaseActor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return actor.Role switch
        {
            Role.Manager => cases,
            Role.CaseOfficer => cases.Where(c => c.AssignedOfficerId == actor.UserId || c.AssignedOfficerId == null),
            Role.FocalPoint => cases.Where(_ => false),
            Role.Expert => cases.Where(_ => false),
            Role.Administrator => cases.Where(_ => false),
        };
    }

    /// <summary>The person signed in, as the domain sees them. The display name and role come from the sign-in cookie.</summary>
    public static CaseActor ToActor(this ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var id = user.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("Not signed in.");
        var name = user.FindFirstValue(DeskClaims.DisplayName) ?? user.Identity?.Name ?? id;
        var role = Roles.All.FirstOrDefault(r => user.IsInRole(r.ToString()));
        if (!user.IsInRole(role.ToString()))
            throw new InvalidOperationException("The signed-in user has no role.");
        return new CaseActor(id, name, role);
    }
}

public static class DeskClaims
{
    public const string DisplayName = "connexdesk:display_name";
}
