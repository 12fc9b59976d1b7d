using Hooks.Sdk.Catalogue;
using Hooks.Sdk.OpenApi;

namespace Microsoft.AspNetCore.OpenApi;

/// <summary>Describes Hooks.Sdk in an OpenAPI document of <c>Microsoft.AspNetCore.OpenApi</c>.</summary>
public static class HooksOpenApiOptionsExtensions
{
    /// <summary>
    /// Adds a <c>webhooks</c> section to the document: one <c>POST</c> operation per registered action (the app's
    /// catalogues and the SDK's own), named after the action, whose request body is the schema of its payload
    /// (<see cref="WebhookPayloadSchema"/>) and whose parameters are the Standard Webhooks headers; and, in
    /// the document's description, how deliveries are signed, retried and ordered. The operations of
    /// <c>MapWebhooksApi()</c> get their request and answer schemas, Label Studio's error envelope for each error
    /// status and, with <see cref="HooksOpenApiOptions.SecurityScheme"/>, the authentication they require.
    /// </summary>
    /// <param name="options">The document's options, as <c>AddOpenApi(options => options.AddHooks())</c> gives them.</param>
    /// <param name="configure">Changes to how the webhooks are described.</param>
    /// <returns><paramref name="options"/>, for chaining.</returns>
    public static OpenApiOptions AddHooks(this OpenApiOptions options, Action<HooksOpenApiOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var hooks = new HooksOpenApiOptions();
        configure?.Invoke(hooks);
        return options
            .AddDocumentTransformer(new WebhooksDocumentTransformer(hooks))
            .AddDocumentTransformer(new WebhooksApiDocumentTransformer(hooks));
    }
}
