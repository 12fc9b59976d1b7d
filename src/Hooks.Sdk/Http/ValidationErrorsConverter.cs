using System.Text.Json;
using System.Text.Json.Serialization;

namespace Hooks.Sdk.Http;

/// <summary>
/// Writes <see cref="ApiError.ValidationErrors"/> in Label Studio's shape: a field's messages as a list, the messages of
/// a list field's items (<c>field[i]</c> keys) as an object by index under the field, in the order the fields came.
/// </summary>
internal sealed class ValidationErrorsConverter : JsonConverter<IReadOnlyDictionary<string, IReadOnlyList<string>>>
{
    public override IReadOnlyDictionary<string, IReadOnlyList<string>> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException("Validation errors are written, never read.");

    public override void Write(Utf8JsonWriter writer, IReadOnlyDictionary<string, IReadOnlyList<string>> value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        foreach (IGrouping<string, (string? Index, IReadOnlyList<string> Messages)> field in value
            .Select(entry => (Split: Split(entry.Key), entry.Value))
            .GroupBy(entry => entry.Split.Field, entry => (entry.Split.Index, Messages: entry.Value)))
        {
            writer.WritePropertyName(field.Key);
            if (field.All(entry => entry.Index is null))
            {
                WriteMessages(writer, field.SelectMany(entry => entry.Messages));
                continue;
            }
            writer.WriteStartObject();
            foreach ((string? index, IReadOnlyList<string> messages) in field)
            {
                writer.WritePropertyName(index ?? "non_field_errors");
                WriteMessages(writer, messages);
            }
            writer.WriteEndObject();
        }
        writer.WriteEndObject();
    }

    private static (string Field, string? Index) Split(string key)
    {
        int open = key.LastIndexOf('[');
        return open > 0 && key.EndsWith(']') && key[(open + 1)..^1] is { Length: > 0 } index && index.All(char.IsAsciiDigit)
            ? (key[..open], index)
            : (key, null);
    }

    private static void WriteMessages(Utf8JsonWriter writer, IEnumerable<string> messages)
    {
        writer.WriteStartArray();
        foreach (string message in messages)
        {
            writer.WriteStringValue(message);
        }
        writer.WriteEndArray();
    }
}
