using Hooks.Sdk;
using Hooks.Sdk.Api;
using Hooks.Sdk.Catalogue;
using Hooks.Sdk.Identity;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

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
    /// authorization policy) and act within the caller's organization (<see cref="IWebhookOrganizationAccessor"/>); a caller
    /// without one gets a 403.
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
        endpoints.MapWebhookActionsInfo(prefix.TrimEnd('/') + "/info/").WithName(WebhooksApiNames.Info).WithTags(WebhooksApiNames.Tag);
        RouteGroupBuilder group = endpoints.MapGroup(prefix).WithTags(WebhooksApiNames.Tag);
        group.AddEndpointFilter(OrganizationFilter.InvokeAsync);
        group.MapGet("/", WebhookHandlers.ListAsync).WithName(WebhooksApiNames.List);
        group.MapPost("/", WebhookHandlers.CreateAsync).WithName(WebhooksApiNames.Create);
        group.MapGet("/{id:long}/", WebhookHandlers.GetAsync).WithName(WebhooksApiNames.Get);
        group.MapPut("/{id:long}/", WebhookHandlers.PutAsync).WithName(WebhooksApiNames.Put);
        group.MapPatch("/{id:long}/", WebhookHandlers.PatchAsync).WithName(WebhooksApiNames.Patch);
        group.MapDelete("/{id:long}/", WebhookHandlers.DeleteAsync).WithName(WebhooksApiNames.Delete);
        group.MapGet("/{id:long}/secret/", SecretHandlers.GetAsync).WithName(WebhooksApiNames.GetSecret);
        group.MapPost("/{id:long}/secret/rotate/", SecretHandlers.RotateAsync).WithName(WebhooksApiNames.RotateSecret);
        group.MapGet("/{id:long}/deliveries/", DeliveryHandlers.ListAsync).WithName(WebhooksApiNames.ListDeliveries);
        group.MapGet("/{id:long}/deliveries/{deliveryId:long}/", DeliveryHandlers.GetAsync).WithName(WebhooksApiNames.GetDelivery);
        group.MapPost("/{id:long}/deliveries/{deliveryId:long}/redeliver/", DeliveryHandlers.RedeliverAsync).WithName(WebhooksApiNames.Redeliver);
        group.MapPost("/{id:long}/deliveries/recover/", DeliveryHandlers.RecoverAsync).WithName(WebhooksApiNames.Recover);
        group.RequireAuthorization();
        return group;
    }
}
