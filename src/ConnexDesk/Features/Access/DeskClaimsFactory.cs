using System.Security.Claims;
using ConnexDesk.Features.Cases;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace ConnexDesk.Features.Access;

/// <summary>Puts the person's display name into the sign-in cookie, so pages and history can name them without a query.</summary>
public sealed class DeskClaimsFactory(UserManager<DeskUser> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<DeskUser, IdentityRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(DeskUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(DeskClaims.DisplayName, user.DisplayName));
        return identity;
    }
}
