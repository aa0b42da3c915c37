using ConnexDesk.Domain.Audit;
using ConnexDesk.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace ConnexDesk.Features.Access;

/// <summary>"I forgot my password": the same answer whether the address has an account or not, so the page tells nobody who is on the desk.</summary>
[AllowAnonymous]
public sealed class ForgotPasswordModel(UserManager<DeskUser> users, PasswordLink link, Intake.ContactFormLimiter limiter,
    IStringLocalizer<SharedResource> localizer, ILogger<ForgotPasswordModel> logger, Audit.AuditTrail audit) : PageModel
{
    public bool Sent { get; private set; }
    public string? Problem { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(string? email)
    {
        if (string.IsNullOrWhiteSpace(email) || email.Length > 254 || !email.Contains('@', StringComparison.Ordinal))
        {
            Problem = localizer["Enter a valid email address."];
            return Page();
        }
        if (!limiter.Allow("forgot:" + (HttpContext.Connection.RemoteIpAddress?.ToString() ?? "unknown")))
            return StatusCode(StatusCodes.Status429TooManyRequests);
        var user = await users.FindByEmailAsync(email.Trim());
        if (user is not null && !await users.IsLockedOutAsync(user))
        {
            await link.QueueAsync(user, newAccount: false, HttpContext.RequestAborted);
            logger.LogInformation("Password link sent to user {UserId}", user.Id);
            await audit.RecordAsync(HttpContext, user.Id, user.DisplayName, AuditAction.PermissionChange, $"{user.Email}: asked for a password link");
        }
        Sent = true;
        return Page();
    }
}
