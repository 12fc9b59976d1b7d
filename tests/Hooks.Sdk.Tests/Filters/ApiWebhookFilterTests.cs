using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Hooks.Sdk.TestInfrastructure;
using Hooks.Sdk.Tests.Infrastructure;
using Microsoft.Extensions.Logging;

namespace Hooks.Sdk.Tests.Filters;

/// <summary>[ApiWebhook] and [ApiWebhookForDelete] on controllers, and their endpoint-filter forms, over real HTTP.</summary>
public sealed class ApiWebhookFilterTests : IAsyncLifetime
{
    private TestApp _app = null!;
    private Receiver _receiver = null!;
    private HttpClient _client = null!;
    private TestProject _project = null!;

    public async Task InitializeAsync()
    {
        _receiver = await Receiver.StartAsync();
        _app = await TestApp.StartAsync();
        _client = _app.Client(1);
        _project = await _app.AddProjectAsync(1, "Filtered");
        await _app.AddWebhookAsync(1, _project.Id, _receiver.Url());
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _receiver.DisposeAsync();
    }

    [Fact]
    public async Task Created_at_action_reloads_and_sends_the_stored_state()
    {
        HttpResponseMessage response = await _client.PostAsJsonAsync("/items", new { projectId = _project.Id, name = "stored name" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        JsonObject body = Assert.Single(_receiver.Requests).Json;
        Assert.Equal(["action", "item", "project", "owner"], body.Select(member => member.Key));
        Assert.Equal("ITEM_CREATED", (string?)body["action"]);
        Assert.Equal("stored name", (string?)body["item"]!["name"]);
        Assert.Equal("Filtered", (string?)body["project"]!["title"]);
        Assert.Equal("Filtered", (string?)body["owner"]!["title"]);
    }

    [Fact]
    public async Task With_no_webhook_that_could_match_the_object_is_not_reloaded()
    {
        TestProject quiet = await _app.AddProjectAsync(2, "No webhooks");
        HttpClient client = _app.Client(2);

        HttpResponseMessage response = await client.PostAsJsonAsync("/items", new { projectId = quiet.Id, name = "unwatched" });
        HttpResponseMessage watched = await _client.PostAsJsonAsync("/items", new { projectId = _project.Id, name = "watched" });

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.Created), (response.StatusCode, watched.StatusCode));
        string[] reloads = _app.Logs.Entries
            .Where(entry => entry.Category == "Microsoft.EntityFrameworkCore.Database.Command" && entry.Message.Contains("FROM \"Items\""))
            .Select(entry => entry.Message)
            .ToArray();
        Assert.Single(reloads);
        Assert.Equal("watched", (string?)Assert.Single(_receiver.Requests).Json["item"]!["name"]);
    }

    [Fact]
    public async Task A_failed_action_sends_nothing()
    {
        HttpResponseMessage invalid = await _client.PostAsJsonAsync("/items", new { projectId = _project.Id, name = "invalid" });
        HttpResponseMessage thrown = await _client.PostAsJsonAsync("/items", new { projectId = _project.Id, name = "throw" });
        HttpResponseMessage missing = await _client.PatchAsJsonAsync("/items/999", new { projectId = _project.Id, name = "x" });

        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.InternalServerError, HttpStatusCode.NotFound), (invalid.StatusCode, thrown.StatusCode, missing.StatusCode));
        Assert.Empty(_receiver.Requests);
    }

    [Fact]
    public async Task An_action_result_of_t_is_read_like_an_object_result()
    {
        long id = await CreateItemAsync("before");

        HttpResponseMessage response = await _client.PatchAsJsonAsync($"/items/{id}", new { projectId = _project.Id, name = "after" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        JsonObject body = _receiver.Requests[^1].Json;
        Assert.Equal(("ITEM_UPDATED", "after"), ((string?)body["action"], (string?)body["item"]!["name"]));
    }

    [Fact]
    public async Task An_id_in_a_json_object_built_in_code_is_read()
    {
        HttpResponseMessage response = await _client.PostAsJsonAsync("/items/as-json", new { projectId = _project.Id, name = "from a JsonObject" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("from a JsonObject", (string?)Assert.Single(_receiver.Requests).Json["item"]!["name"]);
    }

    [Fact]
    public async Task A_response_without_an_id_is_logged_not_a_500()
    {
        HttpResponseMessage response = await _client.PostAsync("/items/without-id", null);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Empty(_receiver.Requests);
        Assert.Contains(_app.Logs.AtLeast(LogLevel.Error), message => message.Contains("answered without an 'id'") && message.Contains("ITEM_CREATED"));
    }

    [Fact]
    public async Task Delete_sends_only_the_id_captured_before_the_delete()
    {
        long id = await CreateItemAsync("doomed");

        HttpResponseMessage response = await _client.DeleteAsync($"/items/{id}");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        JsonObject body = _receiver.Requests[^1].Json;
        Assert.Equal($$$"""{"action":"ITEMS_DELETED","items":[{"id":{{{id}}}}],"project":{"id":{{{_project.Id}}},"organization_id":1,"title":"Filtered"}}""", body.ToJsonString());
    }

    [Fact]
    public async Task Delete_of_a_missing_object_keeps_the_404_and_sends_nothing()
    {
        HttpResponseMessage response = await _client.DeleteAsync("/items/12345");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Empty(_receiver.Requests);
    }

    [Fact]
    public async Task A_refused_delete_sends_nothing()
    {
        long id = await CreateItemAsync("locked");

        HttpResponseMessage response = await _client.DeleteAsync($"/items/{id}");

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Single(_receiver.Requests);
    }

    [Fact]
    public async Task Without_an_organization_nothing_is_sent_and_the_caller_still_succeeds()
    {
        HttpResponseMessage response = await _app.Client(null).PostAsJsonAsync("/items", new { projectId = _project.Id, name = "anonymous" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Empty(_receiver.Requests);
        Assert.Contains(_app.Logs.AtLeast(LogLevel.Error), message => message.Contains("has no organization"));
    }

    [Fact]
    public async Task Minimal_api_endpoint_filters_do_the_same()
    {
        HttpResponseMessage created = await _client.PostAsJsonAsync("/minimal/items", new { projectId = _project.Id, name = "minimal" });
        long id = (long)(await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
        HttpResponseMessage deleted = await _client.DeleteAsync($"/minimal/items/{id}");
        HttpResponseMessage missing = await _client.DeleteAsync($"/minimal/items/{id}");

        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.NoContent, HttpStatusCode.NotFound), (created.StatusCode, deleted.StatusCode, missing.StatusCode));
        Assert.Equal(["ITEM_CREATED", "ITEMS_DELETED"], _receiver.Requests.Select(request => (string?)request.Json["action"]));
        Assert.Equal(id, (long)_receiver.Requests[1].Json["items"]![0]!["id"]!);
    }

    private async Task<long> CreateItemAsync(string name)
    {
        HttpResponseMessage response = await _client.PostAsJsonAsync("/items", new { projectId = _project.Id, name });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (long)(await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
    }
}
