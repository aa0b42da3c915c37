using System.Security.Claims;
using ConnexDesk.Domain;
using ConnexDesk.Domain.Cases;

namespace ConnexDesk.Features.Cases;

/// <summary>
/// Need-to-know, the first line: a manager sees every case, a case officer the cases assigned to them and the
/// unassigned ones, a focal point the cases of their own organisation, an expert the cases where the government
/// accepted them once they signed the Code of Conduct in force, an administrator none. The database's query filter
/// (DeskDb) fences the people outside the unit a second time.
/// </summary>
public static class CaseAccess
{
    public static IQueryable<Case> VisibleTo(this IQueryable<Case> cases, CaseActor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        return actor.Role switch
        {
            Role.Manager => cases,
            Role.CaseOfficer => cases.Where(c => c.AssignedOfficerId == actor.UserId || c.AssignedOfficerId == null),
            Role.FocalPoint => actor.OrganisationId is { } organisationId ? cases.Where(c => c.OrganisationId == organisationId) : cases.Where(_ => false),
            Role.Expert => actor.ExpertId is { } expertId && actor.SignedCurrentCode
                ? cases.Where(c => c.Engagements.Any(e => e.ExpertId == expertId && Engagement.AcceptedStatuses.Contains(e.Status)))
                : cases.Where(_ => false),
            Role.Administrator => cases.Where(_ => false),
        };
    }

    /// <summary>
    /// The person signed in, as the domain sees them. The claims are made again from the database on every request
    /// (the security stamp is validated each time), so a changed organisation or a new Code of Conduct counts at once.
    /// </summary>
    public static CaseActor ToActor(this ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var id = user.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("Not signed in.");
        var name = user.FindFirstValue(DeskClaims.DisplayName) ?? user.Identity?.Name ?? id;
        var role = Roles.All.FirstOrDefault(r => user.IsInRole(r.ToString()));
        if (!user.IsInRole(role.ToString()))
            throw new InvalidOperationException("The signed-in user has no role.");
        return new CaseActor(id, name, role)
        {
            OrganisationId = int.TryParse(user.FindFirstValue(DeskClaims.Organisation), System.Globalization.CultureInfo.InvariantCulture, out var organisation) ? organisation : null,
            ExpertId = int.TryParse(user.FindFirstValue(DeskClaims.Expert), System.Globalization.CultureInfo.InvariantCulture, out var expert) ? expert : null,
            SignedCurrentCode = user.HasClaim(DeskClaims.SignedCurrentCode, "true"),
        };
    }
}

public static class DeskClaims
{
    public const string DisplayName = "connexdesk:display_name";
    public const string Organisation = "connexdesk:organisation";
    public const string Expert = "connexdesk:expert";
    public const string SignedCurrentCode = "connexdesk:signed_current_code";
    public const string TwoFactorEnabled = "connexdesk:two_factor";
}
