using ConnexDesk.Domain;
using ConnexDesk.Features.Cases;
using ConnexDesk.Infrastructure;
using Microsoft.Extensions.Options;

namespace ConnexDesk.Features.Access;

/// <summary>
/// Staff, managers, administrators and experts without a second factor reach nothing but the page that sets one up
/// (and signing out): a password alone never opens a case.
/// </summary>
public sealed class TwoFactorRequired(RequestDelegate next, IOptions<DeskOptions> desk)
{
    public const string SetUpPath = "/account/two-factor";

    private static readonly string[] Open = [SetUpPath, "/sign-out", "/language/", "/error", "/healthz", "/access-denied"];

    public static bool IsRequiredFor(Role role) => role switch
    {
        Role.CaseOfficer or Role.Manager or Role.Administrator or Role.Expert => true,
        Role.FocalPoint => false,
    };

    public Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var user = context.User;
        if (desk.Value.RequireTwoFactor && user.Identity?.IsAuthenticated == true && !user.HasClaim(DeskClaims.TwoFactorEnabled, "true")
            && Roles.All.Any(r => IsRequiredFor(r) && user.IsInRole(r.ToString()))
            && !Open.Any(path => context.Request.Path.StartsWithSegments(path.TrimEnd('/'), StringComparison.OrdinalIgnoreCase)))
        {
            var back = context.Request.Path + context.Request.QueryString;
            context.Response.Redirect($"{SetUpPath}?returnUrl={Uri.EscapeDataString(HttpMethods.IsGet(context.Request.Method) ? back : "/desk")}");
            return Task.CompletedTask;
        }
        return next(context);
    }
}
