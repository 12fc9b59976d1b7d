namespace LabelStudio.Sample.Domain;

/// <summary>A labelling project: Label Studio's public project fields.</summary>
public sealed class Project
{
    public long Id { get; set; }

    public string Title { get; set; } = "";

    public string Description { get; set; } = "";

    public string LabelConfig { get; set; } = "<View></View>";

    public string ExpertInstruction { get; set; } = "";

    public bool ShowInstruction { get; set; }

    public bool ShowSkipButton { get; set; } = true;

    public bool EnableEmptyAnnotation { get; set; } = true;

    public string Color { get; set; } = "#FFFFFF";

    public int MaximumAnnotations { get; set; } = 1;

    public string ModelVersion { get; set; } = "";

    public bool IsDraft { get; set; }

    public bool IsPublished { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    /// <summary>The owning organization's id (Label Studio's <c>organization</c> field).</summary>
    public long Organization { get; set; }

    public long? CreatedBy { get; set; }

    public int TaskNumber => Counters.TaskNumber;

    public int FinishedTaskNumber => Counters.FinishedTaskNumber;

    public int TotalPredictionsNumber => Counters.TotalPredictionsNumber;

    public int TotalAnnotationsNumber => Counters.TotalAnnotationsNumber;

    public int NumTasksWithAnnotations => Counters.NumTasksWithAnnotations;

    public int UsefulAnnotationNumber => Counters.UsefulAnnotationNumber;

    public int GroundTruthNumber => Counters.GroundTruthNumber;

    public int SkippedAnnotationsNumber => Counters.SkippedAnnotationsNumber;

    /// <summary>Computed on read by <c>ProjectStatistics</c>, never stored.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public ProjectCounters Counters { get; set; } = ProjectCounters.None;
}
