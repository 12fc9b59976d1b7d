using Hooks.Sdk.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;

namespace LabelStudio.Sample.Hosting;

/// <summary>
/// Caps request bodies in the app itself, whatever server hosts it: 1 MiB for the JSON API, and what a route declares
/// with <c>[RequestSizeLimit]</c> (50 MiB for imports), one rule per route whatever its spelling. A declared length
/// over the cap is refused at once with 413; an undeclared one is cut off by the server's body-size feature where it
/// has one (its exception is answered 413 by the error handler).
/// </summary>
public static class RequestSizeLimits
{
    public const long ApiBytes = 1024 * 1024;
    public const long ImportBytes = 50 * 1024 * 1024;

    /// <summary>The cap of the request's route: what it declares, else <see cref="ApiBytes"/>.</summary>
    public static long For(HttpContext context) =>
        context.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>()?.MaxRequestBodySize ?? ApiBytes;

    public static IApplicationBuilder UseRequestSizeLimits(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        long limit = For(context);
        if (context.Request.ContentLength > limit)
        {
            await new ApiError(StatusCodes.Status413PayloadTooLarge, $"The request body is larger than {limit} bytes.").WriteAsync(context.Response);
            return;
        }
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
        {
            feature.MaxRequestBodySize = limit;
        }
        await next(context);
    });
}
