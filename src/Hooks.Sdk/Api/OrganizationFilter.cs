using Hooks.Sdk.Http;
using Hooks.Sdk.Identity;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Hooks.Sdk.Api;

/// <summary>
/// The one organization check of the webhooks API, a filter on its authenticated group: a caller without an
/// organization gets Label Studio's 403; any other gets its organization as <see cref="CallerOrganization"/>.
/// </summary>
internal static class OrganizationFilter
{
    public static async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext invocation, EndpointFilterDelegate next)
    {
        HttpContext context = invocation.HttpContext;
        if (context.RequestServices.GetRequiredService<IWebhookOrganizationAccessor>().GetOrganizationId(context) is not { } organizationId)
        {
            return new ApiError(StatusCodes.Status403Forbidden, "You do not belong to an organization.").ToResult();
        }
        context.Features.Set(new CallerOrganization(organizationId));
        return await next(invocation).ConfigureAwait(false);
    }
}
