using System.Text.Json.Nodes;
using Hooks.Sdk.Delivery;
using Hooks.Sdk.LabelStudioModels;
using Hooks.Sdk.Store;
using Hooks.Sdk.TestInfrastructure;
using Hooks.Sdk.Tests.Catalogue;
using Hooks.Sdk.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Time.Testing;

namespace Hooks.Sdk.Tests.Runtime;

/// <summary>Which webhooks an event reaches, and how one POST is made.</summary>
public abstract class MatchingAndDeliveryTests(DatabaseProvider provider) : ProviderTests(provider), IAsyncLifetime
{
    private TestApp _app = null!;
    private Receiver _receiver = null!;
    private TestProject _project = null!;
    private TestProject _otherProject = null!;

    public async Task InitializeAsync()
    {
        _receiver = await Receiver.StartAsync();
        _app = await StartAppAsync();
        _project = await _app.AddProjectAsync(1, "Mine");
        _otherProject = await _app.AddProjectAsync(1, "Other");
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _receiver.DisposeAsync();
    }

    [Fact]
    public async Task Send_payload_false_sends_exactly_the_action()
    {
        await _app.AddWebhookAsync(1, _project.Id, _receiver.Url("/bare"), webhook => webhook.SendPayload = false);
        await _app.AddWebhookAsync(1, _project.Id, _receiver.Url("/full"));

        await EmitTaskCreatedAsync(_project.Id);

        Assert.Equal("""{"action":"TASKS_CREATED"}""", Assert.Single(_receiver.To("/bare")).Body);
        Assert.Equal(["action", "tasks", "project"], Assert.Single(_receiver.To("/full")).Json.Select(member => member.Key));
    }

    [Fact]
    public async Task Send_for_all_actions_false_sends_only_the_listed_actions()
    {
        await _app.AddWebhookAsync(1, _project.Id, _receiver.Url("/listed"), webhook => webhook.SendForAllActions = false, LsActions.TasksDeleted);
        await _app.AddWebhookAsync(1, _project.Id, _receiver.Url("/nothing"), webhook => webhook.SendForAllActions = false);
        await _app.AddWebhookAsync(1, _project.Id, _receiver.Url("/all"), configure: null, LsActions.TasksDeleted);

        await EmitTaskCreatedAsync(_project.Id);
        await _app.WithEmitterAsync(emitter => LsActions.EmitTasksDeletedAsync(emitter, 1, _project.Id, [1]).AsTask());

        Assert.Equal(["TASKS_DELETED"], Actions("/listed"));
        Assert.Empty(_receiver.To("/nothing"));
        Assert.Equal(["TASKS_CREATED", "TASKS_DELETED"], Actions("/all"));
    }

    [Fact]
    public async Task An_opt_in_action_reaches_only_the_webhooks_that_list_it()
    {
        await _app.AddWebhookAsync(1, _project.Id, _receiver.Url("/listed"), webhook => webhook.SendForAllActions = false, TestActions.ItemReviewed);
        await _app.AddWebhookAsync(1, _project.Id, _receiver.Url("/all"));
        await _app.AddWebhookAsync(1, null, _receiver.Url("/organization"));

        await _app.WithEmitterAsync(emitter => TestActions.EmitItemReviewedAsync(emitter, 1, new TestItem { Id = 7, ProjectId = _project.Id }).AsTask());

        Assert.Equal(["ITEM_REVIEWED"], Actions("/listed"));
        Assert.Empty(_receiver.To("/all"));
        Assert.Empty(_receiver.To("/organization"));
    }

    [Fact]
    public async Task Inactive_webhooks_receive_nothing()
    {
        await _app.AddWebhookAsync(1, _project.Id, _receiver.Url("/inactive"), webhook => webhook.IsActive = false);
        await _app.AddWebhookAsync(1, null, _receiver.Url("/inactive-organization"), webhook => webhook.IsActive = false);

        await EmitTaskCreatedAsync(_project.Id);

        Assert.Empty(_receiver.Requests);
    }

    [Fact]
    public async Task Project_webhooks_get_their_project_organization_webhooks_get_every_project()
    {
        await _app.AddWebhookAsync(1, _project.Id, _receiver.Url("/mine"));
        await _app.AddWebhookAsync(1, _otherProject.Id, _receiver.Url("/other"));
        await _app.AddWebhookAsync(1, null, _receiver.Url("/organization"));

        await EmitTaskCreatedAsync(_project.Id);
        await EmitTaskCreatedAsync(_otherProject.Id);
        await _app.WithEmitterAsync(emitter => LsActions.EmitTasksDeletedAsync(emitter, 1, projectId: null, [1]).AsTask());

        Assert.Equal(["Mine"], ProjectTitles("/mine"));
        Assert.Equal(["Other"], ProjectTitles("/other"));
        Assert.Equal(["Mine", "Other", null], ProjectTitles("/organization"));
    }

    [Fact]
    public async Task Events_never_cross_organizations()
    {
        TestProject foreign = await _app.AddProjectAsync(2, "Foreign");
        await _app.AddWebhookAsync(2, null, _receiver.Url("/org2"));
        await _app.AddWebhookAsync(2, foreign.Id, _receiver.Url("/org2-project"));

        await EmitTaskCreatedAsync(_project.Id);
        await _app.WithEmitterAsync(emitter => emitter.EmitRawAsync("MAINTENANCE", 1, null, null).AsTask());

        Assert.Empty(_receiver.Requests);
    }

    [Fact]
    public async Task One_post_per_webhook_per_event_even_when_it_matches_in_several_ways()
    {
        await _app.AddWebhookAsync(1, _project.Id, _receiver.Url("/both"), configure: null, LsActions.TasksCreated, LsActions.TasksDeleted);

        await _app.WithEmitterAsync(emitter => LsActions.EmitTasksCreatedAsync(emitter, 1,
            [new LsTask { Id = 1, ProjectId = _project.Id }, new LsTask { Id = 2, ProjectId = _project.Id }]).AsTask());

        Assert.Equal(2, Assert.Single(_receiver.To("/both")).Json["tasks"]!.AsArray().Count);
    }

    [Fact]
    public async Task Instances_of_several_projects_go_out_per_project()
    {
        await _app.AddWebhookAsync(1, null, _receiver.Url("/organization"));

        await _app.WithEmitterAsync(emitter => LsActions.EmitTasksCreatedAsync(emitter, 1,
            [new LsTask { Id = 1, ProjectId = _project.Id }, new LsTask { Id = 2, ProjectId = _otherProject.Id }, new LsTask { Id = 3, ProjectId = _project.Id }]).AsTask());

        Assert.Equal(["Mine:1,3", "Other:2"], _receiver.Requests.Select(request =>
            $"{request.Json["project"]!["title"]}:{string.Join(',', request.Json["tasks"]!.AsArray().Select(task => (long)task!["id"]!))}"));
    }

    [Fact]
    public async Task No_instances_send_nothing()
    {
        await _app.AddWebhookAsync(1, null, _receiver.Url("/organization"));

        await _app.WithEmitterAsync(async emitter =>
        {
            await LsActions.EmitTasksCreatedAsync(emitter, 1, []);
            await LsActions.EmitTasksDeletedAsync(emitter, 1, null, []);
        });

        Assert.Empty(_receiver.Requests);
    }

    [Fact]
    public async Task Organization_only_actions_cannot_be_emitted_with_a_project()
    {
        var exception = await Assert.ThrowsAsync<ArgumentException>(() =>
            _app.WithEmitterAsync(emitter => emitter.GetActiveWebhooksAsync(1, _project.Id, LsActions.ProjectCreated)));

        Assert.Contains("PROJECT_CREATED is organization-only", exception.Message);
    }

    [Fact]
    public async Task Unknown_actions_are_refused()
    {
        var exception = await Assert.ThrowsAsync<ArgumentException>(() =>
            _app.WithEmitterAsync(emitter => emitter.EmitRawAsync("TASK_CREATED", 1, null, null).AsTask()));

        Assert.Contains("'TASK_CREATED'", exception.Message);
    }

    [Fact]
    public async Task Raw_emission_adds_the_project_object_last_or_in_place()
    {
        await _app.AddWebhookAsync(1, _project.Id, _receiver.Url("/raw"));

        await _app.WithEmitterAsync(async emitter =>
        {
            await emitter.EmitRawAsync("TASKS_CREATED", 1, _project.Id, new JsonObject { ["data"] = "test" });
            await emitter.EmitRawAsync("TASKS_CREATED", 1, _project.Id, new JsonObject { ["project"] = 0, ["data"] = "test" });
            await emitter.EmitRawAsync("TASKS_CREATED", 1, _project.Id, null);
        });

        string project = $$"""{"id":{{_project.Id}},"organization_id":1,"title":"Mine"}""";
        Assert.Equal(
            [
                $$"""{"action":"TASKS_CREATED","data":"test","project":{{project}}}""",
                $$"""{"action":"TASKS_CREATED","project":{{project}},"data":"test"}""",
                """{"action":"TASKS_CREATED"}""",
            ],
            _receiver.To("/raw").Select(request => request.Body));
    }

    [Fact]
    public async Task Webhook_headers_are_sent_but_never_replace_transport_or_signature_headers()
    {
        // Stored directly, as a webhook saved before the reserved-header rule (or imported) could be.
        await _app.AddWebhookAsync(1, _project.Id, _receiver.Url("/headers"), webhook => webhook.Headers = new()
        {
            ["Authorization"] = "Token secret-for-the-receiver",
            ["X-Custom"] = "yes",
            ["Content-Type"] = "text/plain",
            ["webhook-id"] = "forged",
        });

        await EmitTaskCreatedAsync(_project.Id);

        IReadOnlyDictionary<string, string> headers = Assert.Single(_receiver.To("/headers")).Headers;
        Assert.Equal("Token secret-for-the-receiver", headers["Authorization"]);
        Assert.Equal("yes", headers["X-Custom"]);
        Assert.StartsWith("application/json", headers["Content-Type"]);
        Assert.StartsWith("msg_", headers["webhook-id"]);
    }

    [Fact]
    public async Task Redirects_are_not_followed_and_count_as_failures()
    {
        Webhook webhook = await _app.AddWebhookAsync(1, _project.Id, _receiver.Url("/moved"));
        _receiver.Respond = context =>
        {
            if (context.Request.Path == "/moved")
            {
                context.Response.StatusCode = StatusCodes.Status302Found;
                context.Response.Headers.Location = _receiver.Url("/target");
            }
            return Task.CompletedTask;
        };

        await EmitTaskCreatedAsync(_project.Id);

        Assert.Empty(_receiver.To("/target"));
        Assert.Equal(1, (await _app.FindWebhookAsync(webhook.Id))!.ConsecutiveFailures);
    }

    [Fact]
    public async Task A_receiver_slower_than_the_timeout_is_a_failed_attempt()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using TestApp app = await StartAppAsync(options => options.Timeout = TimeSpan.FromSeconds(10), time);
        Webhook webhook = await app.AddWebhookAsync(1, null, _receiver.Url("/slow"));
        var answered = new TaskCompletionSource();
        _receiver.Respond = async context =>
        {
            time.Advance(TimeSpan.FromSeconds(11));
            await answered.Task.WaitAsync(TimeSpan.FromSeconds(30));
        };

        WebhookDeliveryResult result = await app.WithEmitterAsync(emitter => emitter.RunWebhookAsync(webhook, "MAINTENANCE", null));
        answered.SetResult();

        Assert.Null(result.StatusCode);
        Assert.Equal("no response within 10 s", result.Error);
        Assert.Equal(1, (await app.FindWebhookAsync(webhook.Id))!.ConsecutiveFailures);
    }

    private Task EmitTaskCreatedAsync(long projectId) =>
        _app.WithEmitterAsync(emitter => LsActions.EmitTasksCreatedAsync(emitter, 1, [new LsTask { Id = 1, ProjectId = projectId }]).AsTask());

    private IEnumerable<string?> Actions(string path) => _receiver.To(path).Select(request => (string?)request.Json["action"]);

    private IEnumerable<string?> ProjectTitles(string path) => _receiver.To(path).Select(request => (string?)request.Json["project"]?["title"]);
}

public sealed class MatchingAndDeliveryTestsOnSqlite() : MatchingAndDeliveryTests(DatabaseProvider.Sqlite);

public sealed class MatchingAndDeliveryTestsOnPostgreSql() : MatchingAndDeliveryTests(DatabaseProvider.PostgreSql);
