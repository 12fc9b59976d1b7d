using Hooks.Sdk.Catalogue;
using Hooks.Sdk.Signatures;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;

namespace Hooks.Sdk.OpenApi;

/// <summary>
/// Writes the document's <c>webhooks</c> section from the registered actions, and appends how deliveries are signed,
/// retried and ordered to its description.
/// </summary>
internal sealed class WebhooksDocumentTransformer(HooksOpenApiOptions hooks) : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        WebhookActionRegistry registry = context.ApplicationServices.GetService<WebhookActionRegistry>()
            ?? throw new InvalidOperationException("AddHooks() in the OpenAPI options needs the webhook runtime: call builder.Services.AddHooks().");
        WebhookOptions options = context.ApplicationServices.GetRequiredService<IOptions<WebhookOptions>>().Value;

        document.Info ??= new OpenApiInfo();
        document.Info.Description = string.IsNullOrEmpty(document.Info.Description)
            ? DeliveryDescription.Write(options)
            : document.Info.Description + Environment.NewLine + Environment.NewLine + DeliveryDescription.Write(options);
        document.Tags ??= new HashSet<OpenApiTag>();
        document.Tags.Add(new OpenApiTag { Name = hooks.Tag, Description = "What this server POSTs to webhook URLs, one operation per action." });
        document.Webhooks ??= new Dictionary<string, IOpenApiPathItem>();
        foreach (WebhookActionDescriptor action in registry.Actions)
        {
            var item = new OpenApiPathItem();
            item.AddOperation(HttpMethod.Post, Operation(action, document));
            document.Webhooks[action.Action] = item;
        }
        return Task.CompletedTask;
    }

    private OpenApiOperation Operation(WebhookActionDescriptor action, OpenApiDocument document) => new()
    {
        OperationId = action.Action,
        Summary = action.Name,
        Description = Description(action),
        Tags = new HashSet<OpenApiTagReference> { new(hooks.Tag, document) },
        Parameters =
        [
            Header(WebhookSignature.IdHeader, "The message's id: the same on every attempt, so deduplicate on it.", required: true),
            Header(WebhookSignature.TimestampHeader, "The attempt's time, in Unix seconds.", required: true),
            Header(WebhookSignature.SignatureHeader, "Space-separated `v1,<base64>` signatures; sent when the webhook has a secret.", required: false),
        ],
        RequestBody = new OpenApiRequestBody
        {
            Required = true,
            Content = new Dictionary<string, OpenApiMediaType>
            {
                ["application/json"] = new() { Schema = OpenApiSchemas.Read(WebhookPayloadSchema.For(action, hooks.ProjectTypeInfo), document) },
            },
        },
        Responses = new OpenApiResponses
        {
            ["2XX"] = new OpenApiResponse { Description = "Received: any 2xx acknowledges the message." },
            ["410"] = new OpenApiResponse { Description = "Gone: the webhook is disabled at once." },
            ["default"] = new OpenApiResponse { Description = "Any other answer, a timeout or a failed connection is a failed attempt, retried as the document's description says." },
        },
    };

    private static string Description(WebhookActionDescriptor action)
    {
        var notes = new List<string>();
        if (action.Description.Length > 0)
        {
            notes.Add(action.Description);
        }
        if (action.OrganizationOnly)
        {
            notes.Add("Organization-level webhooks only: it never carries a project.");
        }
        if (action.OptIn)
        {
            notes.Add("Opt-in: only webhooks that list it receive it, not those that send all actions.");
        }
        notes.Add(action.OnlyIds
            ? "Sent after the objects were deleted, so it carries their ids only."
            : "A webhook with `send_payload: false` receives `{\"action\": ...}` alone.");
        return string.Join(" ", notes);
    }

    private static OpenApiParameter Header(string name, string description, bool required) => new()
    {
        Name = name,
        In = ParameterLocation.Header,
        Required = required,
        Description = description,
        Schema = new OpenApiSchema { Type = JsonSchemaType.String },
    };
}
