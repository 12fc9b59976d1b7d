using Microsoft.AspNetCore.Http;

namespace Hooks.Sdk.Identity;

/// <summary>The organization of the current request: whose webhooks the REST API shows and whose the filters emit to.</summary>
public interface IWebhookOrganizationAccessor
{
    /// <summary>The caller's organization, or <see langword="null"/> when the request has none.</summary>
    /// <param name="context">The request.</param>
    long? GetOrganizationId(HttpContext context);
}
