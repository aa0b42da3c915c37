using System.ComponentModel.DataAnnotations;
using ConnexDesk.Data;
using ConnexDesk.Domain.Audit;
using ConnexDesk.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace ConnexDesk.Features.Access;

[AllowAnonymous]
public sealed class SignInModel(
    SignInManager<DeskUser> signIn,
    UserManager<DeskUser> users,
    DeskDb db,
    TimeProvider clock,
    IStringLocalizer<SharedResource> localizer,
    ILogger<SignInModel> logger,
    Audit.AuditTrail audit) : PageModel
{
    [BindProperty]
    public SignInInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? Problem { get; private set; }

    public bool NoAdministratorYet { get; private set; }

    public async Task OnGetAsync() => NoAdministratorYet = !await FirstAdministrator.ExistsAsync(db);

    public async Task<IActionResult> OnPostAsync()
    {
        NoAdministratorYet = !await FirstAdministrator.ExistsAsync(db);
        if (!ModelState.IsValid)
            return Page();

        var user = await users.FindByEmailAsync(Input.Email.Trim());
        if (user is null)
        {
            logger.LogWarning("Sign-in failed for unknown email from {Address}", HttpContext.Connection.RemoteIpAddress);
            await AuditAsync("", "(no such account)", AuditAction.SignInFailed, $"unknown email {Input.Email.Trim()}");
            Problem = localizer["Email or password is incorrect."];
            return Page();
        }

        var result = await signIn.PasswordSignInAsync(user, Input.Password, isPersistent: false, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            logger.LogInformation("User {UserId} signed in", user.Id);
            await AuditAsync(user.Id, user.DisplayName, AuditAction.SignIn, "password");
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/desk");
        }
        if (result.RequiresTwoFactor)
        {
            logger.LogInformation("User {UserId} gave the right password; the authenticator code is asked next", user.Id);
            return RedirectToPage("/Access/SignInTwoFactor", new { returnUrl = Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/desk" });
        }
        if (result.IsLockedOut)
        {
            var until = await users.GetLockoutEndDateAsync(user) ?? clock.GetUtcNow();
            var minutes = Math.Max(1, (int)Math.Ceiling((until - clock.GetUtcNow()).TotalMinutes));
            logger.LogWarning("User {UserId} is locked out until {Until}", user.Id, until);
            await AuditAsync(user.Id, user.DisplayName, AuditAction.SignInFailed, $"locked out until {until:yyyy-MM-dd HH:mm} UTC");
            Problem = localizer["This account is locked after too many failed sign-in attempts. Try again in {0} minutes, or ask an administrator to unlock it.", minutes];
            return Page();
        }
        logger.LogWarning("Sign-in failed for user {UserId}", user.Id);
        await AuditAsync(user.Id, user.DisplayName, AuditAction.SignInFailed, "wrong password");
        var left = SignInRules.MaxFailedAttempts - await users.GetAccessFailedCountAsync(user);
        Problem = left is > 0 and <= 2
            ? localizer["Email or password is incorrect. {0} attempt(s) left before the account is locked.", left]
            : localizer["Email or password is incorrect."];
        return Page();
    }

    private Task AuditAsync(string userId, string name, AuditAction action, string what) => audit.RecordAsync(HttpContext, userId, name, action, what);
}

public sealed class SignInInput
{
    [Required(ErrorMessage = "Enter your email address.")]
    [EmailAddress(ErrorMessage = "Enter a valid email address.")]
    public string Email { get; set; } = "";

    [Required(ErrorMessage = "Enter your password.")]
    [DataType(DataType.Password)]
    public string Password { get; set; } = "";
}
