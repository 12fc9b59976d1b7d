using System.Text.Json.Nodes;

namespace Hooks.Sdk.OpenApi;

/// <summary>
/// The JSON Schemas of the webhooks REST API's bodies (<c>WebhooksApiSchemas.json</c>), each self-contained: a
/// <c>{"$use": "Name"}</c> in the file stands for that schema, copied in, so that an answer can be checked against
/// one schema without the rest of the document.
/// </summary>
internal static class WebhooksApiSchemas
{
    private static readonly Lazy<JsonObject> All = new(Load);

    /// <summary>A copy of the schema called <paramref name="name"/>.</summary>
    public static JsonObject Get(string name) =>
        (All.Value[name] ?? throw new ArgumentException($"No schema {name} in WebhooksApiSchemas.json.", nameof(name))).DeepClone().AsObject();

    private static JsonObject Load()
    {
        using Stream stream = typeof(WebhooksApiSchemas).Assembly.GetManifestResourceStream("Hooks.Sdk.OpenApi.WebhooksApiSchemas.json")
            ?? throw new InvalidOperationException("The embedded WebhooksApiSchemas.json is missing.");
        JsonObject schemas = JsonNode.Parse(stream)!.AsObject();
        foreach (string name in schemas.Select(schema => schema.Key).ToArray())
        {
            schemas[name] = Inline(schemas[name]!, schemas);
        }
        return schemas;
    }

    /// <summary>A new tree: objects and arrays are rebuilt and leaves copied, so no node keeps its parent.</summary>
    private static JsonNode Inline(JsonNode node, JsonObject schemas) => node switch
    {
        JsonObject { Count: 1 } use when use["$use"] is JsonValue name => Inline(schemas[(string)name!]!, schemas),
        JsonObject members => new JsonObject(members.Select(member =>
            KeyValuePair.Create(member.Key, member.Value is null ? null : Inline(member.Value, schemas)))),
        JsonArray items => new JsonArray([.. items.Select(item => item is null ? null : Inline(item, schemas))]),
        _ => node.DeepClone(),
    };
}
