using System.Globalization;
using System.Security.Claims;
using ConnexDesk.Domain;
using ConnexDesk.Features.Cases;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace ConnexDesk.Features.Access;

/// <summary>
/// Puts into the principal what need-to-know decides on: the display name, the organisation of a focal point, the
/// roster entry of an expert and whether they signed the Code of Conduct in force. Made again on every request.
/// </summary>
public sealed class DeskClaimsFactory(UserManager<DeskUser> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options, Experts.CodeOfConductRegister codeOfConduct)
    : UserClaimsPrincipalFactory<DeskUser, IdentityRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(DeskUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(DeskClaims.DisplayName, user.DisplayName));
        identity.AddClaim(new Claim(DeskClaims.TwoFactorEnabled, user.TwoFactorEnabled ? "true" : "false"));
        if (user.OrganisationId is { } organisation)
            identity.AddClaim(new Claim(DeskClaims.Organisation, organisation.ToString(CultureInfo.InvariantCulture)));
        // The base class has just put the roles in; reading them again from the database would cost a query on every request.
        if (identity.HasClaim(Options.ClaimsIdentity.RoleClaimType, Roles.Expert) && await codeOfConduct.ExpertForAsync(user.Email) is { } expert)
        {
            identity.AddClaim(new Claim(DeskClaims.Expert, expert.Id.ToString(CultureInfo.InvariantCulture)));
            if ((await codeOfConduct.StandingAsync([expert.Id]))?.SignedBy.Contains(expert.Id) == true)
                identity.AddClaim(new Claim(DeskClaims.SignedCurrentCode, "true"));
        }
        return identity;
    }
}
