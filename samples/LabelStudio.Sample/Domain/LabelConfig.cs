using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Xml;
using System.Xml.Linq;

namespace LabelStudio.Sample.Domain;

/// <summary>
/// What Label Studio derives from a project's labeling config (its <c>parse_config</c> and <c>extract_data_types</c>),
/// for the project object: the control tags with their inputs and labels (<c>parsed_label_config</c>), the data
/// fields by object tag type (<c>data_types</c>), each control's default weights (<c>control_weights</c>), and a hash.
/// A config that is not well-formed XML (never refused by the sample) derives empty objects, never an error.
/// </summary>
public sealed class LabelConfig
{
    private static readonly HashSet<string> LabelTags = ["Label", "Choice", "Relation"];
    private static readonly HashSet<string> NotControlTags = ["Filter"];

    private LabelConfig(string text, JsonObject parsed, JsonObject dataTypes)
    {
        Parsed = parsed;
        DataTypes = dataTypes;
        // Label Studio's is Python's hash() of the parsed config, which differs per process; this one is stable.
        Hash = BitConverter.ToInt64(SHA256.HashData(Encoding.UTF8.GetBytes(text)), 0);
    }

    /// <summary><c>{"control": {"type", "to_name": [...], "inputs": [{"type", "valueType", "value"}], "labels": [...], "labels_attrs": {...}}}</c>.</summary>
    public JsonObject Parsed { get; }

    /// <summary><c>{"image": "Image"}</c>: each <c>$field</c> an object tag reads, with the tag.</summary>
    public JsonObject DataTypes { get; }

    public long Hash { get; }

    /// <summary><c>{"control": {"overall": 1.0, "type", "labels": {"Cat": 1.0}}}</c>, Label Studio's defaults for a new project.</summary>
    public JsonObject ControlWeights()
    {
        var weights = new JsonObject();
        foreach ((string name, JsonNode? control) in Parsed)
        {
            var labels = new JsonObject();
            foreach (JsonNode? label in control!["labels"]!.AsArray())
            {
                labels[(string)label!] = 1.0;
            }
            weights[name] = new JsonObject { ["overall"] = 1.0, ["type"] = (string?)control["type"], ["labels"] = labels };
        }
        return weights;
    }

    public static LabelConfig Parse(string text)
    {
        XElement root;
        try
        {
            using var reader = XmlReader.Create(new StringReader(text), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
            root = XElement.Load(reader);
        }
        catch (XmlException)
        {
            return new LabelConfig(text, [], []);
        }
        var inputs = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        var outputs = new Dictionary<string, (XElement Tag, string[] ToName)>(StringComparer.Ordinal);
        var labels = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        var dataTypes = new JsonObject();
        foreach (XElement tag in root.DescendantsAndSelf())
        {
            string type = tag.Name.LocalName;
            string? name = (string?)tag.Attribute("name");
            string? value = (string?)tag.Attribute("value");
            if (!string.IsNullOrEmpty(name) && (string?)tag.Attribute("toName") is { Length: > 0 } toName && !NotControlTags.Contains(type))
            {
                outputs[name] = (tag, toName.Split(','));
            }
            else if (!string.IsNullOrEmpty(name) && !string.IsNullOrEmpty(value))
            {
                inputs[name] = new JsonObject { ["type"] = type, ["valueType"] = (string?)tag.Attribute("valueType"), ["value"] = value.TrimStart('$') };
            }
            if (!string.IsNullOrEmpty(name) && value is { Length: > 1 } && value[0] == '$')
            {
                dataTypes[value[1..]] = type;
            }
            if (LabelTags.Contains(type) && ParentControl(tag, outputs) is { } parent
                && ((string?)tag.Attribute("alias") ?? value) is { Length: > 0 } label)
            {
                JsonObject attributes = labels.TryGetValue(parent, out JsonObject? existing) ? existing : labels[parent] = [];
                attributes[label] = new JsonObject(tag.Attributes().Select(attribute => KeyValuePair.Create(attribute.Name.LocalName, (JsonNode?)attribute.Value)));
            }
        }
        var parsed = new JsonObject();
        foreach ((string name, (XElement tag, string[] toName)) in outputs)
        {
            // Label Studio refuses such a config on save; a stored one still derives what it can.
            var controlInputs = new JsonArray(toName.Where(inputs.ContainsKey).Select(input => (JsonNode)inputs[input].DeepClone()).ToArray());
            JsonObject attributes = labels.GetValueOrDefault(name) ?? [];
            parsed[name] = new JsonObject
            {
                ["type"] = tag.Name.LocalName,
                ["to_name"] = new JsonArray(toName.Select(input => (JsonNode)input).ToArray()),
                ["inputs"] = controlInputs,
                ["labels"] = new JsonArray(attributes.Select(label => (JsonNode)label.Key).ToArray()),
                ["labels_attrs"] = attributes,
            };
        }
        return new LabelConfig(text, parsed, dataTypes);
    }

    private static string? ParentControl(XElement tag, Dictionary<string, (XElement Tag, string[] ToName)> outputs) =>
        tag.Ancestors().Select(parent => (string?)parent.Attribute("name")).FirstOrDefault(name => name is not null && outputs.ContainsKey(name));
}
