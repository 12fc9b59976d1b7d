using Hooks.Sdk.Catalogue;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps Label Studio's anonymous <c>GET /api/webhooks/info/</c>.</summary>
public static class WebhookInfoEndpoints
{
    /// <summary>
    /// Maps <c>GET /api/webhooks/info/</c> (routing matches the form without the slash too), anonymous as in Label Studio. It answers
    /// the precomputed document of <see cref="WebhookActionRegistry"/>: every action, or with
    /// <c>?organization-only=true</c> only the organization-only ones, or with any other value only the others
    /// (Label Studio compares with <c>== 'true'</c>).
    /// </summary>
    /// <param name="endpoints">The app's route builder.</param>
    /// <param name="pattern">The route; Label Studio's by default.</param>
    /// <returns>The endpoints, to chain conventions on.</returns>
    public static IEndpointConventionBuilder MapWebhookActionsInfo(this IEndpointRouteBuilder endpoints, string pattern = "/api/webhooks/info/")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        // A route handler rather than a RequestDelegate, so that API descriptions (OpenAPI) list it.
        return endpoints.MapGet(pattern, (Delegate)WriteInfoAsync).AllowAnonymous();
    }

    private static Task WriteInfoAsync(HttpContext context, WebhookActionRegistry registry)
    {
        bool? organizationOnly = context.Request.Query.TryGetValue("organization-only", out var value)
            ? value == "true"
            : null;
        context.Response.ContentType = "application/json";
        return context.Response.Body.WriteAsync(registry.GetInfoJson(organizationOnly), context.RequestAborted).AsTask();
    }
}
