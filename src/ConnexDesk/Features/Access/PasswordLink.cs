using System.Globalization;
using ConnexDesk.Data;
using ConnexDesk.Domain.Intake;
using ConnexDesk.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace ConnexDesk.Features.Access;

/// <summary>
/// Mails a person a link to choose their password: after "forgot my password", or for a new account. The link
/// sets the password and nothing else: it signs nobody in, and a second factor set up before still applies.
/// </summary>
public sealed class PasswordLink(DeskDb db, UserManager<DeskUser> users, TimeProvider clock, IOptions<DeskOptions> desk)
{
    public const string ResetPath = "/account/reset-password";

    public async Task QueueAsync(DeskUser user, bool newAccount, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        var token = await users.GeneratePasswordResetTokenAsync(user);
        var options = desk.Value;
        var link = string.Create(CultureInfo.InvariantCulture,
            $"{options.PublicUrl.TrimEnd('/')}{ResetPath}?email={Uri.EscapeDataString(user.Email!)}&token={Uri.EscapeDataString(token)}");
        var (subject, opening) = newAccount
            ? ($"[{options.UnitName}] Your account on the desk", $"An account on the desk of the {options.UnitName} was opened for you. Choose your password with this link:")
            : ($"[{options.UnitName}] Choose a new password", "Someone asked to reset the password of your account on the desk. If it was you, choose a new password with this link:");
        var body = $"Dear {user.DisplayName},\n\n{opening}\n\n{link}\n\nThe link works once, for one day. It does not sign you in: you sign in afterwards with your new password, and with your authenticator code if you have set one up.\nIf you did not ask for this, ignore this message; your password stays as it is.\n\n{options.UnitName}";
        var now = clock.GetUtcNow().UtcDateTime;
        db.Outbox.Add(new OutgoingMail(OutgoingKind.Account, null, $"{Guid.NewGuid():N}.account@{options.MailDomain}", user.Email!, user.DisplayName, subject, body, null, "en", now));
        await db.SaveChangesAsync(cancellationToken);
    }
}
