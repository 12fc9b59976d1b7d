namespace LabelStudio.Sample.Hosting;

/// <summary>
/// Headers on every answer that keep the pages from being framed (the rotate-secret, delete and test-event buttons
/// could otherwise be clickjacked), content types from being sniffed, and URLs from leaking to other sites.
/// </summary>
public static class SecurityHeaders
{
    private const string ContentSecurityPolicy = "frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        IHeaderDictionary headers = context.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XFrameOptions = "DENY";
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "same-origin";
        return next(context);
    });
}
