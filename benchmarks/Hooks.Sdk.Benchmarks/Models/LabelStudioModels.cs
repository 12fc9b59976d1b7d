using System.Text.Json.Serialization;
using Hooks.Sdk.LabelStudioModels;
using Hooks.Sdk.Serialization;

namespace Hooks.Sdk.Benchmarks.Models;

// The models and actions are the tests' (Hooks.Sdk.LabelStudioModels), so that the payloads measured are the ones
// the tests check. Only the baselines' envelopes are the benchmarks' own.

/// <summary>The envelope of <c>TASKS_CREATED</c> as a record: the source-generated baseline.</summary>
public sealed record TasksCreatedEnvelope(string Action, IReadOnlyList<LsTask> Tasks, LsProject Project);

/// <summary>The envelope of <c>ANNOTATION_CREATED</c> as a record: the source-generated baseline.</summary>
public sealed record AnnotationCreatedEnvelope(string Action, LsAnnotation Annotation, LsProject Project, LsTask? Task);

/// <summary>System.Text.Json's source generator over the envelopes, with the models' options.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, Converters = [typeof(LabelStudioDateTimeConverter)])]
[JsonSerializable(typeof(LsProject))]
[JsonSerializable(typeof(TasksCreatedEnvelope))]
[JsonSerializable(typeof(AnnotationCreatedEnvelope))]
public sealed partial class EnvelopeJsonContext : JsonSerializerContext;
