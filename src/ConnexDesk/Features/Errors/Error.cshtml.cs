using System.Diagnostics;
using ConnexDesk.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace ConnexDesk.Features.Errors;

[AllowAnonymous]
[IgnoreAntiforgeryToken]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class ErrorModel(IStringLocalizer<SharedResource> localizer, ILogger<ErrorModel> logger) : PageModel
{
    public string Heading { get; private set; } = "";
    public string Explanation { get; private set; } = "";
    public string? CorrelationId { get; private set; }

    public void OnGet(int? status) => Describe(status);

    public void OnPost(int? status) => Describe(status);

    private void Describe(int? status)
    {
        var failure = HttpContext.Features.Get<IExceptionHandlerPathFeature>();
        if (failure is not null)
        {
            // The id on the page is the one in the log, so a support request leads straight to the cause.
            CorrelationId = Activity.Current?.TraceId.ToString() ?? HttpContext.TraceIdentifier;
            logger.LogError(failure.Error, "Unhandled error on {Path}; correlation id {CorrelationId}", failure.Path, CorrelationId);
            status = StatusCodes.Status500InternalServerError;
        }
        Response.StatusCode = status ?? StatusCodes.Status500InternalServerError;
        (Heading, Explanation) = Response.StatusCode switch
        {
            404 => (localizer["Page not found"].Value, localizer["There is no page at this address. It may have moved, or the link may be incomplete."].Value),
            403 => (localizer["Not available to you"].Value, localizer["Case information is shared on a need-to-know basis."].Value),
            429 => (localizer["Too many messages"].Value, localizer["Several messages have come from your address in the last hour. Please wait a while, or write to the unit by email."].Value),
            400 => (localizer["The request could not be understood"].Value, localizer["Go back, reload the page and try again."].Value),
            _ => (localizer["Something went wrong"].Value, localizer["The desk could not complete this request. Nothing you entered was saved by the failed step; please try again. The error has been logged."].Value),
        };
        CorrelationId ??= Response.StatusCode >= 500 ? Activity.Current?.TraceId.ToString() ?? HttpContext.TraceIdentifier : null;
    }
}
