using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Hooks.Sdk.TestInfrastructure;

namespace LabelStudio.Sample.Tests;

/// <summary>
/// The objects inside the sample's webhook bodies against Label Studio's, as the side-by-side run recorded them
/// (<c>spec/label-studio-live/webhooks-received.jsonl</c>, the <c>PROJECT_CREATED</c> of its scenario project).
/// </summary>
public sealed class LabelStudioPayloadTests : IAsyncLifetime
{
    /// <summary>The scenario project's labeling config.</summary>
    private const string Config = """
        <View>
          <Image name="image" value="$image"/>
          <RectangleLabels name="label" toName="image">
            <Label value="Cat" background="red"/>
            <Label value="Dog" background="blue"/>
          </RectangleLabels>
        </View>
        """;

    /// <summary>Label Studio's project object keys, in its order, less the secrets it sends and the sample never does.</summary>
    private static readonly string[] ProjectKeys =
    [
        "id", "task_number", "finished_task_number", "total_predictions_number", "total_annotations_number",
        "num_tasks_with_annotations", "useful_annotation_number", "ground_truth_number", "skipped_annotations_number",
        "title", "description", "label_config", "parsed_label_config", "label_config_hash", "expert_instruction",
        "show_instruction", "show_skip_button", "enable_empty_annotation", "reveal_preannotations_interactively",
        "show_annotation_history", "show_collab_predictions", "evaluate_predictions_automatically", "result_count", "color",
        "maximum_annotations", "min_annotations_to_start_training", "control_weights", "model_version", "data_types",
        "is_draft", "is_published", "created_at", "updated_at", "sampling", "skip_queue", "show_ground_truth_first",
        "show_overlap_first", "overlap_cohort_percentage", "pinned_at", "custom_task_lock_ttl", "search_vector",
        "organization", "created_by",
    ];

    private readonly SampleFactory _sample = new();
    private Receiver _receiver = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _receiver = await Receiver.StartAsync();
        _client = _sample.Client();
        (await _client.PostAsJsonAsync("/api/webhooks/", new { url = _receiver.Url("/organization") })).EnsureSuccessStatusCode();
    }

    public async Task DisposeAsync()
    {
        await _sample.DisposeAsync();
        await _receiver.DisposeAsync();
    }

    [Fact]
    public async Task The_project_object_has_label_studios_fields_in_its_order_without_its_secrets()
    {
        (await _client.PostAsJsonAsync("/api/projects/", new { title = "Scenario project", label_config = Config })).EnsureSuccessStatusCode();

        JsonObject project = Assert.Single(_receiver.To("/organization")).Json["project"]!.AsObject();

        Assert.Equal(ProjectKeys, project.Select(member => member.Key));
        AssertJson("""
            {"label": {"type": "RectangleLabels", "to_name": ["image"], "inputs": [{"type": "Image", "valueType": null, "value": "image"}],
             "labels": ["Cat", "Dog"], "labels_attrs": {"Cat": {"value": "Cat", "background": "red"}, "Dog": {"value": "Dog", "background": "blue"}}}}
            """, project["parsed_label_config"]);
        AssertJson("""{"label": {"overall": 1.0, "type": "RectangleLabels", "labels": {"Cat": 1.0, "Dog": 1.0}}}""", project["control_weights"]);
        AssertJson("""{"image": "Image"}""", project["data_types"]);
        AssertJson("""
            {"reveal_preannotations_interactively": false, "show_annotation_history": false, "show_collab_predictions": true,
             "evaluate_predictions_automatically": false, "result_count": 0, "min_annotations_to_start_training": 0,
             "sampling": "Sequential sampling", "skip_queue": "REQUEUE_FOR_OTHERS", "show_ground_truth_first": false,
             "show_overlap_first": false, "overlap_cohort_percentage": 100, "pinned_at": null, "custom_task_lock_ttl": null, "search_vector": null}
            """, new JsonObject(project.Where(member => member.Key is "reveal_preannotations_interactively" or "show_annotation_history"
                or "show_collab_predictions" or "evaluate_predictions_automatically" or "result_count" or "min_annotations_to_start_training"
                or "sampling" or "skip_queue" or "show_ground_truth_first" or "show_overlap_first" or "overlap_cohort_percentage"
                or "pinned_at" or "custom_task_lock_ttl" or "search_vector").Select(member => KeyValuePair.Create(member.Key, member.Value?.DeepClone()))));
    }

    [Fact]
    public async Task The_config_hash_changes_with_the_config_and_a_broken_config_derives_empty_objects()
    {
        long id = (long)(await (await _client.PostAsJsonAsync("/api/projects/", new { title = "P", label_config = Config })).Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
        JsonObject before = (await _client.GetFromJsonAsync<JsonObject>($"/api/projects/{id}/"))!;

        (await _client.PatchAsJsonAsync($"/api/projects/{id}/", new { label_config = "<View><Text name=\"t\" value=\"$text\"/></View" })).EnsureSuccessStatusCode();
        JsonObject after = (await _client.GetFromJsonAsync<JsonObject>($"/api/projects/{id}/"))!;

        Assert.NotEqual((long)before["label_config_hash"]!, (long)after["label_config_hash"]!);
        AssertJson("{}", after["parsed_label_config"]);
        AssertJson("{}", after["data_types"]);
        AssertJson("{}", after["control_weights"]);
    }

    private static void AssertJson(string expected, JsonNode? actual) =>
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), actual), $"Expected {expected}, got {actual?.ToJsonString()}");
}
