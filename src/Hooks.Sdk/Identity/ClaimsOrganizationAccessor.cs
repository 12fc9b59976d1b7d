using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Hooks.Sdk.Identity;

/// <summary>
/// The caller's organization: <see cref="WebhookOptions.SingleOrganizationId"/> for every authenticated caller when it
/// is set, otherwise the id in the authenticated user's <see cref="WebhookOptions.OrganizationClaimType"/> claim.
/// An unauthenticated caller has none.
/// </summary>
internal sealed class ClaimsOrganizationAccessor(IOptions<WebhookOptions> options) : IWebhookOrganizationAccessor
{
    public long? GetOrganizationId(HttpContext context)
    {
        if (context.User.Identity?.IsAuthenticated != true)
        {
            return null;
        }
        WebhookOptions value = options.Value;
        if (value.SingleOrganizationId is { } single)
        {
            return single;
        }
        return long.TryParse(context.User.FindFirst(value.OrganizationClaimType)?.Value, NumberStyles.None, CultureInfo.InvariantCulture, out long id)
            ? id
            : null;
    }
}
