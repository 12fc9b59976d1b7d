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

    /// <summary>Label Studio's task object keys in its payloads, in its order.</summary>
    private static readonly string[] TaskKeys =
    [
        "id", "data", "meta", "created_at", "updated_at", "is_labeled", "overlap", "inner_id", "total_annotations",
        "cancelled_annotations", "total_predictions", "comment_count", "unresolved_comment_count", "last_comment_updated_at",
        "project", "updated_by", "file_upload", "comment_authors",
    ];

    /// <summary>Label Studio's annotation object keys in its payloads, in its order.</summary>
    private static readonly string[] AnnotationKeys =
    [
        "id", "result", "was_cancelled", "ground_truth", "created_at", "updated_at", "draft_created_at", "lead_time", "prediction",
        "result_count", "unique_id", "import_id", "last_action", "bulk_created", "task", "project", "completed_by", "updated_by",
        "parent_prediction", "parent_annotation", "last_created_by",
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
        // The payload names its creator by id; only the REST answer embeds the user.
        Assert.Equal(System.Text.Json.JsonValueKind.Number, project["created_by"]!.GetValueKind());
        JsonAssert.Equal("""
            {"label": {"type": "RectangleLabels", "to_name": ["image"], "inputs": [{"type": "Image", "valueType": null, "value": "image"}],
             "labels": ["Cat", "Dog"], "labels_attrs": {"Cat": {"value": "Cat", "background": "red"}, "Dog": {"value": "Dog", "background": "blue"}}}}
            """, project["parsed_label_config"]);
        JsonAssert.Equal("""{"label": {"overall": 1.0, "type": "RectangleLabels", "labels": {"Cat": 1.0, "Dog": 1.0}}}""", project["control_weights"]);
        JsonAssert.Equal("""{"image": "Image"}""", project["data_types"]);
        JsonAssert.Equal("""
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
        JsonAssert.Equal("{}", after["parsed_label_config"]);
        JsonAssert.Equal("{}", after["data_types"]);
        JsonAssert.Equal("{}", after["control_weights"]);
    }

    [Fact]
    public async Task Tasks_and_annotations_have_label_studios_fields_in_its_order_with_their_counters_and_authors()
    {
        long project = await CreateProjectAsync("Scenario project");
        (await _client.PostAsJsonAsync($"/api/projects/{project}/import", new object[] { new { image = "1.jpg" }, new { image = "2.jpg" }, new { image = "3.jpg" } }))
            .EnsureSuccessStatusCode();
        JsonArray imported = Single("TASKS_CREATED")["tasks"]!.AsArray();
        long[] tasks = [.. imported.Select(task => (long)task!["id"]!)];
        long user = (long)(await _client.GetFromJsonAsync<JsonObject>("/api/projects/" + project + "/"))!["created_by"]!["id"]!;

        // Step import_3_tasks: numbered 1, 2, 3 in the project, nothing counted yet, nobody's update.
        Assert.All(imported, task => Assert.Equal(TaskKeys, task!.AsObject().Select(member => member.Key)));
        Assert.Equal([1L, 2L, 3L], imported.Select(task => (long)task!["inner_id"]!));
        JsonAssert.Equal("""
            {"total_annotations": 0, "cancelled_annotations": 0, "total_predictions": 0, "comment_count": 0, "unresolved_comment_count": 0,
             "last_comment_updated_at": null, "updated_by": null, "comment_authors": []}
            """, Only(imported[0]!.AsObject(), "total_annotations", "cancelled_annotations", "total_predictions", "comment_count",
                "unresolved_comment_count", "last_comment_updated_at", "updated_by", "comment_authors"));

        // Step create_annotation_t1: the annotation's fields, and the task it updated.
        (await _client.PostAsJsonAsync($"/api/tasks/{tasks[0]}/annotations/", new { result = new[] { new { v = 1 } }, lead_time = 12.5 })).EnsureSuccessStatusCode();
        JsonObject created = Single("ANNOTATION_CREATED");
        JsonObject annotation = created["annotation"]!.AsObject();
        Assert.Equal(AnnotationKeys, annotation.Select(member => member.Key));
        Assert.True(Guid.TryParse((string?)annotation["unique_id"], out _), annotation.ToJsonString());
        JsonAssert.Equal($$"""
            {"draft_created_at": null, "import_id": null, "last_action": null, "bulk_created": false, "completed_by": {{user}}, "updated_by": {{user}},
             "parent_prediction": null, "parent_annotation": null, "last_created_by": null}
            """, Only(annotation, "draft_created_at", "import_id", "last_action", "bulk_created", "completed_by", "updated_by",
                "parent_prediction", "parent_annotation", "last_created_by"));
        JsonObject annotated = created["task"]!.AsObject();
        Assert.Equal(TaskKeys, annotated.Select(member => member.Key));
        JsonAssert.Equal($$"""{"is_labeled": true, "total_annotations": 1, "updated_by": {{user}}}""", Only(annotated, "is_labeled", "total_annotations", "updated_by"));

        // Step dm_predictions_to_annotations_t5: made from the prediction, by nobody's hand.
        long prediction = (long)(await (await _client.PostAsJsonAsync("/api/predictions/", new { task = tasks[1], result = new[] { new { p = 1 } } })).Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
        (await _client.PostAsJsonAsync($"/api/dm/actions?id=predictions_to_annotations&project={project}", new { selectedItems = new { all = false, included = new[] { tasks[1] } } }))
            .EnsureSuccessStatusCode();
        JsonObject converted = Single("ANNOTATIONS_CREATED");
        JsonObject fromPrediction = converted["annotation"]![0]!.AsObject();
        Assert.Equal(AnnotationKeys, fromPrediction.Select(member => member.Key));
        JsonAssert.Equal($$"""{"parent_prediction": {{prediction}}, "updated_by": null}""", Only(fromPrediction, "parent_prediction", "updated_by"));
        JsonAssert.Equal("""{"total_annotations": 1, "total_predictions": 1}""", Only(converted["task"]![0]!.AsObject(), "total_annotations", "total_predictions"));
        Assert.NotEqual((string?)annotation["unique_id"], (string?)fromPrediction["unique_id"]);
    }

    [Fact]
    public async Task Each_project_numbers_its_tasks_from_one_and_concurrent_creates_never_share_a_number()
    {
        long first = await CreateProjectAsync("First");
        long second = await CreateProjectAsync("Second");

        long[] inFirst = await Task.WhenAll(Enumerable.Range(0, 12).Select(index => CreateTaskAsync(first, index)));
        long[] inSecond = [await CreateTaskAsync(second, 0), await CreateTaskAsync(second, 1)];

        Assert.Equal(Enumerable.Range(1, 12).Select(number => (long)number), (await InnerIdsAsync(inFirst)).Order());
        long[] secondNumbers = await InnerIdsAsync(inSecond);
        Assert.Equal([1L, 2L], secondNumbers);
    }

    private async Task<long> CreateProjectAsync(string title) =>
        (long)(await (await _client.PostAsJsonAsync("/api/projects/", new { title, label_config = Config })).Content.ReadFromJsonAsync<JsonObject>())!["id"]!;

    private async Task<long> CreateTaskAsync(long project, int index)
    {
        HttpResponseMessage response = await _client.PostAsJsonAsync("/api/tasks/", new { project, data = new { text = $"task {index}" } });
        response.EnsureSuccessStatusCode();
        return (long)(await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
    }

    private async Task<long[]> InnerIdsAsync(IEnumerable<long> tasks) =>
        await Task.WhenAll(tasks.Select(async task => (long)(await _client.GetFromJsonAsync<JsonObject>($"/api/tasks/{task}/"))!["inner_id"]!));

    private JsonObject Single(string action) =>
        Assert.Single(_receiver.To("/organization"), request => (string?)request.Json["action"] == action).Json;

    private static JsonObject Only(JsonObject item, params string[] keys) =>
        new(item.Where(member => keys.Contains(member.Key)).Select(member => KeyValuePair.Create(member.Key, member.Value?.DeepClone())));
}
