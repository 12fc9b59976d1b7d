using System.Text.Json.Serialization;

namespace LabelStudio.Sample.Domain;

/// <summary>A machine-learning backend connected to a project; <c>train</c> POSTs <c>START_TRAINING</c> to its <c>/webhook</c>.</summary>
public sealed class MlBackend
{
    public long Id { get; set; }

    public string Url { get; set; } = "";

    public string Title { get; set; } = "";

    public DateTime CreatedAt { get; set; }

    [JsonPropertyName("project")]
    public long ProjectId { get; set; }
}
