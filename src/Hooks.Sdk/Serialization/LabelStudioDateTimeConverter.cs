using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Hooks.Sdk.Serialization;

/// <summary>
/// Writes <see cref="DateTime"/> values as Label Studio (Django REST framework) does, so receivers see identical
/// text: UTC, <c>Z</c> suffix, and either no fraction or exactly six digits of microseconds
/// (<c>2021-08-17T13:52:48.536370Z</c>, where System.Text.Json would write <c>.53637Z</c>). Unspecified kinds are
/// taken as UTC, which is what EF Core's SQLite provider returns. Reads any ISO 8601 date and time.
/// </summary>
/// <example>
/// <code>[JsonSourceGenerationOptions(Converters = [typeof(LabelStudioDateTimeConverter)])]</code>
/// </example>
public sealed class LabelStudioDateTimeConverter : JsonConverter<DateTime>
{
    private const string WholeSeconds = "yyyy'-'MM'-'dd'T'HH':'mm':'ss'Z'";
    private const string Microseconds = "yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'ffffff'Z'";

    /// <inheritdoc />
    public override DateTime Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.GetDateTimeOffset().UtcDateTime;

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, DateTime value, JsonSerializerOptions options) => WriteValue(writer, value);

    internal static void WriteValue(Utf8JsonWriter writer, DateTime value)
    {
        ArgumentNullException.ThrowIfNull(writer);
        DateTime utc = value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : value;
        bool hasMicroseconds = utc.Ticks % TimeSpan.TicksPerSecond / TimeSpan.TicksPerMicrosecond != 0;
        Span<char> text = stackalloc char[32];
        utc.TryFormat(text, out int written, hasMicroseconds ? Microseconds : WholeSeconds, CultureInfo.InvariantCulture);
        writer.WriteStringValue(text[..written]);
    }
}
