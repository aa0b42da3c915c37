using ConnexDesk.Domain.Audit;
using ConnexDesk.Domain.Cases;
using ConnexDesk.Features.Audit;
using Microsoft.AspNetCore.Identity;

namespace ConnexDesk.Features.Access;

/// <summary>
/// Closes an account: it can no longer sign in, and a session already open ends on its next request (the security
/// stamp changes, and the desk checks it on every request).
/// </summary>
public sealed class DisableUser(UserManager<DeskUser> users, AuditTrail audit, TimeProvider clock)
{
    public async Task<string?> RunAsync(string email, string reason, CaseActor by, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(by);
        if (string.IsNullOrWhiteSpace(reason))
            return "Give the reason for closing the account; it goes into the audit trail.";
        var user = await users.FindByEmailAsync(email.Trim());
        if (user is null)
            return $"There is no account {email.Trim()}.";
        await users.SetLockoutEnabledAsync(user, true);
        await users.SetLockoutEndDateAsync(user, DateTimeOffset.MaxValue);
        await users.UpdateSecurityStampAsync(user);
        await audit.RecordAsync(new AuditRecord(clock.GetUtcNow().UtcDateTime, by.UserId, by.Name, null, null, AuditAction.PermissionChange,
            $"account {user.Email} closed: {reason.Trim()}"), cancellationToken);
        return null;
    }
}
