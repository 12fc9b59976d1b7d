using System.Text.Json.Nodes;
using Hooks.Sdk.Catalogue;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;

namespace Hooks.Sdk.OpenApi;

/// <summary>JSON Schemas, as <see cref="WebhookPayloadSchema"/> writes them, read into the document's model.</summary>
internal static class OpenApiSchemas
{
    /// <summary>Reads <paramref name="schema"/> as an OpenAPI 3.1 schema, whose dialect is JSON Schema 2020-12.</summary>
    public static OpenApiSchema Read(JsonObject schema, OpenApiDocument document)
    {
        OpenApiSchema? read = new OpenApiJsonReader().ReadFragment<OpenApiSchema>(schema, OpenApiSpecVersion.OpenApi3_1, document, out OpenApiDiagnostic diagnostic);
        return read is not null && diagnostic.Errors.Count == 0
            ? read
            : throw new InvalidOperationException(
                "A webhook payload schema could not be read as OpenAPI: " + string.Join("; ", diagnostic.Errors.Select(error => error.Message)));
    }
}
