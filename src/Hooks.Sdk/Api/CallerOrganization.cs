using Hooks.Sdk.Identity;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Hooks.Sdk.Api;

/// <summary>
/// The caller's organization as a request feature: <see cref="OrganizationFilter"/> sets it before any handler of the
/// API runs, so handlers read it instead of asking <see cref="IWebhookOrganizationAccessor"/> again.
/// </summary>
/// <param name="Id">The organization.</param>
internal sealed record CallerOrganization(long Id)
{
    /// <summary>The organization <see cref="OrganizationFilter"/> found for <paramref name="context"/>.</summary>
    public static long Of(HttpContext context) => context.Features.GetRequiredFeature<CallerOrganization>().Id;
}
