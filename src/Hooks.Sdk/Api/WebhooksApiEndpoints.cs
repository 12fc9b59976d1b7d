using Hooks.Sdk;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.AspNetCore.Routing;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Maps Label Studio's webhooks REST API.</summary>
public static class WebhooksApiEndpoints
{
    /// <summary>
    /// Maps <c>GET, POST /api/webhooks/</c> (<c>?project=ID</c>, <c>?project=null</c> or <c>isnull</c>),
    /// <c>GET, PUT, PATCH, DELETE /api/webhooks/{id}/</c>, <c>GET /api/webhooks/{id}/secret/</c>,
    /// <c>POST /api/webhooks/{id}/secret/rotate/</c>, the delivery log (<c>GET /api/webhooks/{id}/deliveries/</c>
    /// with <c>?status=</c> and paging, <c>GET .../deliveries/{deliveryId}/</c>, <c>POST .../deliveries/{deliveryId}/redeliver/</c>,
    /// <c>POST .../deliveries/recover/</c> with <c>{"since": ...}</c>) and the anonymous <c>GET /api/webhooks/info/</c>; every form
    /// also answers without the trailing slash. All but <c>info</c> require an authenticated caller (the app's default
    /// authorization policy) and act within the caller's organization (<see cref="IWebhookOrganizationAccessor"/>).
    /// </summary>
    /// <param name="endpoints">The app's route builder.</param>
    /// <param name="prefix">The route prefix; Label Studio's by default.</param>
    /// <returns>The group of authenticated endpoints, to add conventions to.</returns>
    public static RouteGroupBuilder MapWebhooksApi(this IEndpointRouteBuilder endpoints, string prefix = "/api/webhooks")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        // As MapControllers() checks AddControllers(): a missing registration named at start-up, not at the first request.
        if (endpoints.ServiceProvider.GetService<WebhookActionRegistry>() is null)
        {
            throw new InvalidOperationException("MapWebhooksApi() needs the webhook runtime: call builder.Services.AddHooks() before building the app.");
        }
        if (endpoints.ServiceProvider.GetService<IAuthenticationSchemeProvider>() is null)
        {
            throw new InvalidOperationException(
                "MapWebhooksApi() needs authentication: the API acts for the caller's organization, read from its claims. Call builder.Services.AddAuthentication(...) "
                + $"with a scheme whose principal carries the organization claim ('{new WebhookOptions().OrganizationClaimType}' by default; WebhookOptions.OrganizationClaimType) "
                + "or, for an app without tenants, any scheme and WebhookOptions.SingleOrganizationId; or register an IWebhookOrganizationAccessor of your own.");
        }
        endpoints.MapWebhookActionsInfo(prefix.TrimEnd('/') + "/info/");
        RouteGroupBuilder group = endpoints.MapGroup(prefix);
        group.MapGet("/", (Delegate)WebhooksApi.ListAsync);
        group.MapPost("/", (Delegate)WebhooksApi.CreateAsync);
        group.MapGet("/{id:long}/", WebhooksApi.GetAsync);
        group.MapPut("/{id:long}/", WebhooksApi.PutAsync);
        group.MapPatch("/{id:long}/", WebhooksApi.PatchAsync);
        group.MapDelete("/{id:long}/", WebhooksApi.DeleteAsync);
        group.MapGet("/{id:long}/secret/", WebhooksApi.GetSecretAsync);
        group.MapGet("/{id:long}/deliveries/", WebhooksApi.ListDeliveriesAsync);
        group.MapGet("/{id:long}/deliveries/{deliveryId:long}/", WebhooksApi.GetDeliveryAsync);
        group.MapPost("/{id:long}/deliveries/{deliveryId:long}/redeliver/", WebhooksApi.RedeliverAsync);
        group.MapPost("/{id:long}/deliveries/recover/", WebhooksApi.RecoverAsync);
        group.MapPost("/{id:long}/secret/rotate/", WebhooksApi.RotateSecretAsync);
        group.RequireAuthorization();
        return group;
    }
}
