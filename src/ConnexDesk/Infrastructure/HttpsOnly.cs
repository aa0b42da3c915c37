using Microsoft.Extensions.Options;

namespace ConnexDesk.Infrastructure;

/// <summary>
/// With Desk:HttpsCookies on (the default), a page requested over plain http is answered with what to do instead of
/// a sign-in that could never hold: the cookies are Secure and the browser would not send them back. The health check
/// stays open to load balancers that probe over http.
/// </summary>
public sealed class HttpsOnly(RequestDelegate next, IOptions<DeskOptions> options)
{
    public const string Explanation =
        "This desk is served over HTTPS only (Desk:HttpsCookies). Open it with https://. Behind a proxy that ends TLS, set "
        + "ASPNETCORE_FORWARDEDHEADERS_ENABLED=true so that the desk sees the request as HTTPS; to run over plain http on a "
        + "development machine, set Desk__HttpsCookies=false.";

    public Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!options.Value.HttpsCookies || context.Request.IsHttps || context.Request.Path.StartsWithSegments("/healthz"))
            return next(context);
        context.Response.StatusCode = StatusCodes.Status400BadRequest;
        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync(Explanation);
    }
}
