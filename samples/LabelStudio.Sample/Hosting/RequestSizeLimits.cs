using Hooks.Sdk;
using Microsoft.AspNetCore.Http.Features;

namespace LabelStudio.Sample.Hosting;

/// <summary>
/// Caps request bodies in the app itself, whatever server hosts it: 1 MiB for the JSON API, 50 MiB for imports.
/// A declared length over the cap is refused at once with 413; an undeclared one is cut off by the server's
/// body-size feature where it has one.
/// </summary>
public static class RequestSizeLimits
{
    public const long ApiBytes = 1024 * 1024;
    public const long ImportBytes = 50 * 1024 * 1024;

    public static IApplicationBuilder UseRequestSizeLimits(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        long limit = context.Request.Path.Value?.EndsWith("/import", StringComparison.Ordinal) == true ? ImportBytes : ApiBytes;
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
