using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace LabelStudio.Sample.Domain;

/// <summary>
/// An annotation of a task; <see cref="WasCancelled"/> marks a skip. Its fields are in the order of Label Studio's
/// payloads; those of features the sample does not have (drafts, annotation imports, review actions, annotation
/// history) are <see langword="null"/> or <see langword="false"/>.
/// </summary>
public sealed class Annotation
{
    public long Id { get; set; }

    public JsonArray? Result { get; set; } = [];

    public bool WasCancelled { get; set; }

    public bool GroundTruth { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    /// <summary>Always <see langword="null"/>: the sample keeps no drafts.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public DateTime? DraftCreatedAt => null;

    public double? LeadTime { get; set; }

    public JsonObject Prediction { get; set; } = [];

    public int ResultCount { get; set; }

    /// <summary>A UUID of its own, given at creation: the annotation's identity beyond this server's ids.</summary>
    public Guid UniqueId { get; set; } = Guid.NewGuid();

    /// <summary>Always <see langword="null"/>: annotations are not imported.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public long? ImportId => null;

    /// <summary>Always <see langword="null"/>: the sample records no review actions.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? LastAction => null;

    /// <summary>Always <see langword="false"/>, as Label Studio sends it for the annotations of <c>predictions_to_annotations</c> too.</summary>
    public bool BulkCreated => false;

    /// <summary>The task id, written as <c>"task"</c> as Label Studio does.</summary>
    [JsonPropertyName("task")]
    public long TaskId { get; set; }

    /// <summary>The project id, written as <c>"project"</c> (Label Studio keeps it on the annotation too).</summary>
    [JsonPropertyName("project")]
    public long ProjectId { get; set; }

    public long? CompletedBy { get; set; }

    /// <summary>The user who last saved it; <see langword="null"/> for one made from a prediction, as in Label Studio.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public long? UpdatedBy { get; set; }

    /// <summary>The prediction it was made from by <c>predictions_to_annotations</c>, else <see langword="null"/>.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public long? ParentPrediction { get; set; }

    /// <summary>Always <see langword="null"/>: the sample keeps no annotation history.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public long? ParentAnnotation => null;

    /// <summary>Always <see langword="null"/>: the sample keeps no annotation history.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public long? LastCreatedBy => null;

    /// <summary>The annotated task; sent as the payload's nested <c>"task"</c>, not inside the annotation.</summary>
    [JsonIgnore]
    public TaskItem? Task { get; set; }
}
