using System.Text.Json;
using System.Text.Json.Nodes;
using Hooks.Sdk.Serialization;

namespace Hooks.Sdk.Api;

/// <summary>
/// A create or update body of the webhooks API read into a <see cref="WebhookInput"/>, with Django REST framework's
/// messages for what could not be read: a missing required field, a null, a value of the wrong type. What the values
/// may be is checked afterwards by <see cref="WebhookAdministration"/>, as for any input. Unknown and read-only fields
/// are ignored, as Django REST framework does.
/// </summary>
/// <param name="Input">The fields that were read; those in <paramref name="Errors"/> are not given.</param>
/// <param name="Errors">Messages by field.</param>
internal sealed record WebhookRequest(WebhookInput Input, IReadOnlyDictionary<string, IReadOnlyList<string>> Errors)
{
    private const string NotNull = "This field may not be null.";

    /// <summary>POST: <c>url</c> is required, <c>project</c> is read.</summary>
    public static WebhookRequest ForCreate(JsonObject body) => Read(body, create: true, replace: false);

    /// <summary>PUT: <c>url</c> is required and, as in Label Studio, <c>actions</c> left out are cleared.</summary>
    public static WebhookRequest ForReplace(JsonObject body) => Read(body, create: false, replace: true);

    /// <summary>PATCH: only the fields named change.</summary>
    public static WebhookRequest ForPatch(JsonObject body) => Read(body, create: false, replace: false);

    private static WebhookRequest Read(JsonObject body, bool create, bool replace)
    {
        var errors = new FieldErrors();
        var input = new WebhookInput
        {
            Url = ReadUrl(body, required: create || replace, errors),
            SendPayload = ReadBoolean(body, "send_payload", errors),
            SendForAllActions = ReadBoolean(body, "send_for_all_actions", errors),
            IsActive = ReadBoolean(body, "is_active", errors),
            Headers = ReadHeaders(body, errors),
            Actions = body.TryGetPropertyValue("actions", out JsonNode? actions) ? ReadActions(actions, errors) : replace ? [] : null,
            // Label Studio makes the project read-only on update.
            ProjectId = create ? ReadProject(body, errors) : null,
        };
        return new WebhookRequest(input, errors.ToDictionary());
    }

    private static string? ReadUrl(JsonObject body, bool required, FieldErrors errors)
    {
        if (body.TryGetPropertyValue("url", out JsonNode? node))
        {
            return ReadString(node, "url", errors);
        }
        if (required)
        {
            errors.Add("url", WebhookInputRules.Required);
        }
        return null;
    }

    private static string? ReadString(JsonNode? node, string field, FieldErrors errors)
    {
        if (node is null)
        {
            errors.Add(field, NotNull);
            return null;
        }
        if (node is JsonValue value && value.GetValueKind() == JsonValueKind.String)
        {
            return value.GetValue<string>();
        }
        errors.Add(field, "Not a valid string.");
        return null;
    }

    /// <summary>Django REST framework's boolean: JSON booleans, 1/0 and the usual true/false spellings.</summary>
    private static bool? ReadBoolean(JsonObject body, string field, FieldErrors errors)
    {
        if (!body.TryGetPropertyValue(field, out JsonNode? node))
        {
            return null;
        }
        if (node is null)
        {
            errors.Add(field, NotNull);
            return null;
        }
        bool? value = node.GetValueKind() switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.Number when JsonNodeValues.TryGetInteger(node, out long number) && number is 0 or 1 => number == 1,
            JsonValueKind.String => node.GetValue<string>() switch
            {
                "true" or "True" or "TRUE" or "1" or "yes" or "on" => true,
                "false" or "False" or "FALSE" or "0" or "no" or "off" => false,
                _ => null,
            },
            _ => null,
        };
        if (value is null)
        {
            errors.Add(field, "Must be a valid boolean.");
        }
        return value;
    }

    /// <summary>An object of strings; what the names and values may be is <see cref="WebhookInputRules"/>'.</summary>
    private static Dictionary<string, string>? ReadHeaders(JsonObject body, FieldErrors errors)
    {
        if (!body.TryGetPropertyValue("headers", out JsonNode? node))
        {
            return null;
        }
        if (node is null)
        {
            errors.Add("headers", NotNull);
            return null;
        }
        if (node is not JsonObject headers || headers.Any(header => header.Value?.GetValueKind() != JsonValueKind.String))
        {
            errors.Add("headers", WebhookInputRules.SchemaFailure(node.ToJsonString()));
            return null;
        }
        return headers.ToDictionary(header => header.Key, header => header.Value!.GetValue<string>(), StringComparer.Ordinal);
    }

    /// <summary>
    /// A list; each item by its text, as Django REST framework's choice field looks up <c>str(item)</c>, so that a
    /// non-string item is refused as an unknown name ("\"1\" is not a valid choice."): the text of a number, literal,
    /// object or array is never an action name, which is upper snake case (HOOK004).
    /// </summary>
    private static List<string>? ReadActions(JsonNode? node, FieldErrors errors)
    {
        if (node is not JsonArray items)
        {
            errors.Add("actions", node is null ? NotNull : $"Expected a list of items but got type \"{TypeName(node)}\".");
            return null;
        }
        return items
            .Select(item => item is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : item?.ToJsonString() ?? "null")
            .ToList();
    }

    private static long? ReadProject(JsonObject body, FieldErrors errors)
    {
        // Absent and null mean the same: an organization-level webhook.
        if (!body.TryGetPropertyValue("project", out JsonNode? node) || node is null)
        {
            return null;
        }
        if (node.GetValueKind() == JsonValueKind.Number && JsonNodeValues.TryGetInteger(node, out long id))
        {
            return id;
        }
        if (node.GetValueKind() == JsonValueKind.String && long.TryParse(node.GetValue<string>(), out long parsed))
        {
            return parsed;
        }
        errors.Add("project", $"Incorrect type. Expected pk value, received {TypeName(node)}.");
        return null;
    }

    private static string TypeName(JsonNode node) => node.GetValueKind() switch
    {
        JsonValueKind.String => "str",
        JsonValueKind.Number => "int",
        JsonValueKind.True or JsonValueKind.False => "bool",
        JsonValueKind.Object => "dict",
        JsonValueKind.Array => "list",
        _ => "NoneType",
    };
}
