using System.Text.Json.Nodes;
using Hooks.Sdk.Api;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Hooks.Sdk.OpenApi;

/// <summary>
/// Describes the operations of <c>MapWebhooksApi()</c>, found by their endpoint names: their bodies and answers
/// (<see cref="WebhooksApiSchemas"/>), the error envelope of each error status, their query parameters and, when
/// the app names one, the authentication scheme they require.
/// </summary>
internal sealed class WebhooksApiDocumentTransformer(HooksOpenApiOptions hooks) : IOpenApiDocumentTransformer
{
    private static readonly Dictionary<int, string> ErrorDescriptions = new()
    {
        [400] = "Bad input; `validation_errors` names the fields.",
        [401] = "Not authenticated.",
        [403] = "The caller belongs to no organization.",
        [404] = "No such object in the caller's organization.",
        [413] = "The body is larger than the limit (`WebhookOptions.MaxRequestBodyBytes`).",
        [415] = "The body is not JSON.",
    };

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        OpenApiSecuritySchemeReference? security = AddSecurityScheme(document);
        foreach (IOpenApiPathItem path in document.Paths?.Values ?? Enumerable.Empty<IOpenApiPathItem>())
        {
            foreach (OpenApiOperation operation in path.Operations?.Values ?? Enumerable.Empty<OpenApiOperation>())
            {
                if (operation.OperationId is { } name && WebhooksApiOperation.ByName.TryGetValue(name, out WebhooksApiOperation? description))
                {
                    Describe(operation, description, name == WebhooksApiNames.Info ? null : security, document);
                }
            }
        }
        return Task.CompletedTask;
    }

    private OpenApiSecuritySchemeReference? AddSecurityScheme(OpenApiDocument document)
    {
        if (hooks.SecurityScheme is not { } scheme)
        {
            return null;
        }
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[hooks.SecuritySchemeName] = scheme;
        return new OpenApiSecuritySchemeReference(hooks.SecuritySchemeName, document);
    }

    private static void Describe(OpenApiOperation operation, WebhooksApiOperation description, OpenApiSecuritySchemeReference? security, OpenApiDocument document)
    {
        operation.Summary = description.Summary;
        foreach ((string name, string text) in description.Query)
        {
            operation.Parameters ??= [];
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = name,
                In = ParameterLocation.Query,
                Description = text,
                Schema = new OpenApiSchema { Type = JsonSchemaType.String },
            });
        }
        if (description.Request is { } request)
        {
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Content = Json(RequestSchema(request, operation.OperationId), document),
            };
        }
        operation.Responses = new OpenApiResponses
        {
            [description.Status.ToString(System.Globalization.CultureInfo.InvariantCulture)] = new OpenApiResponse
            {
                Description = description.Response is null ? "Done." : "OK.",
                Content = description.Response is { } response ? Json(ResponseSchema(response), document) : null,
            },
        };
        foreach (int status in description.Errors)
        {
            operation.Responses[status.ToString(System.Globalization.CultureInfo.InvariantCulture)] = new OpenApiResponse
            {
                Description = ErrorDescriptions[status],
                Content = Json(WebhooksApiSchemas.Get("Error"), document),
            };
        }
        if (security is not null)
        {
            operation.Security = [new OpenApiSecurityRequirement { [security] = [] }];
        }
    }

    /// <summary>The schema of an answer: one of <see cref="WebhooksApiSchemas"/>, or a list of one.</summary>
    public static JsonObject ResponseSchema(string name) => WebhooksApiOperation.IsList(name, out string item)
        ? new JsonObject { ["type"] = "array", ["items"] = WebhooksApiSchemas.Get(item) }
        : WebhooksApiSchemas.Get(name);

    /// <summary>A webhook's body needs <c>url</c> on create and on <c>PUT</c>, not on <c>PATCH</c>.</summary>
    private static JsonObject RequestSchema(string name, string? operationId)
    {
        JsonObject schema = WebhooksApiSchemas.Get(name);
        if (operationId is WebhooksApiNames.Create or WebhooksApiNames.Put)
        {
            schema["required"] = new JsonArray("url");
        }
        return schema;
    }

    private static Dictionary<string, OpenApiMediaType> Json(JsonObject schema, OpenApiDocument document) =>
        new() { ["application/json"] = new OpenApiMediaType { Schema = OpenApiSchemas.Read(schema, document) } };
}
