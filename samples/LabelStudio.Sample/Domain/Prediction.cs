using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace LabelStudio.Sample.Domain;

/// <summary>A model's proposed result for a task.</summary>
public sealed class Prediction
{
    public long Id { get; set; }

    public JsonArray Result { get; set; } = [];

    public double? Score { get; set; }

    public string ModelVersion { get; set; } = "";

    public DateTime CreatedAt { get; set; }

    [JsonPropertyName("task")]
    public long TaskId { get; set; }

    [JsonPropertyName("project")]
    public long ProjectId { get; set; }
}
