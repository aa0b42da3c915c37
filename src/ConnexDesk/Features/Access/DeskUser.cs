using Microsoft.AspNetCore.Identity;

namespace ConnexDesk.Features.Access;

/// <summary>A person who signs in: unit staff, a government focal point, an expert or an administrator.</summary>
public sealed class DeskUser : IdentityUser
{
    public string DisplayName { get; set; } = "";

    /// <summary>For government focal points: the requesting organisation whose requests they may see.</summary>
    public int? OrganisationId { get; set; }

    public DateTime CreatedAt { get; set; }
}
