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
    /// <inheritdoc />
    public override DateTime Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.GetDateTimeOffset().UtcDateTime;

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, DateTime value, JsonSerializerOptions options) => WriteValue(writer, value);

    internal static void WriteValue(Utf8JsonWriter writer, DateTime value)
    {
        ArgumentNullException.ThrowIfNull(writer);
        DateTime utc = value.Kind == DateTimeKind.Local ? value.ToUniversalTime() : value;
        long microseconds = utc.Ticks % TimeSpan.TicksPerSecond / TimeSpan.TicksPerMicrosecond;
        // Written as raw UTF-8, quotes included: digits and separators need no escaping, and a custom format string
        // would be parsed, formatted to UTF-16 and transcoded for every date (the largest cost of a task's payload).
        Span<byte> text = stackalloc byte[29];
        int at = 0;
        text[at++] = (byte)'"';
        Digits(text, ref at, utc.Year, 4, (byte)'-');
        Digits(text, ref at, utc.Month, 2, (byte)'-');
        Digits(text, ref at, utc.Day, 2, (byte)'T');
        Digits(text, ref at, utc.Hour, 2, (byte)':');
        Digits(text, ref at, utc.Minute, 2, (byte)':');
        if (microseconds == 0)
        {
            Digits(text, ref at, utc.Second, 2, (byte)'Z');
        }
        else
        {
            Digits(text, ref at, utc.Second, 2, (byte)'.');
            Digits(text, ref at, microseconds, 6, (byte)'Z');
        }
        text[at++] = (byte)'"';
        writer.WriteRawValue(text[..at], skipInputValidation: true);
    }

    private static void Digits(Span<byte> text, ref int at, long value, int width, byte then)
    {
        for (int position = at + width - 1; position >= at; position--)
        {
            text[position] = (byte)('0' + (value % 10));
            value /= 10;
        }
        at += width;
        text[at++] = then;
    }
}
