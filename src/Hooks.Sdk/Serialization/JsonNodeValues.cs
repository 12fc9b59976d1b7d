using System.Text.Json.Nodes;

namespace Hooks.Sdk.Serialization;

/// <summary>
/// Reads values from JSON nodes whether they were parsed from text (backed by a <c>JsonElement</c>) or built in code
/// (backed by a CLR value such as <see cref="int"/> or <see cref="long"/>): an app's actions return nodes built in code.
/// </summary>
internal static class JsonNodeValues
{
    public static bool TryGetInteger(JsonNode? node, out long value)
    {
        value = 0;
        if (node is not JsonValue scalar)
        {
            return false;
        }
        if (scalar.TryGetValue(out long number))
        {
            value = number;
            return true;
        }
        if (scalar.TryGetValue(out int small))
        {
            value = small;
            return true;
        }
        return false;
    }
}
