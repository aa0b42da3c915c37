using ConnexDesk.Domain.Audit;
using ConnexDesk.Domain.Cases;
using ConnexDesk.Features.Audit;
using Microsoft.AspNetCore.Identity;

namespace ConnexDesk.Features.Access;

/// <summary>
/// For a person who lost both their phone and their recovery codes: the authenticator key and the codes are thrown
/// away and open sessions end. An administrator does this only after checking who is asking, outside the desk; the
/// person then signs in with their password and must set up a new authenticator before anything else.
/// </summary>
public sealed class ResetTwoFactor(UserManager<DeskUser> users, AuditTrail audit, TimeProvider clock)
{
    public async Task<string?> RunAsync(string email, string reason, CaseActor by, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(by);
        if (string.IsNullOrWhiteSpace(reason))
            return "Say how you checked who asked for the reset; it goes into the audit trail.";
        var user = await users.FindByEmailAsync(email.Trim());
        if (user is null)
            return $"There is no account {email.Trim()}.";
        await users.SetTwoFactorEnabledAsync(user, false);
        await users.ResetAuthenticatorKeyAsync(user);
        await users.GenerateNewTwoFactorRecoveryCodesAsync(user, 0);
        await users.UpdateSecurityStampAsync(user);
        await audit.RecordAsync(new AuditRecord(clock.GetUtcNow().UtcDateTime, by.UserId, by.Name, null, null, AuditAction.PermissionChange,
            $"{user.Email}: second factor reset: {reason.Trim()}"), cancellationToken);
        return null;
    }
}
