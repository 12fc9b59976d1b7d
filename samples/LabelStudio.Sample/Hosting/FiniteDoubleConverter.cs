using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace LabelStudio.Sample.Hosting;

/// <summary>
/// Reads a number (or a numeric string, as Label Studio's float fields accept) only when it is finite: <c>"NaN"</c>,
/// <c>"Infinity"</c> and <c>1e400</c> are a 400 on the field, never a stored value that later fails every read.
/// </summary>
public sealed class FiniteDoubleConverter : JsonConverter<double>
{
    public override double Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        double value = reader.TokenType switch
        {
            JsonTokenType.Number => reader.GetDouble(),
            JsonTokenType.String when double.TryParse(reader.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out double parsed) => parsed,
            _ => throw new JsonException(),
        };
        // A bare JsonException: System.Text.Json adds the path, which the API's error envelope turns into the field.
        return double.IsFinite(value) ? value : throw new JsonException();
    }

    public override void Write(Utf8JsonWriter writer, double value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteNumberValue(value);
    }
}
