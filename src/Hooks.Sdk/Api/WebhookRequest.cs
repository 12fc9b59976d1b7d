using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Hooks.Sdk;

/// <summary>
/// The fields of a create or update body, each with whether it was present, after Label Studio's validation rules
/// and messages. Unknown and read-only fields are ignored, as Django REST framework does.
/// </summary>
internal sealed partial class WebhookRequest
{
    private readonly Dictionary<string, List<string>> _errors = [];

    public string? Url { get; private set; }

    public bool? SendPayload { get; private set; }

    public bool? SendForAllActions { get; private set; }

    public bool? IsActive { get; private set; }

    public Dictionary<string, string>? Headers { get; private set; }

    public List<string>? Actions { get; private set; }

    public long? Project { get; private set; }

    public bool IsValid => _errors.Count == 0;

    public IReadOnlyDictionary<string, IReadOnlyList<string>> Errors =>
        _errors.ToDictionary(error => error.Key, error => (IReadOnlyList<string>)error.Value);

    /// <summary>Reads <paramref name="body"/>; <paramref name="urlRequired"/> for create and PUT, <paramref name="readProject"/> for create only.</summary>
    public static WebhookRequest Parse(JsonObject body, WebhookActionRegistry registry, bool urlRequired, bool readProject)
    {
        var request = new WebhookRequest();
        request.ReadUrl(body, urlRequired);
        request.SendPayload = request.ReadBoolean(body, "send_payload");
        request.SendForAllActions = request.ReadBoolean(body, "send_for_all_actions");
        request.IsActive = request.ReadBoolean(body, "is_active");
        request.ReadHeaders(body);
        request.ReadActions(body, registry);
        if (readProject)
        {
            request.ReadProject(body);
        }
        return request;
    }

    public void AddError(string field, string message)
    {
        if (!_errors.TryGetValue(field, out List<string>? messages))
        {
            _errors[field] = messages = [];
        }
        messages.Add(message);
    }

    private void ReadUrl(JsonObject body, bool required)
    {
        if (!body.TryGetPropertyValue("url", out JsonNode? node))
        {
            if (required)
            {
                AddError("url", "This field is required.");
            }
            return;
        }
        if (ReadString(node, "url") is not { } url)
        {
            return;
        }
        if (url.Length == 0)
        {
            AddError("url", "This field may not be blank.");
        }
        else if (url.Length > Webhook.MaxUrlLength)
        {
            AddError("url", $"Ensure this field has no more than {Webhook.MaxUrlLength} characters.");
        }
        else if (!Uri.TryCreate(url, UriKind.Absolute, out Uri? uri) || uri.Scheme is not ("http" or "https") || uri.Host.Length == 0)
        {
            AddError("url", "Enter a valid URL.");
        }
        else
        {
            Url = url;
        }
    }

    private string? ReadString(JsonNode? node, string field)
    {
        if (node is null)
        {
            AddError(field, "This field may not be null.");
            return null;
        }
        if (node is JsonValue value && value.GetValueKind() == JsonValueKind.String)
        {
            return value.GetValue<string>();
        }
        AddError(field, "Not a valid string.");
        return null;
    }

    /// <summary>Django REST framework's boolean: JSON booleans, 1/0 and the usual true/false spellings.</summary>
    private bool? ReadBoolean(JsonObject body, string field)
    {
        if (!body.TryGetPropertyValue(field, out JsonNode? node))
        {
            return null;
        }
        if (node is null)
        {
            AddError(field, "This field may not be null.");
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
            AddError(field, "Must be a valid boolean.");
        }
        return value;
    }

    /// <summary>Label Studio's <c>HEADERS_SCHEMA</c>: an object of at most 10 string values with names of letters, digits, '-' and '_'.</summary>
    private void ReadHeaders(JsonObject body)
    {
        if (!body.TryGetPropertyValue("headers", out JsonNode? node))
        {
            return;
        }
        if (node is null)
        {
            AddError("headers", "This field may not be null.");
            return;
        }
        if (node is not JsonObject headers
            || headers.Count > Webhook.MaxHeaders
            || headers.Any(header => !HeaderName().IsMatch(header.Key) || header.Value?.GetValueKind() != JsonValueKind.String))
        {
            AddError("headers", $"{node.ToJsonString()} failed JSON schema check");
            return;
        }
        foreach (string reserved in headers.Select(header => header.Key).Where(ReservedHeaders.IsReserved))
        {
            AddError("headers", $"The header '{reserved}' is set by the sender and cannot be overridden.");
        }
        foreach (string name in headers.Where(header => !HeaderValues.AreSendable(header.Value!.GetValue<string>())).Select(header => header.Key))
        {
            AddError("headers", $"The value of the header '{name}' contains a line break, a control character or a non-ASCII character; header values must be printable ASCII.");
        }
        Headers = headers.ToDictionary(header => header.Key, header => header.Value!.GetValue<string>(), StringComparer.Ordinal);
    }

    private void ReadActions(JsonObject body, WebhookActionRegistry registry)
    {
        if (!body.TryGetPropertyValue("actions", out JsonNode? node))
        {
            return;
        }
        if (node is not JsonArray items)
        {
            AddError("actions", node is null ? "This field may not be null." : $"Expected a list of items but got type \"{TypeName(node)}\".");
            return;
        }
        var actions = new List<string>();
        for (int index = 0; index < items.Count; index++)
        {
            JsonNode? item = items[index];
            string? action = item is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;
            if (action is null || !registry.TryGetAction(action, out _))
            {
                AddError(ApiError.ItemField("actions", index), $"\"{(action ?? item?.ToJsonString() ?? "null")}\" is not a valid choice.");
            }
            else if (!actions.Contains(action))
            {
                actions.Add(action);
            }
        }
        Actions = actions;
    }

    private void ReadProject(JsonObject body)
    {
        // Absent and null mean the same: an organization-level webhook.
        if (!body.TryGetPropertyValue("project", out JsonNode? node) || node is null)
        {
            return;
        }
        if (node.GetValueKind() == JsonValueKind.Number && JsonNodeValues.TryGetInteger(node, out long id))
        {
            Project = id;
        }
        else if (node.GetValueKind() == JsonValueKind.String && long.TryParse(node.GetValue<string>(), out long parsed))
        {
            Project = parsed;
        }
        else
        {
            AddError("project", $"Incorrect type. Expected pk value, received {TypeName(node)}.");
        }
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

    // \z, not $: Python's $ lets "X-Token\n" through, and a header name must not end in a newline.
    [GeneratedRegex(@"^[a-zA-Z0-9\-_]+\z", RegexOptions.CultureInvariant)]
    private static partial Regex HeaderName();
}
