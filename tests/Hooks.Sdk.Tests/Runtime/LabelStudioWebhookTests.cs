using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Hooks.Sdk.Delivery;
using Hooks.Sdk.LabelStudioModels;
using Hooks.Sdk.Store;
using Hooks.Sdk.TestInfrastructure;
using Hooks.Sdk.Tests.Catalogue;
using Hooks.Sdk.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;

namespace Hooks.Sdk.Tests.Runtime;

/// <summary>
/// Label Studio's own webhook tests (label_studio/tests/webhooks/test_webhooks.py), ported. Where a test drives a
/// route of Label Studio that belongs to the sample (tasks, imports, data-manager actions, ML backends), the same rule
/// is tested here through the SDK's API and the route-level test lives with the sample. Its fixtures: an
/// organization webhook and a project webhook, both with the defaults.
/// </summary>
public abstract class LabelStudioWebhookTests(DatabaseProvider provider) : ProviderTests(provider), IAsyncLifetime
{
    private const long Organization = 1;
    private TestApp _app = null!;
    private Receiver _receiver = null!;
    private TestProject _project = null!;
    private Webhook _organizationWebhook = null!;

    public async Task InitializeAsync()
    {
        _receiver = await Receiver.StartAsync();
        _app = await StartAppAsync();
        _project = await _app.AddProjectAsync(Organization, "Test project");
        _organizationWebhook = await _app.AddWebhookAsync(Organization, null, _receiver.Url("/api/organization/"));
        await _app.AddWebhookAsync(Organization, _project.Id, _receiver.Url("/api/project/"));
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _receiver.DisposeAsync();
    }

    private IReadOnlyList<ReceivedRequest> ToOrganization => _receiver.To("/api/organization/");

    private IReadOnlyList<ReceivedRequest> ToProject => _receiver.To("/api/project/");

    [Fact]
    public async Task test_run_webhook()
    {
        await _app.WithEmitterAsync(emitter => emitter.RunWebhookAsync(_organizationWebhook, "PROJECT_CREATED", new JsonObject { ["data"] = "test" }));

        ReceivedRequest request = Assert.Single(_receiver.Requests);
        Assert.Equal(("POST", "/api/organization/"), (request.Method, request.Path));
        Assert.Equal("""{"action":"PROJECT_CREATED","data":"test"}""", request.Body);
        Assert.StartsWith("application/json", request.Headers["Content-Type"]);
    }

    [Fact]
    public async Task test_emit_webhooks()
    {
        await _app.WithEmitterAsync(emitter => emitter.EmitRawAsync("PROJECT_CREATED", Organization, null, new JsonObject { ["data"] = "test" }).AsTask());

        Assert.Equal("""{"action":"PROJECT_CREATED","data":"test"}""", Assert.Single(ToOrganization).Body);
        Assert.Empty(ToProject);
    }

    [Fact]
    public async Task test_emit_webhooks_for_instance()
    {
        var project = new LsProject { Id = _project.Id, Title = "Emitted project" };

        await _app.WithEmitterAsync(emitter => emitter.EmitAsync(LsActions.Descriptors.ProjectCreated, Organization, [project]).AsTask());

        JsonObject body = Assert.Single(ToOrganization).Json;
        Assert.Equal("PROJECT_CREATED", (string?)body["action"]);
        Assert.Equal("Emitted project", (string?)body["project"]!["title"]);
    }

    [Fact]
    public async Task test_exception_catch()
    {
        var unreachable = new Webhook { Id = _organizationWebhook.Id, Url = "http://127.0.0.1:1/unreachable" };

        WebhookDeliveryResult result = await _app.WithEmitterAsync(emitter => emitter.RunWebhookAsync(unreachable, "PROJECT_CREATED", new JsonObject { ["data"] = "test" }));

        Assert.Null(result.StatusCode);
        Assert.False(result.Succeeded);
        Assert.NotNull(result.Error);
    }

    [Fact]
    public async Task test_webhooks_for_projects_rule_project_updated_reaches_both_and_deleted_only_organization_webhooks()
    {
        // Route-level: the sample's /api/projects/ tests. The rules behind them, through the SDK, after the update is stored:
        await _app.WithDbAsync(async db =>
        {
            (await db.Projects.FindAsync(_project.Id))!.Title = "Test title";
            return await db.SaveChangesAsync();
        });
        await _app.WithEmitterAsync(async emitter =>
        {
            await LsActions.EmitProjectUpdatedAsync(emitter, Organization, new LsProject { Id = _project.Id, Title = "Test title" });
            await LsActions.EmitProjectDeletedAsync(emitter, Organization, projectId: null, id: _project.Id);
        });

        Assert.Equal(["PROJECT_UPDATED", "PROJECT_DELETED"], ToOrganization.Select(request => (string?)request.Json["action"]));
        ReceivedRequest updated = Assert.Single(ToProject);
        Assert.Equal("Test title", (string?)updated.Json["project"]!["title"]);
        Assert.Equal(_project.Id, (long)ToOrganization[1].Json["project"]!["id"]!);
    }

    [Fact]
    public async Task test_webhooks_for_tasks()
    {
        var task = new LsTask { Id = 10, ProjectId = _project.Id };

        await _app.WithEmitterAsync(async emitter =>
        {
            await LsActions.EmitTasksCreatedAsync(emitter, Organization, [task]);
            await LsActions.EmitTasksDeletedAsync(emitter, Organization, _project.Id, [task.Id]);
        });

        foreach (IReadOnlyList<ReceivedRequest> requests in new[] { ToOrganization, ToProject })
        {
            Assert.Equal(["TASKS_CREATED", "TASKS_DELETED"], requests.Select(request => (string?)request.Json["action"]));
            Assert.All(requests, request => Assert.Equal(["action", "tasks", "project"], request.Json.Select(member => member.Key)));
            Assert.Equal("Test project", (string?)requests[0].Json["project"]!["title"]);
        }
    }

    [Fact]
    public async Task test_webhooks_for_tasks_import_sends_one_message_with_every_task()
    {
        LsTask[] imported = Enumerable.Range(1, 3).Select(id => new LsTask { Id = id, ProjectId = _project.Id }).ToArray();

        await _app.WithEmitterAsync(emitter => LsActions.EmitTasksCreatedAsync(emitter, Organization, imported).AsTask());

        JsonObject body = Assert.Single(ToProject).Json;
        Assert.Equal(3, body["tasks"]!.AsArray().Count);
        Assert.NotNull(body["project"]);
    }

    [Fact]
    public async Task test_webhooks_for_annotation()
    {
        var task = new LsTask { Id = 3, ProjectId = _project.Id };
        var annotation = new LsAnnotation { Id = 7, TaskId = task.Id, Task = task };

        await _app.WithEmitterAsync(async emitter =>
        {
            await LsActions.EmitAnnotationCreatedAsync(emitter, Organization, annotation);
            await LsActions.EmitAnnotationUpdatedAsync(emitter, Organization, annotation);
            await LsActions.EmitAnnotationUpdatedAsync(emitter, Organization, annotation);
            await LsActions.EmitAnnotationsDeletedAsync(emitter, Organization, _project.Id, [annotation.Id]);
        });

        IReadOnlyList<ReceivedRequest> requests = ToProject;
        Assert.Equal(["ANNOTATION_CREATED", "ANNOTATION_UPDATED", "ANNOTATION_UPDATED", "ANNOTATIONS_DELETED"], requests.Select(request => (string?)request.Json["action"]));
        Assert.All(requests.Take(3), request => Assert.Equal(["action", "annotation", "project", "task"], request.Json.Select(member => member.Key)));
        Assert.Equal(7, (long)requests[3].Json["annotations"]![0]!["id"]!);
    }

    [Fact]
    public async Task test_webhooks_for_action_delete_tasks_annotations_sends_exactly_one_message()
    {
        await _app.WithEmitterAsync(emitter => LsActions.EmitAnnotationsDeletedAsync(emitter, Organization, _project.Id, [1, 2, 3, 4]).AsTask());

        Assert.Equal(4, Assert.Single(ToProject).Json["annotations"]!.AsArray().Count);
        Assert.Single(ToOrganization);
    }

    [Fact]
    public async Task test_webhooks_for_action_delete_tasks_sends_exactly_one_message()
    {
        await _app.WithEmitterAsync(emitter => LsActions.EmitTasksDeletedAsync(emitter, Organization, _project.Id, [1, 2, 3]).AsTask());

        Assert.Equal("TASKS_DELETED", (string?)Assert.Single(ToProject).Json["action"]);
        Assert.Single(ToOrganization);
    }

    [Fact]
    public async Task test_webhooks_for_tasks_from_storages_one_message_per_sync_batch()
    {
        LsTask[] synced = Enumerable.Range(1, 5).Select(id => new LsTask { Id = id, ProjectId = _project.Id }).ToArray();

        await _app.WithEmitterAsync(emitter => LsActions.EmitTasksCreatedAsync(emitter, Organization, synced).AsTask());

        JsonObject body = Assert.Single(ToProject).Json;
        Assert.Equal(["action", "tasks", "project"], body.Select(member => member.Key));
    }

    [Fact]
    public async Task test_webhook_batching()
    {
        await using TestApp app = await StartAppAsync(options => options.BatchSize = 100);
        TestProject project = await app.AddProjectAsync(Organization);
        await app.AddWebhookAsync(Organization, project.Id, _receiver.Url("/batched"));
        LsTask[] tasks = Enumerable.Range(1, 250).Select(id => new LsTask { Id = id, ProjectId = project.Id }).ToArray();

        await app.WithEmitterAsync(emitter => LsActions.EmitTasksCreatedAsync(emitter, Organization, tasks).AsTask());

        Assert.Equal([100, 100, 50], _receiver.To("/batched").Select(request => request.Json["tasks"]!.AsArray().Count));
    }

    [Fact]
    public async Task test_webhook_no_batching_below_the_batch_size()
    {
        LsTask[] tasks = Enumerable.Range(1, 150).Select(id => new LsTask { Id = id, ProjectId = _project.Id }).ToArray();

        await _app.WithEmitterAsync(emitter => LsActions.EmitTasksCreatedAsync(emitter, Organization, tasks).AsTask());

        Assert.Equal(150, Assert.Single(ToProject).Json["tasks"]!.AsArray().Count);
    }

    [Fact]
    public async Task test_auto_disable_increments_on_connection_error()
    {
        Webhook webhook = await _app.AddWebhookAsync(2, null, "http://127.0.0.1:1/closed");

        await _app.WithEmitterAsync(emitter => emitter.RunWebhookAsync(webhook, "PROJECT_CREATED", null));

        Webhook stored = (await _app.FindWebhookAsync(webhook.Id))!;
        Assert.Equal((1, true), (stored.ConsecutiveFailures, stored.IsActive));
    }

    [Fact]
    public async Task test_auto_disable_non_2xx_counts_and_2xx_resets()
    {
        Webhook webhook = await _app.AddWebhookAsync(2, null, _receiver.Url("/flaky"));
        _receiver.Respond = context => Reply(context, StatusCodes.Status500InternalServerError);
        await EmitToOrganizationTwoAsync();
        Assert.Equal(1, (await _app.FindWebhookAsync(webhook.Id))!.ConsecutiveFailures);

        _receiver.Respond = context => Reply(context, StatusCodes.Status200OK);
        await EmitToOrganizationTwoAsync();

        Webhook stored = (await _app.FindWebhookAsync(webhook.Id))!;
        Assert.Equal((0, true), (stored.ConsecutiveFailures, stored.IsActive));
    }

    [Fact]
    public async Task test_auto_disable_at_threshold()
    {
        await using TestApp app = await StartAppAsync(options => options.MaxConsecutiveFailures = 3);
        Webhook webhook = await app.AddWebhookAsync(2, null, _receiver.Url("/failing"));
        _receiver.Respond = context => Reply(context, StatusCodes.Status500InternalServerError);

        for (int attempt = 0; attempt < 3; attempt++)
        {
            await EmitToOrganizationTwoAsync(app);
        }

        Webhook stored = (await app.FindWebhookAsync(webhook.Id))!;
        Assert.Equal((3, false), (stored.ConsecutiveFailures, stored.IsActive));
        Assert.Contains($"Webhook {webhook.Id} auto-disabled after 3 consecutive failures", app.Logs.AtLeast(Microsoft.Extensions.Logging.LogLevel.Warning));
        await EmitToOrganizationTwoAsync(app);
        Assert.Equal(3, _receiver.To("/failing").Count);
    }

    [Fact]
    public async Task test_success_midstreak_prevents_disable()
    {
        await using TestApp app = await StartAppAsync(options => options.MaxConsecutiveFailures = 3);
        Webhook webhook = await app.AddWebhookAsync(2, null, _receiver.Url("/midstreak"));

        foreach (int status in new[] { 500, 500, 200, 500 })
        {
            _receiver.Respond = context => Reply(context, status);
            await EmitToOrganizationTwoAsync(app);
        }

        Webhook stored = (await app.FindWebhookAsync(webhook.Id))!;
        Assert.Equal((1, true), (stored.ConsecutiveFailures, stored.IsActive));
    }

    [Fact]
    public async Task test_auto_disable_kill_switch()
    {
        await using TestApp app = await StartAppAsync(options => options.MaxConsecutiveFailures = 0);
        Webhook webhook = await app.AddWebhookAsync(2, null, _receiver.Url("/killswitch"));
        _receiver.Respond = context => Reply(context, StatusCodes.Status500InternalServerError);

        for (int attempt = 0; attempt < 5; attempt++)
        {
            await EmitToOrganizationTwoAsync(app);
        }

        Webhook stored = (await app.FindWebhookAsync(webhook.Id))!;
        Assert.Equal((0, true), (stored.ConsecutiveFailures, stored.IsActive));
        Assert.Equal(5, _receiver.To("/killswitch").Count);
    }

    [Fact]
    public async Task test_reenable_resets_failure_counter()
    {
        Webhook webhook = await _app.AddWebhookAsync(Organization, _project.Id, _receiver.Url("/disabled"), configure: webhook =>
        {
            webhook.ConsecutiveFailures = 50;
            webhook.IsActive = false;
        });

        HttpResponseMessage response = await _app.Client().PatchAsJsonAsync($"/api/webhooks/{webhook.Id}/", new { is_active = true });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        JsonObject body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal((true, 0), ((bool)body["is_active"]!, (int)body["consecutive_failures"]!));
        Webhook stored = (await _app.FindWebhookAsync(webhook.Id))!;
        Assert.Equal((true, 0), (stored.IsActive, stored.ConsecutiveFailures));
    }

    [Fact]
    public async Task test_url_change_resets_failure_counter()
    {
        Webhook webhook = await _app.AddWebhookAsync(Organization, _project.Id, _receiver.Url("/old"), configure: webhook => webhook.ConsecutiveFailures = 10);

        HttpResponseMessage response = await _app.Client().PatchAsJsonAsync($"/api/webhooks/{webhook.Id}/", new { url = _receiver.Url("/new") });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(0, (await _app.FindWebhookAsync(webhook.Id))!.ConsecutiveFailures);
    }

    private Task EmitToOrganizationTwoAsync(TestApp? app = null) =>
        (app ?? _app).WithEmitterAsync(emitter => emitter.EmitRawAsync("MAINTENANCE", 2, null, new JsonObject { ["window"] = "now" }).AsTask());

    private static Task Reply(HttpContext context, int status)
    {
        context.Response.StatusCode = status;
        return Task.CompletedTask;
    }
}

public sealed class LabelStudioWebhookTestsOnSqlite() : LabelStudioWebhookTests(DatabaseProvider.Sqlite);

public sealed class LabelStudioWebhookTestsOnPostgreSql() : LabelStudioWebhookTests(DatabaseProvider.PostgreSql);
