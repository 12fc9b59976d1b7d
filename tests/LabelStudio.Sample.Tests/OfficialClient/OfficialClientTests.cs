using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace LabelStudio.Sample.Tests.OfficialClient;

/// <summary>
/// The official Python client's calls in scope, made as <c>label-studio-sdk</c> 2.1.0 makes them (its paths, with or
/// without the trailing slash, its methods and query parameters), each answer checked against the model the client
/// parses it into (<see cref="ClientModels"/>). PyPI cannot be reached here, so the client itself cannot run.
/// </summary>
/// <remarks>
/// A real Label Studio's answers break three of the models' declarations, as <see cref="Label_Studios_own_answers_break_only_three_declarations"/>
/// shows: the Enterprise edition's <c>assignment_settings</c> and <c>review_settings</c>, and <c>created_by.username</c>.
/// The client does not validate, so they do no harm; the sample may break those and no other.
/// </remarks>
public sealed partial class OfficialClientTests : IAsyncLifetime
{
    /// <summary>The declarations Label Studio's own answers break, by field path without indices.</summary>
    private static readonly string[] LabelStudiosOwnViolations =
    [
        "assignment_settings: required, missing",
        "review_settings: required, missing",
        "created_by.username: required, missing",
    ];

    private static readonly ClientModels Models = ClientModels.Load();

    private readonly SampleFactory _sample = new();
    private HttpClient _client = null!;

    public Task InitializeAsync()
    {
        _client = _sample.Client();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _sample.DisposeAsync();

    [Fact]
    public void Label_Studios_own_answers_break_only_three_declarations()
    {
        JsonObject recorded = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "OfficialClient", "label-studio-answers.json")))!.AsObject();

        string[] violations = [.. recorded["answers"]!.AsArray()
            .SelectMany(answer => Models.Violations(answer!["json"], (string)answer["model"]!))
            .Select(violation => Known(violation) ?? violation)
            .Distinct()
            .Order()];

        Assert.Equal(LabelStudiosOwnViolations.Order(), violations);
    }

    [Fact]
    public void The_check_refuses_a_wrong_type_a_missing_required_field_and_a_bad_date()
    {
        JsonNode task = JsonNode.Parse("""{"id":"7","created_at":"yesterday","annotations":[1]}""")!;

        Assert.Equal(
            ["$.annotations[0]: 1 is not a dict", "$.created_at: \"yesterday\" is not dt.datetime", "$.data: required, missing",
                "$.id: \"7\" is not int"],
            Models.Violations(task, "LseTask").Order());
    }

    [Fact]
    public async Task The_new_clients_calls_parse_into_its_models()
    {
        // projects.create, get, update; the pager's first page and the one after the last.
        long project = (long)(await ParsedAsync(HttpMethod.Post, "api/projects/", "LseProjectCreate", new { title = "Client", label_config = LabelConfig }))["id"]!;
        await ParsedAsync(HttpMethod.Get, $"api/projects/{project}/", "LseProjectResponse");
        await ParsedAsync(HttpMethod.Patch, $"api/projects/{project}/", "LseProjectResponse", new { description = "patched" });
        JsonNode projects = await ParsedAsync(HttpMethod.Get, "api/projects/?page=1&page_size=100", "PaginatedAllRolesProjectListList");
        Assert.Contains(project, projects["results"]!.AsArray().Select(item => (long)item!["id"]!));
        Assert.True(await EndsPagerAsync("api/projects/?page=2&page_size=100", "results"));

        // projects.import_tasks: the path has no trailing slash.
        JsonNode imported = await ParsedAsync(HttpMethod.Post, $"api/projects/{project}/import?return_task_ids=true", "ImportTasksProjectsResponse",
            new[] { new { data = new { text = "one" } }, new { data = new { text = "two" } } });
        long task = (long)imported["task_ids"]![0]!;

        // tasks.list (the pager asks for every field), create, get, update.
        JsonNode page = await ParsedAsync(HttpMethod.Get, $"api/tasks/?fields=all&page=1&page_size=100&project={project}", "PaginatedRoleBasedTaskList");
        Assert.Equal(2, page["tasks"]!.AsArray().Count);
        Assert.True(await EndsPagerAsync($"api/tasks/?fields=all&page=2&page_size=100&project={project}", "tasks"));
        await ParsedAsync(HttpMethod.Post, "api/tasks/", "LseTask", new { project, data = new { text = "three" } });
        await ParsedAsync(HttpMethod.Patch, $"api/tasks/{task}/", "RoleBasedTask", new { data = new { text = "one, edited" } });

        // annotations.create, list, get, update (list and create take the task's id).
        long annotation = (long)(await ParsedAsync(HttpMethod.Post, $"api/tasks/{task}/annotations/", "Annotation", new { result = Result, lead_time = 1.5 }))["id"]!;
        Assert.Single((await ParsedAsync(HttpMethod.Get, $"api/tasks/{task}/annotations/", "typing.List[Annotation]")).AsArray());
        await ParsedAsync(HttpMethod.Get, $"api/annotations/{annotation}/", "Annotation");
        await ParsedAsync(HttpMethod.Patch, $"api/annotations/{annotation}/", "Annotation", new { was_cancelled = false });

        // predictions.create, list (a plain list, filtered by task or project), get.
        long prediction = (long)(await ParsedAsync(HttpMethod.Post, "api/predictions/", "Prediction", new { task, result = Result, score = 0.5, model_version = "v1" }))["id"]!;
        Assert.Single((await ParsedAsync(HttpMethod.Get, $"api/predictions/?task={task}", "typing.List[Prediction]")).AsArray());
        Assert.Single((await ParsedAsync(HttpMethod.Get, $"api/predictions/?project={project}", "typing.List[Prediction]")).AsArray());
        await ParsedAsync(HttpMethod.Get, $"api/predictions/{prediction}/", "Prediction");

        // ml.create, list, get: get has no trailing slash.
        long backend = (long)(await ParsedAsync(HttpMethod.Post, "api/ml/", "MlBackend", new { project, url = "http://ml.example.com:9090", title = "Model" }))["id"]!;
        Assert.Single((await ParsedAsync(HttpMethod.Get, $"api/ml/?project={project}", "typing.List[MlBackend]")).AsArray());
        await ParsedAsync(HttpMethod.Get, $"api/ml/{backend}", "MlBackend");

        // webhooks.create, list, get, update (PATCH), info, delete.
        long webhook = (long)(await ParsedAsync(HttpMethod.Post, "api/webhooks/", "Webhook", new { project, url = "http://hooks.example.com/hook" }))["id"]!;
        Assert.Single((await ParsedAsync(HttpMethod.Get, $"api/webhooks/?project={project}", "typing.List[Webhook]")).AsArray());
        await ParsedAsync(HttpMethod.Get, $"api/webhooks/{webhook}/", "Webhook");
        await ParsedAsync(HttpMethod.Patch, $"api/webhooks/{webhook}/", "WebhookSerializerForUpdate", new { is_active = false });
        await ParsedAsync(HttpMethod.Get, "api/webhooks/info/", "InfoWebhooksResponse");
        await ParsedAsync(HttpMethod.Get, "api/webhooks/info/?organization-only=true", "InfoWebhooksResponse");
        Assert.True((await _client.DeleteAsync($"api/webhooks/{webhook}/")).IsSuccessStatusCode);
    }

    [Fact]
    public async Task The_legacy_clients_calls_get_what_it_reads()
    {
        // Client(url, key): GET api/version, which must be JSON; an Enterprise key would change the client's paths.
        JsonObject version = (await _client.GetFromJsonAsync<JsonObject>("api/version"))!;
        Assert.False(version.ContainsKey("label-studio-enterprise-backend"));
        // check_connection(): GET health, returned as read.
        Assert.Equal("UP", (string?)(await _client.GetFromJsonAsync<JsonObject>("health"))!["status"]);
        // start_project(): exactly 201. list_projects(): one page of 10,000,000 read from results[*].id, exactly 200.
        HttpResponseMessage created = await _client.PostAsJsonAsync("api/projects", new { title = "Legacy" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        long project = (long)(await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
        HttpResponseMessage listed = await _client.GetAsync("api/projects?page_size=10000000");
        Assert.Equal(HttpStatusCode.OK, listed.StatusCode);
        Assert.Contains(project, (await listed.Content.ReadFromJsonAsync<JsonObject>())!["results"]!.AsArray().Select(item => (long)item!["id"]!));
        // import_tasks(): task_ids, and no "import" key at all (even null makes it poll an import that does not exist).
        JsonObject imported = (await (await _client.PostAsJsonAsync($"api/projects/{project}/import?return_task_ids=1", new[] { new { data = new { text = "x" } } }))
            .Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Single(imported["task_ids"]!.AsArray());
        Assert.False(imported.ContainsKey("import"));
    }

    /// <summary>Sends what the client sends, asserts a 2xx and that the answer parses into <paramref name="model"/>.</summary>
    private async Task<JsonNode> ParsedAsync(HttpMethod method, string path, string model, object? body = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        HttpResponseMessage response = await _client.SendAsync(request);
        string text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{method} {path}: {(int)response.StatusCode} {text}");
        JsonNode answer = JsonNode.Parse(text)!;
        string[] unexpected = [.. Models.Violations(answer, model).Where(violation => Known(violation) is null)];
        Assert.True(unexpected.Length == 0, $"{method} {path} does not parse into {model}:\n{string.Join("\n", unexpected)}");
        return answer;
    }

    /// <summary>The pager stops at an empty page or a 404; anything else and it asks for the next page forever.</summary>
    private async Task<bool> EndsPagerAsync(string path, string items)
    {
        HttpResponseMessage response = await _client.GetAsync(path);
        return response.StatusCode == HttpStatusCode.NotFound
            || response.IsSuccessStatusCode && (await response.Content.ReadFromJsonAsync<JsonObject>())![items]!.AsArray().Count == 0;
    }

    /// <summary>Which of Label Studio's own violations <paramref name="violation"/> is, at any depth; null for none.</summary>
    private static string? Known(string violation)
    {
        string path = Index().Replace(violation, "");
        return LabelStudiosOwnViolations.FirstOrDefault(known => path == "$." + known || path.EndsWith("." + known, StringComparison.Ordinal));
    }

    [GeneratedRegex(@"\[\d+\]")]
    private static partial Regex Index();

    private const string LabelConfig = """<View><Text name="text" value="$text"/><Choices name="sentiment" toName="text"><Choice value="Positive"/></Choices></View>""";

    private static readonly object[] Result =
    [
        new { from_name = "sentiment", to_name = "text", type = "choices", value = new { choices = new[] { "Positive" } } },
    ];
}
