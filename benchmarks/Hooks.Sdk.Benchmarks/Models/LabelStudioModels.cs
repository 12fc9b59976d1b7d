using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Hooks.Sdk.Serialization;

namespace Hooks.Sdk.Benchmarks.Models;

// Label Studio's models with the columns its webhook serializers send, in its column order: the payloads measured
// are the size and shape a receiver really gets.

public sealed class LsProject
{
    public long Id { get; set; }
    public string Title { get; set; } = "";
    public string Description { get; set; } = "";
    public string LabelConfig { get; set; } = "";
    public string ExpertInstruction { get; set; } = "";
    public bool ShowInstruction { get; set; }
    public bool ShowSkipButton { get; set; }
    public bool EnableEmptyAnnotation { get; set; }
    public bool ShowAnnotationHistory { get; set; }
    public string Token { get; set; } = "";
    public int ResultCount { get; set; }
    public string Color { get; set; } = "";
    public int MaximumAnnotations { get; set; }
    public JsonObject ControlWeights { get; set; } = [];
    public string ModelVersion { get; set; } = "";
    public bool IsDraft { get; set; }
    public bool IsPublished { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public string Sampling { get; set; } = "";
    public long Organization { get; set; }
    public long CreatedBy { get; set; }
}

public sealed class LsTask
{
    public long Id { get; set; }
    public JsonObject Data { get; set; } = [];
    public JsonObject Meta { get; set; } = [];
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public bool IsLabeled { get; set; }
    public int Overlap { get; set; }
    [JsonPropertyName("project")]
    public long ProjectId { get; set; }
    public long? FileUpload { get; set; }
}

public sealed class LsAnnotation
{
    public long Id { get; set; }
    public JsonArray Result { get; set; } = [];
    public bool WasCancelled { get; set; }
    public bool GroundTruth { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public double? LeadTime { get; set; }
    public int ResultCount { get; set; }
    [JsonPropertyName("task")]
    public long TaskId { get; set; }
    public long? CompletedBy { get; set; }
    [JsonIgnore]
    public LsTask? Task { get; set; }
}

/// <summary>The envelope of <c>TASKS_CREATED</c> as a record: the source-generated baseline.</summary>
public sealed record TasksCreatedEnvelope(string Action, IReadOnlyList<LsTask> Tasks, LsProject Project);

/// <summary>The envelope of <c>ANNOTATION_CREATED</c> as a record: the source-generated baseline.</summary>
public sealed record AnnotationCreatedEnvelope(string Action, LsAnnotation Annotation, LsProject Project, LsTask? Task);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, Converters = [typeof(LabelStudioDateTimeConverter)])]
[JsonSerializable(typeof(LsProject))]
[JsonSerializable(typeof(LsTask))]
[JsonSerializable(typeof(LsAnnotation))]
[JsonSerializable(typeof(TasksCreatedEnvelope))]
[JsonSerializable(typeof(AnnotationCreatedEnvelope))]
public sealed partial class LsJsonContext : JsonSerializerContext;

/// <summary>The two Label Studio actions the serialization benchmarks measure.</summary>
[WebhookActions(JsonContext = typeof(LsJsonContext))]
public static partial class LsActions
{
    [WebhookAction("Task created", Key = "tasks", Model = typeof(LsTask), Many = true, Project = "ProjectId")]
    public const string TasksCreated = "TASKS_CREATED";

    [WebhookAction("Annotation created", Key = "annotation", Model = typeof(LsAnnotation), Project = "Task.ProjectId")]
    [WebhookNestedField("task", "Task")]
    public const string AnnotationCreated = "ANNOTATION_CREATED";
}
