using System.Globalization;
using ConnexDesk.Domain;
using ConnexDesk.Domain.Audit;
using ConnexDesk.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using QRCoder;

namespace ConnexDesk.Features.Access;

/// <summary>
/// Setting up the authenticator app (TOTP, Identity's own) and the recovery codes; required for staff, administrators
/// and experts, offered to focal points.
/// </summary>
public sealed class TwoFactorModel(UserManager<DeskUser> users, SignInManager<DeskUser> signIn, IOptions<DeskOptions> desk,
    IStringLocalizer<SharedResource> localizer, ILogger<TwoFactorModel> logger, Audit.AuditTrail audit) : PageModel
{
    public const int RecoveryCodeCount = 10;

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public bool Enabled { get; private set; }
    public bool Required { get; private set; }
    public string SharedKey { get; private set; } = "";
    public string AuthenticatorUri { get; private set; } = "";
    public string QrCodeSvg { get; private set; } = "";
    public int RecoveryCodesLeft { get; private set; }
    public IReadOnlyList<string> NewRecoveryCodes { get; private set; } = [];
    public string? Problem { get; private set; }

    [TempData]
    public string? Done { get; set; }

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() is null ? Challenge() : Page();

    public async Task<IActionResult> OnPostEnableAsync(string? code)
    {
        var user = await LoadAsync();
        if (user is null)
            return Challenge();
        if (Enabled)
            return Page();
        var digits = new string([.. (code ?? "").Where(char.IsAsciiDigit)]);
        if (!await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, digits))
        {
            Problem = localizer["That code is not valid. Check the time on your phone and enter the code now shown."];
            return Page();
        }
        await users.SetTwoFactorEnabledAsync(user, true);
        NewRecoveryCodes = [.. await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount) ?? []];
        await AuditAsync(user, "set up an authenticator app");
        // The new security stamp would end this session at the next request; sign in again, with the factor now set.
        await signIn.RefreshSignInAsync(user);
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostRecoveryCodesAsync()
    {
        var user = await LoadAsync();
        if (user is null)
            return Challenge();
        if (!Enabled)
            return Page();
        NewRecoveryCodes = [.. await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount) ?? []];
        await AuditAsync(user, "made new recovery codes; the old ones no longer work");
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostForgetBrowserAsync()
    {
        var user = await LoadAsync();
        if (user is null)
            return Challenge();
        await signIn.ForgetTwoFactorClientAsync();
        Done = localizer["This browser will ask for a code again at the next sign-in."];
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostDisableAsync()
    {
        var user = await LoadAsync();
        if (user is null)
            return Challenge();
        if (Required)
        {
            Problem = localizer["Your role requires a second factor; it cannot be turned off."];
            return Page();
        }
        await users.SetTwoFactorEnabledAsync(user, false);
        await users.ResetAuthenticatorKeyAsync(user);
        await AuditAsync(user, "turned the second factor off");
        await signIn.RefreshSignInAsync(user);
        Done = localizer["The second factor is off. You can set it up again at any time."];
        return RedirectToPage();
    }

    private async Task<DeskUser?> LoadAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
            return null;
        var role = (await users.GetRolesAsync(user)).Select(r => Roles.TryParse(r, out var parsed) ? parsed : (Role?)null).FirstOrDefault(r => r is not null);
        Required = desk.Value.RequireTwoFactor && role is { } known && TwoFactorRequired.IsRequiredFor(known);
        Enabled = user.TwoFactorEnabled;
        if (Enabled)
        {
            RecoveryCodesLeft = await users.CountRecoveryCodesAsync(user);
            return user;
        }
        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            // A new key changes the account's security stamp; the session is signed in again so that it carries on.
            await users.ResetAuthenticatorKeyAsync(user);
            await signIn.RefreshSignInAsync(user);
            key = await users.GetAuthenticatorKeyAsync(user);
        }
        SharedKey = string.Join(' ', key!.Chunk(4).Select(c => new string(c))).ToLowerInvariant();
        var issuer = Uri.EscapeDataString(desk.Value.UnitName);
        AuthenticatorUri = string.Create(CultureInfo.InvariantCulture, $"otpauth://totp/{issuer}:{Uri.EscapeDataString(user.Email!)}?secret={key}&issuer={issuer}&digits=6");
        using var data = QRCodeGenerator.GenerateQrCode(AuthenticatorUri, QRCodeGenerator.ECCLevel.M);
        QrCodeSvg = new SvgQRCode(data).GetGraphic(4);
        return user;
    }

    private Task AuditAsync(DeskUser user, string what)
    {
        logger.LogInformation("User {UserId} {What}", user.Id, what);
        return audit.RecordAsync(HttpContext, user.Id, user.DisplayName, AuditAction.PermissionChange, $"{user.Email}: {what}");
    }
}
