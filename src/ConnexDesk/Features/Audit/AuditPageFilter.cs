using ConnexDesk.Domain.Audit;
using ConnexDesk.Features.Cases;
using ConnexDesk.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace ConnexDesk.Features.Audit;

/// <summary>
/// Records every page a signed-in person is served or posts to, with its case and what came of it: read, download,
/// export, change, refused change, or denied (asked for something that does not exist or is not theirs). Running for
/// every page, it covers a new page without anyone remembering to add it.
/// </summary>
public sealed class AuditPageFilter(AuditTrail trail, TimeProvider clock) : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var executed = await next();
        var http = context.HttpContext;
        if (http.User.Identity?.IsAuthenticated != true || executed.Exception is not null && !executed.ExceptionHandled)
            return;
        var page = context.ActionDescriptor.ViewEnginePath;
        // Sign-in records itself; the error page only shows again a status already recorded for the page that set it.
        if (page is "/Access/SignIn" or "/Errors/Error")
            return;
        var handler = context.HandlerMethod?.Name;
        var action = Classify(http.Request.Method, executed.Result, http.Response.StatusCode, handler, page);
        var what = handler is null ? page : $"{page} ({handler})";
        // A page the person's role may not open sends them here; what they asked for is the return address.
        if (page == "/Access/AccessDenied")
            (action, what) = (AuditAction.Denied, $"{http.Request.Query["ReturnUrl"]} (role)");
        if (http.Request.Query.TryGetValue("id", out var id) || context.RouteData.Values.TryGetValue("id", out _))
            what += $" #{(id.Count > 0 ? id.ToString() : context.RouteData.Values["id"])}";
        var actor = http.User.ToActor();
        await trail.RecordAsync(new AuditRecord(clock.GetUtcNow().UtcDateTime, actor.UserId, actor.Name, http.Connection.RemoteIpAddress?.ToString(),
            context.RouteData.Values.TryGetValue("reference", out var reference) ? reference?.ToString() : null, action, what), http.RequestAborted);
    }

    private static AuditAction Classify(string method, IActionResult? result, int status, string? handler, string page)
    {
        if (page.EndsWith("/SignOut", StringComparison.Ordinal))
            return AuditAction.SignOut;
        if (result is NotFoundResult or NotFoundObjectResult or ForbidResult or UnauthorizedResult || status is 403 or 404)
            return AuditAction.Denied;
        if (result is FileResult)
            return handler?.StartsWith("Export", StringComparison.Ordinal) == true ? AuditAction.Export : AuditAction.Download;
        if (HttpMethods.IsGet(method) || HttpMethods.IsHead(method))
            return AuditAction.Read;
        return result is RedirectResult or RedirectToPageResult or LocalRedirectResult or RedirectToActionResult ? AuditAction.Change : AuditAction.ChangeRefused;
    }
}
