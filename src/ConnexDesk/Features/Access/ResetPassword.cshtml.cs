using ConnexDesk.Domain.Audit;
using ConnexDesk.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace ConnexDesk.Features.Access;

/// <summary>Choosing a password from the mailed link. It signs nobody in and leaves the second factor as it was.</summary>
[AllowAnonymous]
public sealed class ResetPasswordModel(UserManager<DeskUser> users, IStringLocalizer<SharedResource> localizer,
    ILogger<ResetPasswordModel> logger, Audit.AuditTrail audit) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Email { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Token { get; set; }

    public IReadOnlyList<string> Problems { get; private set; } = [];

    /// <summary>The link itself is used or too old: only a new one helps, whereas a refused password can be typed again.</summary>
    public bool LinkSpent { get; private set; }

    public IActionResult OnGet() => string.IsNullOrEmpty(Email) || string.IsNullOrEmpty(Token) ? RedirectToPage("/Access/ForgotPassword") : Page();

    public async Task<IActionResult> OnPostAsync(string? password, string? repeat)
    {
        if (string.IsNullOrEmpty(password) || password != repeat)
        {
            Problems = [localizer["Type the same new password twice."]];
            return Page();
        }
        var user = string.IsNullOrEmpty(Email) ? null : await users.FindByEmailAsync(Email);
        var result = user is null || string.IsNullOrEmpty(Token) ? null : await users.ResetPasswordAsync(user, Token, password);
        if (result is null || !result.Succeeded)
        {
            LinkSpent = result is null || result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.InvalidToken));
            Problems = LinkSpent
                ? [localizer["This link is not valid any more: it was used already, or is older than one day. Ask for a new one."]]
                : [.. result!.Errors.Select(e => e.Description)];
            return Page();
        }
        logger.LogInformation("User {UserId} chose a new password from a mailed link", user!.Id);
        await audit.RecordAsync(HttpContext, user.Id, user.DisplayName, AuditAction.PermissionChange, $"{user.Email}: chose a new password from a mailed link");
        // A forgotten password may come with a lockout; the person proved the address, so the count starts again.
        await users.ResetAccessFailedCountAsync(user);
        return RedirectToPage("/Access/SignIn", new { passwordSet = 1 });
    }
}
