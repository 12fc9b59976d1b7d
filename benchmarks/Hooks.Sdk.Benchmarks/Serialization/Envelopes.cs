using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Hooks.Sdk.Benchmarks.Models;
using Hooks.Sdk.LabelStudioModels;
using Hooks.Sdk.Serialization;
using Hooks.Sdk.Store;

namespace Hooks.Sdk.Benchmarks.Serialization;

/// <summary>The two baselines of the issue, written the way an app without the SDK would write them.</summary>
internal static class Envelopes
{
    // The SDK writes non-ASCII text and '<', '>', '&' unescaped, as Label Studio does; the baselines do the same so
    // that all three produce the same bytes.
    private static readonly JavaScriptEncoder Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;

    /// <summary>System.Text.Json over reflection, for a <c>Dictionary&lt;string, object&gt;</c> envelope.</summary>
    public static readonly JsonSerializerOptions Reflection = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new LabelStudioDateTimeConverter() },
        Encoder = Encoder,
        TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
    };

    /// <summary>System.Text.Json's source generator, for a record envelope.</summary>
    public static readonly EnvelopeJsonContext SourceGenerated = new(new JsonSerializerOptions(EnvelopeJsonContext.Default.Options) { Encoder = Encoder });

    /// <summary>
    /// Only the payload's free-form JSON (task <c>data</c> and <c>meta</c>, annotation <c>result</c>), written as every
    /// serializer writes it: what no serializer can make faster, so the floor under all three.
    /// </summary>
    public static byte[] NodesOnly(IEnumerable<JsonNode> nodes)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = Encoder, SkipValidation = true }))
        {
            writer.WriteStartArray();
            foreach (JsonNode node in nodes)
            {
                node.WriteTo(writer);
            }
            writer.WriteEndArray();
        }
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>The project object the way the SDK gets it from <see cref="IWebhookProjects"/>.</summary>
    public static byte[] ProjectBytes(LsProject project) => JsonSerializer.SerializeToUtf8Bytes(project, SourceGenerated.LsProject);

    /// <summary>Throws unless every way of writing the message gave the same bytes: the benchmarks compare equal work.</summary>
    public static void AssertSame(string what, byte[] expected, params byte[][] others)
    {
        foreach (byte[] other in others)
        {
            if (!expected.AsSpan().SequenceEqual(other))
            {
                throw new InvalidOperationException($"{what}: the serializers disagree.\n{System.Text.Encoding.UTF8.GetString(expected)}\n{System.Text.Encoding.UTF8.GetString(other)}");
            }
        }
    }
}
