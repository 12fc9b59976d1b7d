using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace LabelStudio.Sample.Domain;

/// <summary>An annotation of a task; <see cref="WasCancelled"/> marks a skip.</summary>
public sealed class Annotation
{
    public long Id { get; set; }

    public JsonArray? Result { get; set; } = [];

    public bool WasCancelled { get; set; }

    public bool GroundTruth { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    public double? LeadTime { get; set; }

    public JsonObject Prediction { get; set; } = [];

    public int ResultCount { get; set; }

    /// <summary>The task id, written as <c>"task"</c> as Label Studio does.</summary>
    [JsonPropertyName("task")]
    public long TaskId { get; set; }

    public long? CompletedBy { get; set; }

    /// <summary>The annotated task; sent as the payload's nested <c>"task"</c>, not inside the annotation.</summary>
    [JsonIgnore]
    public TaskItem? Task { get; set; }

    /// <summary>The project id, written as <c>"project"</c> (Label Studio keeps it on the annotation too).</summary>
    [JsonPropertyName("project")]
    public long ProjectId { get; set; }
}
