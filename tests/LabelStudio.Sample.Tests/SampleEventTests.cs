using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Hooks.Sdk.TestInfrastructure;

namespace LabelStudio.Sample.Tests;

/// <summary>Every route-and-event pair of the sample contract, with a real receiver on 127.0.0.1.</summary>
public abstract class SampleEventTests(DatabaseProvider provider) : IAsyncLifetime
{
    private SampleFactory _sample = null!;
    private Receiver _receiver = null!;
    private HttpClient _client = null!;
    private long _project;

    public async Task InitializeAsync()
    {
        _sample = await SampleFactory.CreateAsync(provider);
        _receiver = await Receiver.StartAsync();
        _client = _sample.Client();
        _project = await IdOfAsync(await _client.PostAsJsonAsync("/api/projects/", new { title = "Events" }));
        await Expect(HttpStatusCode.Created, await _client.PostAsJsonAsync("/api/webhooks/", new { url = _receiver.Url("/organization") }));
        await Expect(HttpStatusCode.Created, await _client.PostAsJsonAsync("/api/webhooks/", new { project = _project, url = _receiver.Url("/project") }));
    }

    public async Task DisposeAsync()
    {
        await _sample.DisposeAsync();
        await _receiver.DisposeAsync();
    }

    private IReadOnlyList<ReceivedRequest> ToProject => _receiver.To("/project");

    [Fact]
    public async Task test_webhooks_for_tasks()
    {
        long task = await IdOfAsync(await _client.PostAsJsonAsync("/api/tasks/", new { project = _project, data = new { text = "one" } }));
        long second = await IdOfAsync(await _client.PostAsJsonAsync($"/api/projects/{_project}/tasks/", new { data = new { text = "two" } }));
        await Expect(HttpStatusCode.NoContent, await _client.DeleteAsync($"/api/tasks/{task}/"));

        Assert.Equal(["TASKS_CREATED", "TASKS_CREATED", "TASKS_DELETED"], Actions(ToProject));
        JsonObject created = ToProject[0].Json;
        Assert.Equal(["action", "tasks", "project"], created.Select(member => member.Key));
        Assert.Equal("one", (string?)created["tasks"]![0]!["data"]!["text"]);
        Assert.Equal(second, (long)ToProject[1].Json["tasks"]![0]!["id"]!);
        Assert.Equal($$"""[{"id":{{task}}}]""", ToProject[2].Json["tasks"]!.ToJsonString());
        Assert.Equal(1, (int)ToProject[2].Json["project"]!["task_number"]!);
    }

    [Fact]
    public async Task Deleting_all_tasks_of_a_project_reaches_only_organization_webhooks_without_a_project()
    {
        long task = await IdOfAsync(await _client.PostAsJsonAsync("/api/tasks/", new { project = _project, data = new { text = "x" } }));

        await Expect(HttpStatusCode.NoContent, await _client.DeleteAsync($"/api/projects/{_project}/tasks/"));

        Assert.Equal($$"""{"action":"TASKS_DELETED","tasks":[{"id":{{task}}}]}""", _receiver.To("/organization")[^1].Body);
        Assert.Equal(["TASKS_CREATED"], Actions(ToProject));
    }

    [Fact]
    public async Task test_webhooks_for_tasks_import_csv()
    {
        var form = new MultipartFormDataContent
        {
            { new StringContent("text,label\n\"Hello, world\",a\nsecond,b\nthird,c\n"), "file", "tasks.csv" },
        };

        HttpResponseMessage response = await _client.PostAsync($"/api/projects/{_project}/import", form);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(3, (int)(await response.Content.ReadFromJsonAsync<JsonObject>())!["task_count"]!);
        JsonObject body = Assert.Single(ToProject).Json;
        Assert.Equal("TASKS_CREATED", (string?)body["action"]);
        Assert.Equal(["Hello, world", "second", "third"], body["tasks"]!.AsArray().Select(task => (string?)task!["data"]!["text"]));
        Assert.Equal(3, (int)body["project"]!["task_number"]!);
    }

    [Fact]
    public async Task Import_of_a_json_array_and_of_a_json_file_each_send_one_message()
    {
        HttpResponseMessage array = await _client.PostAsync($"/api/projects/{_project}/import",
            new StringContent("""[{"data":{"text":"a"}},{"text":"b"}]""", Encoding.UTF8, "application/json"));
        var form = new MultipartFormDataContent { { new StringContent("""[{"text":"c"},{"text":"d"},{"text":"e"}]"""), "file", "tasks.json" } };
        HttpResponseMessage file = await _client.PostAsync($"/api/projects/{_project}/import", form);

        await Expect(HttpStatusCode.Created, array);
        await Expect(HttpStatusCode.Created, file);
        Assert.Equal([2, 3], ToProject.Select(request => request.Json["tasks"]!.AsArray().Count));
    }

    [Fact]
    public async Task test_webhooks_for_annotation()
    {
        long task = await CreateTaskAsync();

        long annotation = await IdOfAsync(await _client.PostAsJsonAsync($"/api/tasks/{task}/annotations/", new { result = new[] { new { value = 1 } } }));
        await Expect(HttpStatusCode.OK, await _client.PutAsJsonAsync($"/api/annotations/{annotation}/", new { result = new[] { new { value = 2 } } }));
        await Expect(HttpStatusCode.OK, await _client.PatchAsJsonAsync($"/api/annotations/{annotation}/", new { lead_time = 3.5 }));
        await Expect(HttpStatusCode.NoContent, await _client.DeleteAsync($"/api/annotations/{annotation}/"));

        IReadOnlyList<ReceivedRequest> labeling = ToProject.Where(request => ((string?)request.Json["action"])!.StartsWith("ANNOTATION")).ToList();
        Assert.Equal(["ANNOTATION_CREATED", "ANNOTATION_UPDATED", "ANNOTATION_UPDATED", "ANNOTATIONS_DELETED"], Actions(labeling));
        Assert.All(labeling.Take(3), request => Assert.Equal(["action", "annotation", "project", "task"], request.Json.Select(member => member.Key)));
        Assert.Equal(task, (long)labeling[0].Json["task"]!["id"]!);
        Assert.True((bool)labeling[0].Json["task"]!["is_labeled"]!);
        Assert.Equal(2, (int)labeling[1].Json["annotation"]!["result"]![0]!["value"]!);
        Assert.Equal(annotation, (long)labeling[3].Json["annotations"]![0]!["id"]!);
    }

    [Fact]
    public async Task Skips_are_announced_as_annotations_too()
    {
        long task = await CreateTaskAsync();

        await _client.PostAsJsonAsync($"/api/tasks/{task}/annotations/", new { was_cancelled = true, result = Array.Empty<object>() });

        JsonObject body = ToProject.Single(request => (string?)request.Json["action"] == "ANNOTATION_CREATED").Json;
        Assert.True((bool)body["annotation"]!["was_cancelled"]!);
        Assert.DoesNotContain("TASK_COMPLETED", Actions(ToProject));
    }

    [Fact]
    public async Task The_project_object_carries_the_eight_counters_after_the_change()
    {
        long first = await CreateTaskAsync();
        long second = await CreateTaskAsync();
        await _client.PostAsJsonAsync("/api/predictions/", new { task = first, result = new[] { new { v = 1 } }, score = 0.9 });
        await _client.PostAsJsonAsync($"/api/tasks/{first}/annotations/", new { result = new[] { new { v = 1 } } });
        await _client.PostAsJsonAsync($"/api/tasks/{second}/annotations/", new { was_cancelled = true });
        await _client.PostAsJsonAsync($"/api/tasks/{second}/annotations/", new { result = new[] { new { v = 2 } }, ground_truth = true });

        JsonObject project = ToProject.Last(request => (string?)request.Json["action"] == "ANNOTATION_CREATED").Json["project"]!.AsObject();

        Assert.Equal(
            """{"task_number":2,"finished_task_number":2,"total_predictions_number":1,"total_annotations_number":2,"num_tasks_with_annotations":1,"useful_annotation_number":1,"ground_truth_number":1,"skipped_annotations_number":1}""",
            new JsonObject(project.Where(member => member.Key.EndsWith("_number") || member.Key == "num_tasks_with_annotations")
                .Select(member => KeyValuePair.Create(member.Key, member.Value?.DeepClone()))).ToJsonString());
        JsonObject fetched = (await _client.GetFromJsonAsync<JsonObject>($"/api/projects/{_project}/"))!;
        Assert.Equal(2, (int)fetched["finished_task_number"]!);
    }

    [Fact]
    public async Task test_webhooks_for_action_delete_tasks_sends_exactly_one_message()
    {
        long[] tasks = [await CreateTaskAsync(), await CreateTaskAsync(), await CreateTaskAsync()];

        HttpResponseMessage response = await _client.PostAsJsonAsync($"/api/dm/actions?id=delete_tasks&project={_project}",
            new { selectedItems = new { all = true, excluded = new[] { tasks[2] } } });

        await Expect(HttpStatusCode.OK, response);
        JsonObject body = ToProject.Single(request => (string?)request.Json["action"] == "TASKS_DELETED").Json;
        Assert.Equal(tasks[..2], body["tasks"]!.AsArray().Select(task => (long)task!["id"]!));
        Assert.Equal(1, (int)body["project"]!["task_number"]!);
    }

    [Fact]
    public async Task test_webhooks_for_action_delete_tasks_annotations_sends_exactly_one_message()
    {
        long first = await CreateTaskAsync();
        long second = await CreateTaskAsync();
        await _client.PostAsJsonAsync($"/api/tasks/{first}/annotations/", new { result = new[] { new { v = 1 } } });
        await _client.PostAsJsonAsync($"/api/tasks/{second}/annotations/", new { result = new[] { new { v = 1 } } });

        await Expect(HttpStatusCode.OK, await _client.PostAsJsonAsync($"/api/dm/actions?id=delete_tasks_annotations&project={_project}",
            new { selectedItems = new { all = false, included = new[] { first, second } } }));

        JsonObject body = ToProject.Single(request => (string?)request.Json["action"] == "ANNOTATIONS_DELETED").Json;
        Assert.Equal(2, body["annotations"]!.AsArray().Count);
        Assert.Equal(0, (int)body["project"]!["finished_task_number"]!);
    }

    [Fact]
    public async Task Predictions_to_annotations_sends_one_ANNOTATIONS_CREATED_with_a_parallel_task_list()
    {
        long first = await CreateTaskAsync();
        long second = await CreateTaskAsync();
        await _client.PostAsJsonAsync("/api/predictions/", new { task = first, result = new[] { new { p = 1 } } });
        await _client.PostAsJsonAsync("/api/predictions/", new { task = second, result = new[] { new { p = 2 } } });

        await Expect(HttpStatusCode.OK, await _client.PostAsJsonAsync($"/api/dm/actions?id=predictions_to_annotations&project={_project}",
            new { selectedItems = new { all = true } }));

        JsonObject body = ToProject.Single(request => (string?)request.Json["action"] == "ANNOTATIONS_CREATED").Json;
        Assert.Equal(["action", "annotation", "project", "task"], body.Select(member => member.Key));
        Assert.Equal([first, second], body["annotation"]!.AsArray().Select(annotation => (long)annotation!["task"]!));
        Assert.Equal([first, second], body["task"]!.AsArray().Select(task => (long)task!["id"]!));
    }

    [Fact]
    public async Task TASK_COMPLETED_on_the_first_finished_annotation_and_PROJECT_COMPLETED_when_the_last_task_is_labeled()
    {
        // The sample's own actions are opt-in: only a webhook that lists them gets them.
        await Expect(HttpStatusCode.Created, await _client.PostAsJsonAsync("/api/webhooks/", new
        {
            project = _project,
            url = _receiver.Url("/listed"),
            send_for_all_actions = false,
            actions = new[] { "TASK_COMPLETED", "PROJECT_COMPLETED" },
        }));
        long first = await CreateTaskAsync();
        long second = await CreateTaskAsync();

        await _client.PostAsJsonAsync($"/api/tasks/{first}/annotations/", new { result = new[] { new { v = 1 } } });
        await _client.PostAsJsonAsync($"/api/tasks/{first}/annotations/", new { result = new[] { new { v = 2 } } });
        long skip = await IdOfAsync(await _client.PostAsJsonAsync($"/api/tasks/{second}/annotations/", new { was_cancelled = true }));
        Assert.DoesNotContain("PROJECT_COMPLETED", Actions(ToProject));
        await _client.PatchAsJsonAsync($"/api/annotations/{skip}/", new { was_cancelled = false, result = new[] { new { v = 3 } } });

        IReadOnlyList<ReceivedRequest> listed = _receiver.To("/listed");
        IReadOnlyList<ReceivedRequest> completed = listed.Where(request => (string?)request.Json["action"] == "TASK_COMPLETED").ToList();
        Assert.Equal([first, second], completed.Select(request => (long)request.Json["task"]!["id"]!));
        JsonObject project = listed.Single(request => (string?)request.Json["action"] == "PROJECT_COMPLETED").Json["project"]!.AsObject();
        Assert.Equal((2, 2), ((int)project["task_number"]!, (int)project["finished_task_number"]!));
        Assert.Equal(["TASK_COMPLETED", "TASK_COMPLETED", "PROJECT_COMPLETED"], Actions(listed));
        // Row 2 of the side-by-side run: the webhooks that send all actions, as Label Studio's receivers subscribe,
        // get Label Studio's actions only.
        Assert.DoesNotContain(Actions(ToProject).Concat(Actions(_receiver.To("/organization"))), action => action is "TASK_COMPLETED" or "PROJECT_COMPLETED");
    }

    [Fact]
    public async Task test_start_training_webhook()
    {
        long backend = await IdOfAsync(await _client.PostAsJsonAsync("/api/ml/", new { project = _project, url = _receiver.Url("/ml"), title = "model" }));

        HttpResponseMessage response = await _client.PostAsync($"/api/ml/{backend}/train", null);

        await Expect(HttpStatusCode.OK, response);
        JsonObject body = Assert.Single(_receiver.To("/ml/webhook")).Json;
        Assert.Equal(("START_TRAINING", _project), ((string?)body["action"], (long)body["project"]!["id"]!));
        Assert.DoesNotContain(_receiver.Requests, request => request.Path != "/ml/webhook" && (string?)request.Json["action"] == "START_TRAINING");
    }

    [Fact]
    public async Task Training_an_unreachable_backend_is_a_502_not_a_crash()
    {
        long backend = await IdOfAsync(await _client.PostAsJsonAsync("/api/ml/", new { project = _project, url = "http://127.0.0.1:1/" }));

        Assert.Equal(HttpStatusCode.BadGateway, (await _client.PostAsync($"/api/ml/{backend}/train", null)).StatusCode);
    }

    [Fact]
    public async Task Payload_text_is_utf8_and_markup_unescaped_everywhere()
    {
        await _client.PatchAsJsonAsync($"/api/projects/{_project}/", new { label_config = "<View>é</View>" });

        Assert.Contains("\"label_config\":\"<View>é</View>\"", ToProject.Single().Body);
    }

    private async Task<long> CreateTaskAsync() =>
        await IdOfAsync(await _client.PostAsJsonAsync("/api/tasks/", new { project = _project, data = new { text = "t" } }));

    private static IEnumerable<string?> Actions(IEnumerable<ReceivedRequest> requests) => requests.Select(request => (string?)request.Json["action"]);

    private static async Task<long> IdOfAsync(HttpResponseMessage response)
    {
        await Expect(HttpStatusCode.Created, response);
        return (long)(await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
    }

    private static async Task Expect(HttpStatusCode status, HttpResponseMessage response) =>
        Assert.True(response.StatusCode == status, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
}

public sealed class SampleEventTestsOnSqlite() : SampleEventTests(DatabaseProvider.Sqlite);

public sealed class SampleEventTestsOnPostgreSql() : SampleEventTests(DatabaseProvider.PostgreSql);
