using System.Text;
using System.Text.Json;
using Hooks.Sdk.Serialization;

namespace Hooks.Sdk.Tests.Serialization;

public sealed class LabelStudioDateTimeConverterTests
{
    private static readonly JsonSerializerOptions Options = new() { Converters = { new LabelStudioDateTimeConverter() } };

    [Theory]
    [InlineData("2021-08-17T13:52:48.5363700Z", "\"2021-08-17T13:52:48.536370Z\"")]
    [InlineData("2021-08-17T13:52:48.0000000Z", "\"2021-08-17T13:52:48Z\"")]
    [InlineData("2021-08-17T13:52:48.0000009Z", "\"2021-08-17T13:52:48Z\"")]
    [InlineData("2021-08-17T13:52:48.0000010Z", "\"2021-08-17T13:52:48.000001Z\"")]
    public void Writes_whole_seconds_or_six_digits_of_microseconds_in_utc(string value, string expected)
    {
        DateTime utc = DateTime.Parse(value, null, System.Globalization.DateTimeStyles.AdjustToUniversal | System.Globalization.DateTimeStyles.AssumeUniversal);

        Assert.Equal(expected, JsonSerializer.Serialize(utc, Options));
        Assert.Equal(expected, JsonSerializer.Serialize(DateTime.SpecifyKind(utc, DateTimeKind.Unspecified), Options));
        Assert.Equal(expected, JsonSerializer.Serialize(utc.ToLocalTime(), Options));
    }

    [Fact]
    public void Reads_offsets_into_utc()
    {
        DateTime value = JsonSerializer.Deserialize<DateTime>(Encoding.UTF8.GetBytes("\"2021-08-17T15:52:48.53637+02:00\""), Options);

        Assert.Equal(DateTimeKind.Utc, value.Kind);
        Assert.Equal(new DateTime(2021, 8, 17, 13, 52, 48, DateTimeKind.Utc).AddTicks(5363700), value);
    }
}
