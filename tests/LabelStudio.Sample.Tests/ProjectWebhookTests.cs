using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Hooks.Sdk.TestInfrastructure;

namespace LabelStudio.Sample.Tests;

/// <summary>Projects over HTTP, and the PROJECT_* webhooks their routes emit (Label Studio's test_webhooks_for_projects).</summary>
public abstract class ProjectWebhookTests(DatabaseProvider provider) : IAsyncLifetime
{
    private SampleFactory _sample = null!;
    private Receiver _receiver = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _sample = await SampleFactory.CreateAsync(provider);
        _receiver = await Receiver.StartAsync();
        _client = _sample.Client();
    }

    public async Task DisposeAsync()
    {
        await _sample.DisposeAsync();
        await _receiver.DisposeAsync();
    }

    [Fact]
    public async Task test_webhooks_for_projects()
    {
        await CreateWebhookAsync(new { url = _receiver.Url("/organization") });

        HttpResponseMessage created = await _client.PostAsJsonAsync("/api/projects/", new { title = "New project" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        long id = (long)(await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
        await CreateWebhookAsync(new { project = id, url = _receiver.Url("/project") });

        HttpResponseMessage patched = await _client.PatchAsJsonAsync($"/api/projects/{id}/", new { title = "Test title" });
        Assert.Equal(HttpStatusCode.OK, patched.StatusCode);
        HttpResponseMessage deleted = await _client.DeleteAsync($"/api/projects/{id}/");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);

        IReadOnlyList<ReceivedRequest> organization = _receiver.To("/organization");
        Assert.Equal(["PROJECT_CREATED", "PROJECT_UPDATED", "PROJECT_DELETED"], organization.Select(request => (string?)request.Json["action"]));
        Assert.Equal("New project", (string?)organization[0].Json["project"]!["title"]);
        Assert.Equal("Test title", (string?)organization[1].Json["project"]!["title"]);
        Assert.Equal($$$"""{"action":"PROJECT_DELETED","project":{"id":{{{id}}}}}""", organization[2].Body);
        // Project webhooks get PROJECT_UPDATED only: the other two are organization-only.
        Assert.Equal(["PROJECT_UPDATED"], _receiver.To("/project").Select(request => (string?)request.Json["action"]));
    }

    [Fact]
    public async Task Put_emits_PROJECT_UPDATED_with_the_stored_project()
    {
        HttpResponseMessage created = await _client.PostAsJsonAsync("/api/projects/", new { title = "Before" });
        long id = (long)(await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
        await CreateWebhookAsync(new { project = id, url = _receiver.Url("/project") });

        HttpResponseMessage put = await _client.PutAsJsonAsync($"/api/projects/{id}", new { title = "After", description = "put" });

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        JsonObject body = Assert.Single(_receiver.To("/project")).Json;
        Assert.Equal(("PROJECT_UPDATED", "After", "put"), ((string?)body["action"], (string?)body["project"]!["title"], (string?)body["project"]!["description"]));
    }

    [Fact]
    public async Task Project_payloads_are_label_studio_shaped_and_carry_no_secrets()
    {
        await CreateWebhookAsync(new { url = _receiver.Url("/organization") });

        await _client.PostAsJsonAsync("/api/projects/", new { title = "Shaped", label_config = "<View/>" });

        JsonObject project = _receiver.Requests.Single().Json["project"]!.AsObject();
        Assert.Equal(1, (long)project["organization"]!);
        Assert.Equal("<View/>", (string?)project["label_config"]);
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{6})?Z$", (string?)project["created_at"]);
        Assert.DoesNotContain(project, member => member.Key is "token" or "task_data_password" or "task_data_login");
    }

    [Fact]
    public async Task Failed_project_writes_send_nothing()
    {
        await CreateWebhookAsync(new { url = _receiver.Url("/organization") });

        Assert.Equal(HttpStatusCode.BadRequest, (await _client.PostAsJsonAsync("/api/projects/", new { title = new string('x', 51) })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _client.PatchAsJsonAsync("/api/projects/999/", new { title = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _client.DeleteAsync("/api/projects/999/")).StatusCode);

        Assert.Empty(_receiver.Requests);
    }

    private async Task CreateWebhookAsync(object body)
    {
        HttpResponseMessage response = await _client.PostAsJsonAsync("/api/webhooks/", body);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }
}

public sealed class ProjectWebhookTestsOnSqlite() : ProjectWebhookTests(DatabaseProvider.Sqlite);

public sealed class ProjectWebhookTestsOnPostgreSql() : ProjectWebhookTests(DatabaseProvider.PostgreSql);
