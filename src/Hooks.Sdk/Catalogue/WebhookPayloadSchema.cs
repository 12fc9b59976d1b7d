using System.Text.Json.Nodes;
using System.Text.Json.Schema;
using System.Text.Json.Serialization.Metadata;
using Hooks.Sdk.Serialization;

namespace Hooks.Sdk.Catalogue;

/// <summary>
/// The JSON Schema (draft 2020-12) of an action's payload, as the generated serializer writes it: <c>action</c> (a
/// constant), the key (one object or a list of them per <see cref="WebhookActionDescriptor.Many"/>; <c>{"id": ...}</c>
/// items for ids-only actions), <c>project</c>, then the nested fields, in Label Studio's key order. The models'
/// schemas come from the catalogue's own <c>JsonSerializerContext</c> (<see cref="JsonSchemaExporter"/>), so its
/// naming policy, ignored members and converters apply exactly as in the payloads.
/// </summary>
/// <remarks>
/// Only <c>action</c> is required: a webhook with <c>send_payload: false</c> gets <c>{"action": ...}</c> alone. A raw
/// action's members are the caller's, so its schema allows any beside <c>action</c> and <c>project</c>.
/// </remarks>
public static class WebhookPayloadSchema
{
    /// <summary>For the key's models, which are never null.</summary>
    private static readonly JsonSchemaExporterOptions Models = new()
    {
        TreatNullObliviousAsNonNullable = true,
        TransformSchemaNode = DescribeLabelStudioDates,
    };

    /// <summary>For the project and the nested fields' values, which can be null.</summary>
    private static readonly JsonSchemaExporterOptions NullableValues = new()
    {
        TransformSchemaNode = DescribeLabelStudioDates,
    };

    /// <summary>The schema of <paramref name="action"/>'s payload.</summary>
    /// <param name="action">A registered action.</param>
    /// <param name="project">
    /// The JSON contract of the project object that <see cref="Store.IWebhookProjects"/> returns, or <see langword="null"/>
    /// to describe it as any object.
    /// </param>
    public static JsonObject For(WebhookActionDescriptor action, JsonTypeInfo? project = null)
    {
        ArgumentNullException.ThrowIfNull(action);
        var properties = new JsonObject
        {
            ["action"] = new JsonObject { ["type"] = "string", ["const"] = action.Action },
        };
        JsonNode? key = Key(action);
        JsonNode projectSchema = project is null ? new JsonObject { ["type"] = "object" } : Export(project, Models);
        if (key is not null && action.Key == "project")
        {
            // The project object takes the model's place when the app gives one.
            properties["project"] = project is null ? key : new JsonObject { ["anyOf"] = new JsonArray(key, projectSchema) };
        }
        else
        {
            if (key is not null)
            {
                properties[action.Key] = key;
            }
            if (!action.OrganizationOnly)
            {
                properties["project"] = projectSchema;
            }
        }
        if (action is IWebhookModelContracts model)
        {
            for (int index = 0; index < action.NestedFields.Count; index++)
            {
                properties[action.NestedFields[index]] = ManyOrOne(action, Export(model.NestedFieldTypeInfos[index], NullableValues));
            }
        }
        return new JsonObject
        {
            ["title"] = action.Name,
            ["description"] = action.Description,
            ["type"] = "object",
            ["properties"] = properties,
            ["required"] = new JsonArray("action"),
            ["additionalProperties"] = action.ModelType is null,
        };
    }

    private static JsonNode? Key(WebhookActionDescriptor action) => action switch
    {
        IWebhookModelContracts model => ManyOrOne(action, Export(model.ModelTypeInfo, Models)),
        IWebhookIdAction ids => ManyOrOne(action, new JsonObject
        {
            ["type"] = "object",
            ["properties"] = new JsonObject { ["id"] = IdSchema(ids.IdType) },
            ["required"] = new JsonArray("id"),
            ["additionalProperties"] = false,
        }),
        _ => null,
    };

    private static JsonNode ManyOrOne(WebhookActionDescriptor action, JsonNode item) =>
        action.Many ? new JsonObject { ["type"] = "array", ["items"] = item } : item;

    private static JsonObject IdSchema(Type idType) => idType == typeof(Guid)
        ? new JsonObject { ["type"] = "string", ["format"] = "uuid" }
        : new JsonObject { ["type"] = "integer" };

    /// <summary>
    /// The exporter's schema, without its <c>$ref</c>s: they point into the exported root, which is not the root once
    /// the schema sits inside an envelope (they appear only for recursive models).
    /// </summary>
    private static JsonNode Export(JsonTypeInfo typeInfo, JsonSchemaExporterOptions options)
    {
        JsonNode schema = typeInfo.Options.GetJsonSchemaAsNode(typeInfo.Type, options);
        if (schema is not JsonObject members)
        {
            return new JsonObject();
        }
        ReplaceReferences(members);
        return members;
    }

    /// <summary>Replaces, in place, every object below <paramref name="node"/> that is a <c>$ref</c>.</summary>
    private static void ReplaceReferences(JsonNode node)
    {
        foreach (JsonNode reference in References(node).ToList())
        {
            reference.ReplaceWith(RecursiveShape());
        }
    }

    private static IEnumerable<JsonNode> References(JsonNode? node) => node switch
    {
        JsonObject members when members.ContainsKey("$ref") => [members],
        JsonObject members => members.SelectMany(member => References(member.Value)),
        JsonArray items => items.SelectMany(References),
        _ => [],
    };

    private static JsonObject RecursiveShape() => new() { ["description"] = "The shape of an enclosing object (a recursive model)." };

    /// <summary>
    /// The exporter cannot see into a custom converter; <see cref="LabelStudioDateTimeConverter"/>, the SDK's own,
    /// writes an RFC 3339 string.
    /// </summary>
    private static JsonNode DescribeLabelStudioDates(JsonSchemaExporterContext context, JsonNode schema)
    {
        Type type = Nullable.GetUnderlyingType(context.TypeInfo.Type) ?? context.TypeInfo.Type;
        bool ours = context.PropertyInfo?.CustomConverter is LabelStudioDateTimeConverter
            || context.TypeInfo.Options.Converters.Any(converter => converter is LabelStudioDateTimeConverter);
        if (type != typeof(DateTime) || !ours)
        {
            return schema;
        }
        bool nullable = context.TypeInfo.Type != type || context.PropertyInfo?.IsGetNullable == true;
        return new JsonObject
        {
            ["type"] = nullable ? new JsonArray("string", "null") : "string",
            ["format"] = "date-time",
        };
    }
}
