using System.Text.Json.Serialization.Metadata;
using Hooks.Sdk.Store;
using Microsoft.OpenApi;

namespace Hooks.Sdk.OpenApi;

/// <summary>How <c>AddHooks()</c> describes the webhooks in an OpenAPI document.</summary>
public sealed class HooksOpenApiOptions
{
    /// <summary>
    /// The JSON contract of the project object that the app's <see cref="IWebhookProjects"/> returns, so that the
    /// payloads' <c>project</c> member has its real schema; without one it is described as any object.
    /// </summary>
    public JsonTypeInfo? ProjectTypeInfo { get; set; }

    /// <summary>The tag the webhook operations are grouped under.</summary>
    public string Tag { get; set; } = "Webhooks";

    /// <summary>
    /// The authentication scheme the webhooks REST API requires, as the app's authentication defines it (for
    /// example an API key in the <c>Authorization</c> header); its operations then list it. None by default: the
    /// API takes whatever scheme the app configured, which this package cannot see.
    /// </summary>
    public OpenApiSecurityScheme? SecurityScheme { get; set; }

    /// <summary>The name <see cref="SecurityScheme"/> is listed under in the document's components.</summary>
    public string SecuritySchemeName { get; set; } = "Token";
}
