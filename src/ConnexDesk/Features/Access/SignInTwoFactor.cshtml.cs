using ConnexDesk.Domain.Audit;
using ConnexDesk.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace ConnexDesk.Features.Access;

/// <summary>The second step of signing in: the code of the authenticator app, or one of the recovery codes.</summary>
[AllowAnonymous]
public sealed class SignInTwoFactorModel(SignInManager<DeskUser> signIn, IStringLocalizer<SharedResource> localizer,
    ILogger<SignInTwoFactorModel> logger, Audit.AuditTrail audit) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public bool UseRecoveryCode { get; private set; }

    public string? Problem { get; private set; }

    public async Task<IActionResult> OnGetAsync(bool recovery = false)
    {
        if (await signIn.GetTwoFactorAuthenticationUserAsync() is null)
            return RedirectToPage("/Access/SignIn", new { returnUrl = ReturnUrl });
        UseRecoveryCode = recovery;
        return Page();
    }

    public Task<IActionResult> OnPostAsync(string? code, bool rememberBrowser) =>
        SecondFactorAsync(false, code, user => signIn.TwoFactorAuthenticatorSignInAsync(Digits(code), isPersistent: false, rememberClient: rememberBrowser));

    public Task<IActionResult> OnPostRecoveryAsync(string? code) =>
        SecondFactorAsync(true, code, user => signIn.TwoFactorRecoveryCodeSignInAsync((code ?? "").Replace(" ", "", StringComparison.Ordinal).Trim()));

    private async Task<IActionResult> SecondFactorAsync(bool recovery, string? code, Func<DeskUser, Task<Microsoft.AspNetCore.Identity.SignInResult>> signInWith)
    {
        UseRecoveryCode = recovery;
        var user = await signIn.GetTwoFactorAuthenticationUserAsync();
        if (user is null)
            return RedirectToPage("/Access/SignIn", new { returnUrl = ReturnUrl });
        if (string.IsNullOrWhiteSpace(code) || code.Length > 40)
        {
            Problem = recovery ? localizer["Enter one of your recovery codes."] : localizer["Enter the 6-digit code your authenticator app shows."];
            return Page();
        }
        var how = recovery ? "password and recovery code" : "password and authenticator code";
        var result = await signInWith(user);
        if (result.Succeeded)
        {
            logger.LogInformation("User {UserId} signed in with a second factor ({How})", user.Id, how);
            await AuditAsync(user, AuditAction.SignIn, how);
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/desk");
        }
        if (result.IsLockedOut)
        {
            await AuditAsync(user, AuditAction.SignInFailed, "locked out at the second factor");
            Problem = localizer["This account is locked after too many failed sign-in attempts. Try again in {0} minutes, or ask an administrator to unlock it.", (int)SignInRules.LockoutDuration.TotalMinutes];
            return Page();
        }
        logger.LogWarning("User {UserId} gave a wrong {Kind}", user.Id, recovery ? "recovery code" : "authenticator code");
        await AuditAsync(user, AuditAction.SignInFailed, recovery ? "wrong recovery code" : "wrong authenticator code");
        Problem = recovery ? localizer["That recovery code is not valid, or was used already."] : localizer["That code is not valid. Check the time on your phone and enter the code now shown."];
        return Page();
    }

    private static string Digits(string? code) => new([.. (code ?? "").Where(char.IsAsciiDigit)]);

    private Task AuditAsync(DeskUser user, AuditAction action, string what) => audit.RecordAsync(HttpContext, user.Id, user.DisplayName, action, what);
}
