namespace ConnexDesk.Infrastructure;

/// <summary>Headers that keep confidential pages out of other sites' frames, caches and scripts.</summary>
public sealed class SecurityHeaders(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'self'";
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
        // Once a browser has reached the desk over HTTPS, it never tries plain http again for a year.
        if (context.Request.IsHttps)
            headers.StrictTransportSecurity = "max-age=31536000; includeSubDomains";
        context.Response.OnStarting(() =>
        {
            // Case pages must not linger in shared or browser caches; static assets keep their own caching.
            if (context.User.Identity?.IsAuthenticated == true && string.IsNullOrEmpty(context.Response.Headers.CacheControl))
                context.Response.Headers.CacheControl = "no-store";
            return Task.CompletedTask;
        });
        return next(context);
    }
}
