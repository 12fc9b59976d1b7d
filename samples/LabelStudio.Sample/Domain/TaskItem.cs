using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace LabelStudio.Sample.Domain;

/// <summary>A task to label (named so to keep clear of <see cref="System.Threading.Tasks.Task"/>).</summary>
public sealed class TaskItem
{
    public long Id { get; set; }

    public JsonObject Data { get; set; } = [];

    public JsonObject Meta { get; set; } = [];

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    public bool IsLabeled { get; set; }

    public int Overlap { get; set; } = 1;

    /// <summary>The task's number within its project, from 1 in creation order (Label Studio's); given on save by <c>TaskNumbers</c>.</summary>
    public long InnerId { get; set; }

    public int TotalAnnotations => Counters.TotalAnnotations;

    public int CancelledAnnotations => Counters.CancelledAnnotations;

    public int TotalPredictions => Counters.TotalPredictions;

    /// <summary>0: the sample has no comments.</summary>
    public int CommentCount => 0;

    /// <summary>0: the sample has no comments.</summary>
    public int UnresolvedCommentCount => 0;

    /// <summary>Always <see langword="null"/>: the sample has no comments.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public DateTime? LastCommentUpdatedAt => null;

    /// <summary>The project id, written as <c>"project"</c> as Label Studio does.</summary>
    [JsonPropertyName("project")]
    public long ProjectId { get; set; }

    /// <summary>The user who last annotated or changed the task; <see langword="null"/> until then, as in Label Studio.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public long? UpdatedBy { get; set; }

    public long? FileUpload { get; set; }

    /// <summary>Always empty: the sample has no comments.</summary>
    public IReadOnlyList<long> CommentAuthors => [];

    /// <summary>Counted on read by <c>TaskStatistics</c>, never stored.</summary>
    [JsonIgnore]
    public TaskCounters Counters { get; set; } = TaskCounters.None;
}
