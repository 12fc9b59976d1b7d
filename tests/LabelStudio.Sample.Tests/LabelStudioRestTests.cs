using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace LabelStudio.Sample.Tests;

/// <summary>
/// The REST answers a Label Studio client reads, as a real Label Studio gave them in the recorded side-by-side run
/// (<c>spec/label-studio-live/rest-exchanges.json</c>; each test names its steps), and the pagination rules of the
/// official Python client: its pager stops at an empty page or a 404, its legacy <c>get_tasks()</c> at a 404 only.
/// </summary>
public sealed class LabelStudioRestTests : IAsyncLifetime
{
    private readonly SampleFactory _sample = new();
    private HttpClient _client = null!;

    public Task InitializeAsync()
    {
        _client = _sample.Client();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _sample.DisposeAsync();

    [Theory]
    // Steps err_project_404, get_webhook_missing, err_annotation_404.
    [InlineData("GET", "/api/projects/999999/", "No Project matches the given query.")]
    [InlineData("GET", "/api/webhooks/999999/", "No Webhook matches the given query.")]
    [InlineData("DELETE", "/api/annotations/999999/", "No Annotation matches the given query.")]
    [InlineData("GET", "/api/tasks/999999/", "No Task matches the given query.")]
    public async Task A_missing_object_is_label_studios_404_envelope_with_an_id_and_the_version(string method, string path, string detail)
    {
        HttpResponseMessage response = await _client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        JsonObject body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(["id", "status_code", "version", "detail", "exc_info"], body.Select(member => member.Key));
        Assert.True(Guid.TryParse((string?)body["id"], out _), body.ToJsonString());
        Assert.Equal((404, detail), ((int)body["status_code"]!, (string?)body["detail"]));
        Assert.Null(body["exc_info"]);
        JsonObject version = (await _client.GetFromJsonAsync<JsonObject>("/api/version"))!;
        Assert.Equal((string?)version["release"], (string?)body["version"]);
    }

    [Fact]
    public async Task Each_error_has_its_own_id()
    {
        JsonObject first = (await (await _client.GetAsync("/api/webhooks/999999/")).Content.ReadFromJsonAsync<JsonObject>())!;
        JsonObject second = (await (await _client.GetAsync("/api/webhooks/999999/")).Content.ReadFromJsonAsync<JsonObject>())!;

        Assert.NotEqual((string?)first["id"], (string?)second["id"]);
    }

    [Fact]
    public async Task A_401_names_the_token_scheme()
    {
        // Step projects_no_token.
        HttpResponseMessage response = await _sample.Client(token: null).GetAsync("/api/projects/");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Token", response.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Equal("Authentication credentials were not provided.", (string?)(await response.Content.ReadFromJsonAsync<JsonObject>())!["detail"]);
    }

    [Theory]
    [InlineData("/api/version")]
    [InlineData("/api/version/")]
    public async Task The_version_answers_without_a_token_as_the_legacy_client_reads_it(string path)
    {
        HttpResponseMessage response = await _sample.Client(token: null).GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        JsonObject body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.False(string.IsNullOrEmpty((string?)body["release"]));
        Assert.Equal("Community", (string?)body["edition"]);
        // The legacy client tells an Enterprise server by this key.
        Assert.False(body.ContainsKey("label-studio-enterprise-backend"));
    }

    [Fact]
    public async Task Health_is_json_as_check_connection_reads_it()
    {
        HttpResponseMessage response = await _sample.Client(token: null).GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("""{"status":"UP"}""", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Tasks_page_as_label_studio_and_a_page_past_the_end_is_a_404()
    {
        long project = await CreateProjectAsync();
        long[] tasks = await CreateTasksAsync(project, 5);

        // Step list_tasks_after_import: the body's keys, in Label Studio's order.
        JsonObject first = (await _client.GetFromJsonAsync<JsonObject>($"/api/tasks/?project={project}&page=1&page_size=2"))!;
        Assert.Equal(["total_annotations", "total_predictions", "total", "tasks"], first.Select(member => member.Key));
        Assert.Equal(5, (int)first["total"]!);
        Assert.Equal(tasks[..2], Ids(first["tasks"]!));
        Assert.Equal(tasks[4..], Ids((await _client.GetFromJsonAsync<JsonObject>($"/api/tasks/?project={project}&page=3&page_size=2"))!["tasks"]!));

        foreach (string page in (string[])["4", "0", "-1", "x"])
        {
            HttpResponseMessage past = await _client.GetAsync($"/api/tasks/?project={project}&page={page}&page_size=2");
            Assert.Equal(HttpStatusCode.NotFound, past.StatusCode);
            Assert.Equal("Invalid page.", (string?)(await past.Content.ReadFromJsonAsync<JsonObject>())!["detail"]);
        }

        // The two clients' loops both end, with every task once.
        Assert.Equal(tasks, await LegacyGetTasksAsync(project));
        Assert.Equal(tasks, await PagerAsync(project));
    }

    [Fact]
    public async Task An_empty_project_has_an_empty_first_page_and_no_second()
    {
        long project = await CreateProjectAsync();

        JsonObject first = (await _client.GetFromJsonAsync<JsonObject>($"/api/tasks/?project={project}"))!;

        Assert.Equal((0, 0), ((int)first["total"]!, first["tasks"]!.AsArray().Count));
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync($"/api/tasks/?project={project}&page=2")).StatusCode);
        Assert.Empty(await LegacyGetTasksAsync(project));
    }

    [Fact]
    public async Task Projects_page_with_links_and_take_the_legacy_clients_page_size()
    {
        long[] projects = [await CreateProjectAsync(), await CreateProjectAsync(), await CreateProjectAsync()];

        // The legacy list_projects(): one request of page_size=10000000, read from "results".
        HttpResponseMessage all = await _client.GetAsync("/api/projects?page_size=10000000");
        Assert.Equal(HttpStatusCode.OK, all.StatusCode);
        JsonObject body = (await all.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(["count", "next", "previous", "results"], body.Select(member => member.Key));
        Assert.Equal(projects, Ids(body["results"]!));

        JsonObject second = (await _client.GetFromJsonAsync<JsonObject>("/api/projects/?page=2&page_size=1"))!;
        Assert.Equal([projects[1]], Ids(second["results"]!));
        Assert.Equal((3, "http://localhost/api/projects/?page_size=1&page=3", "http://localhost/api/projects/?page_size=1"),
            ((int)second["count"]!, (string?)second["next"], (string?)second["previous"]));
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync("/api/projects/?page=4&page_size=1")).StatusCode);
    }

    [Fact]
    public async Task A_projects_creator_is_the_user_in_every_rest_answer()
    {
        // Step get_project: Label Studio embeds the user where its payloads give the id.
        HttpResponseMessage created = await _client.PostAsJsonAsync("/api/projects/", new { title = "Rest" });
        long id = (long)(await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
        JsonObject page = (await _client.GetFromJsonAsync<JsonObject>("/api/projects/"))!;
        JsonObject updated = (await (await _client.PatchAsJsonAsync($"/api/projects/{id}/", new { title = "Renamed" })).Content.ReadFromJsonAsync<JsonObject>())!;
        JsonObject read = (await _client.GetFromJsonAsync<JsonObject>($"/api/projects/{id}/"))!;

        foreach (JsonNode? creator in new[] { read["created_by"], updated["created_by"], page["results"]![0]!["created_by"] })
        {
            Assert.Equal(["id", "first_name", "last_name", "email", "avatar"], creator!.AsObject().Select(member => member.Key));
            Assert.Equal((SampleFactory.Username, "", ""), ((string?)creator["email"], (string?)creator["first_name"], (string?)creator["last_name"]));
            Assert.Null(creator["avatar"]);
        }
    }

    [Theory]
    [InlineData("?return_task_ids=1")]
    [InlineData("?return_task_ids=true")]
    public async Task An_import_asked_for_its_task_ids_returns_them_and_no_import_key(string query)
    {
        long project = await CreateProjectAsync();

        HttpResponseMessage response = await _client.PostAsJsonAsync($"/api/projects/{project}/import{query}", new object[]
        {
            new { data = new { text = "one" } },
            new { text = "two" },
        });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        JsonObject body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(await LegacyGetTasksAsync(project), Ids(body["task_ids"]!, item => (long)item!));
        // The legacy client polls an asynchronous import whenever this key is there at all.
        Assert.False(body.ContainsKey("import"));
        Assert.Equal(["task_count", "annotation_count", "prediction_count", "duration", "file_upload_ids", "could_be_tasks_list", "found_formats", "data_columns", "task_ids"],
            body.Select(member => member.Key));
    }

    [Fact]
    public async Task An_import_not_asked_for_ids_answers_label_studios_body()
    {
        long project = await CreateProjectAsync();

        JsonObject body = (await (await _client.PostAsJsonAsync($"/api/projects/{project}/import", new object[] { new { text = "one" } })).Content.ReadFromJsonAsync<JsonObject>())!;

        // Step import_3_tasks.
        Assert.Equal(["task_count", "annotation_count", "prediction_count", "duration", "file_upload_ids", "could_be_tasks_list", "found_formats", "data_columns"],
            body.Select(member => member.Key));
    }

    [Theory]
    // Steps list_webhooks_null (Label Studio) and list_webhooks_isnull (this SDK's earlier spelling, kept).
    [InlineData("null")]
    [InlineData("isnull")]
    public async Task Organization_webhooks_are_listed_with_project_null(string value)
    {
        long project = await CreateProjectAsync();
        long organizationWebhook = await CreateWebhookAsync(new { url = "http://127.0.0.1:9/org" });
        await CreateWebhookAsync(new { url = "http://127.0.0.1:9/project", project });

        JsonArray listed = (await _client.GetFromJsonAsync<JsonArray>($"/api/webhooks/?project={value}"))!;

        Assert.Equal([organizationWebhook], Ids(listed));
    }

    [Fact]
    public async Task A_webhook_for_a_project_that_does_not_exist_is_label_studios_400()
    {
        // Step inv_project_nonexistent.
        HttpResponseMessage response = await _client.PostAsJsonAsync("/api/webhooks/", new { project = 999999, url = "http://127.0.0.1:9/x" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        JsonAssert.Equal("""{"project":["Invalid pk \"999999\" - object does not exist."]}""", (await response.Content.ReadFromJsonAsync<JsonObject>())!["validation_errors"]);
    }

    [Fact]
    public async Task Unknown_actions_are_refused_by_their_index()
    {
        long project = await CreateProjectAsync();

        // Step inv_unknown_action, with a valid action first.
        HttpResponseMessage response = await _client.PostAsJsonAsync("/api/webhooks/", new { project, url = "http://127.0.0.1:9/x", actions = new[] { "TASKS_CREATED", "FOO" } });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        JsonAssert.Equal("""{"actions":{"1":["\"FOO\" is not a valid choice."]}}""", (await response.Content.ReadFromJsonAsync<JsonObject>())!["validation_errors"]);
    }

    /// <summary>The legacy <c>Project.get_tasks()</c>: pages of 100 until a 404, nothing else ends it.</summary>
    private async Task<long[]> LegacyGetTasksAsync(long project)
    {
        var ids = new List<long>();
        for (int page = 1; page < 1000; page++)
        {
            HttpResponseMessage response = await _client.GetAsync($"/api/tasks?project={project}&page={page}&page_size=100&fields=all");
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                return [.. ids];
            }
            response.EnsureSuccessStatusCode();
            ids.AddRange(Ids((await response.Content.ReadFromJsonAsync<JsonObject>())!["tasks"]!));
        }
        throw new InvalidOperationException("The legacy client's loop would never end.");
    }

    /// <summary>The new client's pager: <c>page=1, 2, ...</c> until an empty page or a 404, at its default page size.</summary>
    private async Task<long[]> PagerAsync(long project)
    {
        var ids = new List<long>();
        for (int page = 1; page < 1000; page++)
        {
            HttpResponseMessage response = await _client.GetAsync($"/api/tasks/?fields=all&page={page}&page_size=2&project={project}");
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                return [.. ids];
            }
            long[] items = Ids((await response.Content.ReadFromJsonAsync<JsonObject>())!["tasks"]!);
            if (items.Length == 0)
            {
                return [.. ids];
            }
            ids.AddRange(items);
        }
        throw new InvalidOperationException("The pager would never end.");
    }

    private async Task<long> CreateProjectAsync() =>
        (long)(await (await _client.PostAsJsonAsync("/api/projects/", new { title = "Rest" })).Content.ReadFromJsonAsync<JsonObject>())!["id"]!;

    private async Task<long> CreateWebhookAsync(object body)
    {
        HttpResponseMessage response = await _client.PostAsJsonAsync("/api/webhooks/", body);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (long)(await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
    }

    private async Task<long[]> CreateTasksAsync(long project, int count)
    {
        var ids = new long[count];
        for (int index = 0; index < count; index++)
        {
            HttpResponseMessage response = await _client.PostAsJsonAsync("/api/tasks/", new { project, data = new { text = $"task {index}" } });
            ids[index] = (long)(await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
        }
        return ids;
    }


    private static long[] Ids(JsonNode items) => Ids(items, item => (long)item!["id"]!);

    private static long[] Ids(JsonNode items, Func<JsonNode?, long> id) => [.. items.AsArray().Select(id)];
}
