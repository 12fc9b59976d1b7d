using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace LabelStudio.Sample.Tests.OfficialClient;

/// <summary>
/// The response models of the official Python client, <c>label-studio-sdk</c> 2.1.0, as its source declares them
/// (<c>label-studio-sdk-2.1.0-models.json</c>), and a strict check of an answer against one: what pydantic's
/// <c>model_validate</c> would refuse. The client itself parses without validating; strict is the safe side.
/// </summary>
/// <remarks>
/// Types are the annotations' own spelling: <c>str</c>, <c>int</c>, <c>float</c>, <c>bool</c>, <c>dt.datetime</c>,
/// <c>typing.Any</c>, <c>typing.Optional[T]</c>, <c>typing.List[T]</c>, <c>typing.Dict[str, T]</c>, a model's name,
/// and the client's open enums (<c>...Enum</c>, which accept any value). <c>RoleBasedTask</c>, the union the task
/// calls return, is checked as its first member, <c>LseTask</c>, the one a well-formed task parses into.
/// </remarks>
internal sealed partial class ClientModels
{
    private readonly Dictionary<string, JsonObject> _models;

    private ClientModels(Dictionary<string, JsonObject> models) => _models = models;

    public static ClientModels Load()
    {
        JsonObject document = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "OfficialClient", "label-studio-sdk-2.1.0-models.json")))!.AsObject();
        return new ClientModels(document["models"]!.AsObject().ToDictionary(model => model.Key, model => model.Value!.AsObject()));
    }

    /// <summary>Where <paramref name="value"/> does not fit <paramref name="type"/>, as <c>path: problem</c>; empty when it fits.</summary>
    public IReadOnlyList<string> Violations(JsonNode? value, string type)
    {
        var violations = new List<string>();
        Check(value, type, "$", violations);
        return violations;
    }

    private void Check(JsonNode? value, string type, string path, List<string> violations)
    {
        if (Generic().Match(type) is { Success: true } generic)
        {
            CheckGeneric(value, generic.Groups["kind"].Value, Arguments(generic.Groups["arguments"].Value), path, violations);
            return;
        }
        if (type == "typing.Any" || type.EndsWith("Enum", StringComparison.Ordinal))
        {
            return;
        }
        if (value is null)
        {
            violations.Add($"{path}: null, but {type} is not Optional");
            return;
        }
        JsonValueKind kind = value.GetValueKind();
        bool fits = type switch
        {
            "str" => kind == JsonValueKind.String,
            "int" => kind == JsonValueKind.Number && value.AsValue().TryGetValue(out long _),
            "float" => kind == JsonValueKind.Number,
            "bool" => kind is JsonValueKind.True or JsonValueKind.False,
            "dt.datetime" => kind == JsonValueKind.String && DateTime().IsMatch(value.GetValue<string>()),
            _ => CheckModel(value, type == "RoleBasedTask" ? "LseTask" : type, path, violations),
        };
        if (!fits)
        {
            violations.Add($"{path}: {Shorten(value)} is not {type}");
        }
    }

    private void CheckGeneric(JsonNode? value, string kind, string[] arguments, string path, List<string> violations)
    {
        switch (kind)
        {
            case "Optional" when value is null:
                return;
            case "Optional":
                Check(value, arguments[0], path, violations);
                return;
            case "List" when value is JsonArray items:
                for (int index = 0; index < items.Count; index++)
                {
                    Check(items[index], arguments[0], $"{path}[{index}]", violations);
                }
                return;
            case "Dict" when value is JsonObject members:
                foreach ((string name, JsonNode? member) in members)
                {
                    Check(member, arguments[1], $"{path}.{name}", violations);
                }
                return;
            case "List" or "Dict":
                violations.Add($"{path}: {Shorten(value)} is not a {(kind == "List" ? "list" : "dict")}");
                return;
            default:
                throw new InvalidOperationException($"The model file has a typing.{kind} this check does not know.");
        }
    }

    /// <summary>Checks an object against a model: every declared field it has, and the presence of the required ones.</summary>
    private bool CheckModel(JsonNode value, string name, string path, List<string> violations)
    {
        if (value is not JsonObject members)
        {
            return false;
        }
        foreach (JsonObject field in Fields(name))
        {
            string member = (string)field["json"]!;
            if (members.TryGetPropertyValue(member, out JsonNode? found))
            {
                Check(found, (string)field["type"]!, $"{path}.{member}", violations);
            }
            else if ((bool)field["required"]!)
            {
                violations.Add($"{path}.{member}: required, missing");
            }
        }
        return true;
    }

    private IEnumerable<JsonObject> Fields(string name)
    {
        JsonObject model = _models.TryGetValue(name, out JsonObject? found)
            ? found
            : throw new InvalidOperationException($"No model {name} in the model file.");
        if (model["same_as"] is { } same)
        {
            return Fields((string)same!);
        }
        IEnumerable<JsonObject> own = model["fields"]!.AsArray().Select(field => field!.AsObject());
        return model["base"] is { } baseModel ? Fields((string)baseModel!).Concat(own) : own;
    }

    /// <summary>The top-level arguments of a generic type, split at the commas outside brackets.</summary>
    private static string[] Arguments(string text)
    {
        var arguments = new List<string>();
        int depth = 0, start = 0;
        for (int index = 0; index < text.Length; index++)
        {
            depth += text[index] switch { '[' => 1, ']' => -1, _ => 0 };
            if (text[index] == ',' && depth == 0)
            {
                arguments.Add(text[start..index].Trim());
                start = index + 1;
            }
        }
        arguments.Add(text[start..].Trim());
        return [.. arguments];
    }

    private static string Shorten(JsonNode? value)
    {
        string text = value?.ToJsonString() ?? "null";
        return text.Length <= 40 ? text : text[..40] + "...";
    }

    [GeneratedRegex(@"^typing\.(?<kind>\w+)\[(?<arguments>.*)\]$")]
    private static partial Regex Generic();

    /// <summary>RFC 3339, which pydantic's datetime accepts: a date, a time and optionally fractions and an offset.</summary>
    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$")]
    private static partial Regex DateTime();
}
