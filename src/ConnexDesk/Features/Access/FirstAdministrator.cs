using ConnexDesk.Data;
using ConnexDesk.Domain;
using Microsoft.EntityFrameworkCore;

namespace ConnexDesk.Features.Access;

/// <summary>In Production nobody has a default password: until an administrator exists, the desk says how to create one.</summary>
public static class FirstAdministrator
{
    public const string Command = "ConnexDesk user add --email EMAIL --name \"FULL NAME\" --role Administrator";

    public static Task<bool> ExistsAsync(DeskDb db, CancellationToken cancellationToken = default) =>
        (from userRole in db.UserRoles
         join role in db.Roles on userRole.RoleId equals role.Id
         where role.Name == Roles.Administrator
         select userRole).AnyAsync(cancellationToken);
}
