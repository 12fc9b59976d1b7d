using System.Text.Json.Serialization.Metadata;

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
}
