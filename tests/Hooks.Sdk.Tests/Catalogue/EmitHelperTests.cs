using System.Text.Json.Nodes;
using Hooks.Sdk.TestInfrastructure;
using Hooks.Sdk.Tests.Infrastructure;
using Hooks.Sdk.LabelStudioModels;

namespace Hooks.Sdk.Tests.Catalogue;

/// <summary>The generated <c>Emit...Async</c> helpers, through the real emitter to a real receiver.</summary>
public sealed class EmitHelperTests : IAsyncLifetime
{
    private TestApp _app = null!;
    private Receiver _receiver = null!;

    public async Task InitializeAsync()
    {
        _app = await TestApp.StartAsync();
        _receiver = await Receiver.StartAsync();
        await _app.AddWebhookAsync(1, null, _receiver.Url());
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _receiver.DisposeAsync();
    }

    [Fact]
    public async Task List_action_helper_sends_the_instances()
    {
        await _app.WithEmitterAsync(emitter => LsActions.EmitTasksCreatedAsync(emitter, 1, [new LsTask { Id = 1 }, new LsTask { Id = 2 }]).AsTask());

        JsonObject body = Assert.Single(_receiver.Requests).Json;
        Assert.Equal("TASKS_CREATED", (string?)body["action"]);
        Assert.Equal([1L, 2L], body["tasks"]!.AsArray().Select(task => (long)task!["id"]!));
    }

    [Fact]
    public async Task Single_model_helper_sends_the_instance()
    {
        await _app.WithEmitterAsync(emitter => LsActions.EmitAnnotationCreatedAsync(emitter, 1, new LsAnnotation { Id = 4 }).AsTask());

        JsonObject body = Assert.Single(_receiver.Requests).Json;
        Assert.Equal(4, (long)body["annotation"]!["id"]!);
    }

    [Fact]
    public async Task Ids_helpers_send_the_ids()
    {
        await _app.WithEmitterAsync(async emitter =>
        {
            await LsActions.EmitTasksDeletedAsync(emitter, 1, projectId: null, ids: [5, 6]);
            await LsActions.EmitProjectDeletedAsync(emitter, 1, projectId: null, id: 8);
        });

        Assert.Equal(
            ["""{"action":"TASKS_DELETED","tasks":[{"id":5},{"id":6}]}""", """{"action":"PROJECT_DELETED","project":{"id":8}}"""],
            _receiver.Requests.Select(request => request.Body));
    }

    [Fact]
    public async Task Raw_helper_sends_the_payload_after_the_action()
    {
        await _app.WithEmitterAsync(emitter => OtherActions.EmitSomethingHappenedAsync(emitter, 1, projectId: null, new JsonObject { ["something"] = "ok" }).AsTask());

        Assert.Equal("""{"action":"SOMETHING_HAPPENED","something":"ok"}""", Assert.Single(_receiver.Requests).Body);
    }

    [Fact]
    public async Task Helpers_reject_a_null_emitter()
    {
        await Assert.ThrowsAsync<ArgumentNullException>(() => LsActions.EmitTasksCreatedAsync(null!, 1, []).AsTask());
    }
}
