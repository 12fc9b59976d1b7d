using System.Text.Json.Serialization;
using Hooks.Sdk.Serialization;
using LabelStudio.Sample.Domain;
using LabelStudio.Sample.Projects;

namespace LabelStudio.Sample.Webhooks;

/// <summary>Source-generated JSON for the sample's models, with Label Studio's snake_case names.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, Converters = [typeof(LabelStudioDateTimeConverter)])]
[JsonSerializable(typeof(Project))]
[JsonSerializable(typeof(TaskItem))]
[JsonSerializable(typeof(Annotation))]
[JsonSerializable(typeof(Prediction))]
[JsonSerializable(typeof(MlBackend))]
[JsonSerializable(typeof(ProjectInput))]
[JsonSerializable(typeof(ProjectPage))]
[JsonSerializable(typeof(UserSummary))]
public sealed partial class SampleJsonContext : JsonSerializerContext
{
    /// <summary>
    /// The same contracts with webhook receivers' escaping: UTF-8 text and markup as is (<c>&lt;View&gt;</c>, not
    /// <c>\u003CView\u003E</c>), as in the payloads the SDK writes around them.
    /// </summary>
    /// <remarks>Created on first use: static initializers of the generated half of this class run in no defined order.</remarks>
    public static SampleJsonContext Payloads => s_payloads ??= new(new System.Text.Json.JsonSerializerOptions(Default.Options)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });

    private static SampleJsonContext? s_payloads;
}
