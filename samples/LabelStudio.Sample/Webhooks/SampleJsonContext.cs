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
[JsonSerializable(typeof(ProjectInput))]
[JsonSerializable(typeof(ProjectPage))]
public sealed partial class SampleJsonContext : JsonSerializerContext;
