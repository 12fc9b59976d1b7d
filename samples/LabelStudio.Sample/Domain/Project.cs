using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace LabelStudio.Sample.Domain;

/// <summary>
/// A labelling project: Label Studio's public project fields, in the order of its webhook payloads (the eight counters
/// right after <c>id</c>). The settings the sample has no feature for are Label Studio's defaults for a new project
/// (<c>sampling</c>, <c>skip_queue</c>, ...) or <see langword="null"/> (<c>pinned_at</c>, <c>custom_task_lock_ttl</c>,
/// <c>search_vector</c>); the secrets Label Studio sends (<c>token</c>, <c>task_data_login</c>,
/// <c>task_data_password</c>) are left out.
/// </summary>
public sealed class Project
{
    // The config parsed once per text: a project is serialized into many payloads.
    private LabelConfig? _parsedConfig;
    private string? _parsedText;

    public long Id { get; set; }

    public int TaskNumber => Counters.TaskNumber;

    public int FinishedTaskNumber => Counters.FinishedTaskNumber;

    public int TotalPredictionsNumber => Counters.TotalPredictionsNumber;

    public int TotalAnnotationsNumber => Counters.TotalAnnotationsNumber;

    public int NumTasksWithAnnotations => Counters.NumTasksWithAnnotations;

    public int UsefulAnnotationNumber => Counters.UsefulAnnotationNumber;

    public int GroundTruthNumber => Counters.GroundTruthNumber;

    public int SkippedAnnotationsNumber => Counters.SkippedAnnotationsNumber;

    public string Title { get; set; } = "";

    public string Description { get; set; } = "";

    public string LabelConfig { get; set; } = "<View></View>";

    /// <summary>The control tags of <see cref="LabelConfig"/>, as Label Studio's <c>parse_config</c> gives them.</summary>
    public JsonObject ParsedLabelConfig => ParsedConfig.Parsed;

    /// <summary>A stable 64-bit hash of <see cref="LabelConfig"/> (Label Studio's is per-process: only equality means anything).</summary>
    public long LabelConfigHash => ParsedConfig.Hash;

    public string ExpertInstruction { get; set; } = "";

    public bool ShowInstruction { get; set; }

    public bool ShowSkipButton { get; set; } = true;

    public bool EnableEmptyAnnotation { get; set; } = true;

    public bool RevealPreannotationsInteractively => false;

    public bool ShowAnnotationHistory => false;

    public bool ShowCollabPredictions => true;

    public bool EvaluatePredictionsAutomatically => false;

    /// <summary>0: the sample keeps no results counter, and Label Studio's payloads showed 0 with results present.</summary>
    public int ResultCount => 0;

    public string Color { get; set; } = "#FFFFFF";

    public int MaximumAnnotations { get; set; } = 1;

    public int MinAnnotationsToStartTraining => 0;

    /// <summary>Every label of every control weighted 1.0, Label Studio's default (the sample computes no agreement).</summary>
    public JsonObject ControlWeights => ParsedConfig.ControlWeights();

    public string ModelVersion { get; set; } = "";

    /// <summary>The task data fields the config reads, with their object tag (<c>{"image": "Image"}</c>).</summary>
    public JsonObject DataTypes => ParsedConfig.DataTypes;

    public bool IsDraft { get; set; }

    public bool IsPublished { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    /// <summary>Tasks are served in order, Label Studio's default; the sample has no other.</summary>
    public string Sampling => "Sequential sampling";

    public string SkipQueue => "REQUEUE_FOR_OTHERS";

    public bool ShowGroundTruthFirst => false;

    public bool ShowOverlapFirst => false;

    public int OverlapCohortPercentage => 100;

    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public DateTime? PinnedAt => null;

    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public int? CustomTaskLockTtl => null;

    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? SearchVector => null;

    /// <summary>The owning organization's id (Label Studio's <c>organization</c> field).</summary>
    public long Organization { get; set; }

    public long? CreatedBy { get; set; }

    /// <summary>The user <see cref="CreatedBy"/> names, for the REST answers (<c>RestShapes</c>); read by the API, never stored.</summary>
    [JsonIgnore]
    public UserSummary? Creator { get; set; }

    /// <summary>The last <see cref="TaskItem.InnerId"/> given in the project; stored, never sent.</summary>
    [JsonIgnore]
    public long LastInnerId { get; set; }

    /// <summary>Computed on read by <c>ProjectStatistics</c>, never stored.</summary>
    [JsonIgnore]
    public ProjectCounters Counters { get; set; } = ProjectCounters.None;

    private LabelConfig ParsedConfig =>
        _parsedConfig is { } parsed && ReferenceEquals(_parsedText, LabelConfig) ? parsed : Reparse();

    private LabelConfig Reparse()
    {
        _parsedText = LabelConfig;
        return _parsedConfig = Domain.LabelConfig.Parse(LabelConfig);
    }
}
