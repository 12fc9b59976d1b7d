using System.Text.Json.Serialization;
using LabelStudio.Sample.Domain;

namespace LabelStudio.Sample.Webhooks;

/// <summary>Source-generated JSON for the sample's models, with Label Studio's snake_case names.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(Project))]
[JsonSerializable(typeof(TaskItem))]
[JsonSerializable(typeof(Annotation))]
public sealed partial class SampleJsonContext : JsonSerializerContext;
