using Hooks.Sdk.Http;
using Microsoft.AspNetCore.Mvc;

namespace LabelStudio.Sample.Hosting;

/// <summary>
/// Applies <see cref="JsonInputRules"/> to every JSON body of the API before any controller sees it, so that what is
/// stored can always be read back: a 400 for a body nested too deep, with a duplicate key, a non-finite number or an
/// unpaired surrogate. Routes that take larger bodies (imports) apply the rules as they parse.
/// </summary>
public static class JsonBodyRules
{
    public static IApplicationBuilder UseJsonBodyRules(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        HttpRequest request = context.Request;
        if (request.Path.StartsWithSegments("/api") && request.HasJsonContentType() && request.ContentLength != 0
            && RequestSizeLimits.For(context) <= RequestSizeLimits.ApiBytes)
        {
            request.EnableBuffering();
            string? problem = await JsonInputRules.CheckAsync(request.Body, RequestSizeLimits.ApiBytes, context.RequestAborted);
            request.Body.Position = 0;
            if (problem is not null)
            {
                await ApiErrors.Field("non_field_errors", "JSON parse error - " + problem).WriteAsync(context.Response);
                return;
            }
        }
        await next(context);
    });
}
