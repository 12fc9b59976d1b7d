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

    /// <summary>The project id, written as <c>"project"</c> as Label Studio does.</summary>
    [JsonPropertyName("project")]
    public long ProjectId { get; set; }

    public long? FileUpload { get; set; }
}
