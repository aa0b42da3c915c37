using ConnexDesk.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace ConnexDesk.Features.Access;

/// <summary>
/// ASP.NET Core Identity's refusals, in the reader's language: a focal point choosing a password from a mailed link
/// reads French, Spanish or Portuguese like the rest of the portal. The command line, which runs in no culture, gets
/// the English.
/// </summary>
public sealed class LocalisedIdentityErrors(IStringLocalizer<SharedResource> localizer) : IdentityErrorDescriber
{
    public override IdentityError PasswordTooShort(int length) => Error(nameof(PasswordTooShort), localizer["The password must have at least {0} characters.", length]);

    public override IdentityError PasswordRequiresUniqueChars(int uniqueChars) =>
        Error(nameof(PasswordRequiresUniqueChars), localizer["The password must use at least {0} different characters.", uniqueChars]);

    public override IdentityError PasswordRequiresDigit() => Error(nameof(PasswordRequiresDigit), localizer["The password must contain a digit."]);

    public override IdentityError PasswordRequiresLower() => Error(nameof(PasswordRequiresLower), localizer["The password must contain a lower-case letter."]);

    public override IdentityError PasswordRequiresUpper() => Error(nameof(PasswordRequiresUpper), localizer["The password must contain a capital letter."]);

    public override IdentityError PasswordRequiresNonAlphanumeric() =>
        Error(nameof(PasswordRequiresNonAlphanumeric), localizer["The password must contain a character that is neither a letter nor a digit."]);

    public override IdentityError PasswordMismatch() => Error(nameof(PasswordMismatch), localizer["The current password is not right."]);

    public override IdentityError InvalidToken() =>
        Error(nameof(InvalidToken), localizer["This link is not valid any more: it was used already, or is older than one day. Ask for a new one."]);

    public override IdentityError DuplicateEmail(string email) => Error(nameof(DuplicateEmail), localizer["{0} already has an account.", email]);

    public override IdentityError DuplicateUserName(string userName) => Error(nameof(DuplicateUserName), localizer["{0} already has an account.", userName]);

    public override IdentityError InvalidEmail(string? email) => Error(nameof(InvalidEmail), localizer["'{0}' is not an email address.", email ?? ""]);

    public override IdentityError ConcurrencyFailure() =>
        Error(nameof(ConcurrencyFailure), localizer["The account changed meanwhile; nothing was saved. Try again."]);

    public override IdentityError DefaultError() => Error(nameof(DefaultError), localizer["Something went wrong; nothing was saved. Try again."]);

    private static IdentityError Error(string code, LocalizedString description) => new() { Code = code, Description = description.Value };
}
