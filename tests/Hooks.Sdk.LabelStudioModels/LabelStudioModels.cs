using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Hooks.Sdk.Catalogue;
using Hooks.Sdk.Serialization;

namespace Hooks.Sdk.LabelStudioModels;

// Label Studio's models with every column its webhook serializers send, in its column order, so that payloads can be
// compared with the examples of its documentation, and so that the benchmarks measure the payloads a receiver gets.

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
    public bool ShowCollabPredictions { get; set; }
    public bool EvaluatePredictionsAutomatically { get; set; }
    public string Token { get; set; } = "";
    public int ResultCount { get; set; }
    public string Color { get; set; } = "";
    public int MaximumAnnotations { get; set; }
    public int MinAnnotationsToStartTraining { get; set; }
    public JsonObject ControlWeights { get; set; } = [];
    public string ModelVersion { get; set; } = "";
    public JsonObject DataTypes { get; set; } = [];
    public bool IsDraft { get; set; }
    public bool IsPublished { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    public string Sampling { get; set; } = "";
    public bool ShowGroundTruthFirst { get; set; }
    public bool ShowOverlapFirst { get; set; }
    public int OverlapCohortPercentage { get; set; }
    public string? TaskDataLogin { get; set; }
    public string? TaskDataPassword { get; set; }
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
    public JsonObject Prediction { get; set; } = [];
    public int ResultCount { get; set; }
    [JsonPropertyName("task")]
    public long TaskId { get; set; }
    public long? CompletedBy { get; set; }
    [JsonIgnore]
    public LsTask? Task { get; set; }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, Converters = [typeof(LabelStudioDateTimeConverter)])]
[JsonSerializable(typeof(LsProject))]
[JsonSerializable(typeof(LsTask))]
[JsonSerializable(typeof(LsAnnotation))]
public sealed partial class LsJsonContext : JsonSerializerContext;

/// <summary>Label Studio's actions over the models above.</summary>
[WebhookActions(JsonContext = typeof(LsJsonContext))]
public static partial class LsActions
{
    [WebhookAction("Project created", Key = "project", Model = typeof(LsProject), OrganizationOnly = true)]
    public const string ProjectCreated = "PROJECT_CREATED";

    [WebhookAction("Project updated", Key = "project", Model = typeof(LsProject), Project = WebhookProject.Self)]
    public const string ProjectUpdated = "PROJECT_UPDATED";

    [WebhookAction("Project deleted", Key = "project", Model = typeof(LsProject), OrganizationOnly = true, OnlyIds = true)]
    public const string ProjectDeleted = "PROJECT_DELETED";

    [WebhookAction("Task created", Key = "tasks", Model = typeof(LsTask), Many = true, Project = "ProjectId")]
    public const string TasksCreated = "TASKS_CREATED";

    [WebhookAction("Task deleted", Key = "tasks", Model = typeof(LsTask), Many = true, Project = "ProjectId", OnlyIds = true)]
    public const string TasksDeleted = "TASKS_DELETED";

    [WebhookAction("Annotation created", Key = "annotation", Model = typeof(LsAnnotation), Project = "Task.ProjectId")]
    [WebhookNestedField("task", "Task")]
    public const string AnnotationCreated = "ANNOTATION_CREATED";

    [WebhookAction("Annotations created", Key = "annotation", Model = typeof(LsAnnotation), Many = true, Project = "Task.ProjectId")]
    [WebhookNestedField("task", "Task")]
    public const string AnnotationsCreated = "ANNOTATIONS_CREATED";

    [WebhookAction("Annotation updated", Key = "annotation", Model = typeof(LsAnnotation), Project = "Task.ProjectId")]
    [WebhookNestedField("task", "Task")]
    public const string AnnotationUpdated = "ANNOTATION_UPDATED";

    [WebhookAction("Annotation deleted", Key = "annotations", Model = typeof(LsAnnotation), Many = true, Project = "Task.ProjectId", OnlyIds = true)]
    public const string AnnotationsDeleted = "ANNOTATIONS_DELETED";
}
