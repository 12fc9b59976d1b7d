using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Hooks.Sdk;

/// <summary>Reads the organization id from the authenticated user's <see cref="WebhookOptions.OrganizationClaimType"/> claim.</summary>
internal sealed class ClaimsOrganizationAccessor(IOptions<WebhookOptions> options) : IWebhookOrganizationAccessor
{
    public long? GetOrganizationId(HttpContext context) =>
        context.User.Identity?.IsAuthenticated == true
        && long.TryParse(context.User.FindFirst(options.Value.OrganizationClaimType)?.Value, NumberStyles.None, CultureInfo.InvariantCulture, out long id)
            ? id
            : null;
}
