using System.Text.Json.Nodes;

namespace Hooks.Sdk.Tests.Catalogue;

/// <summary>The generated <c>Emit...Async</c> helpers hand the right descriptor and arguments to the emitter.</summary>
public sealed class EmitHelperTests
{
    private readonly RecordingEmitter _emitter = new();

    [Fact]
    public async Task List_action_helper_passes_the_instances()
    {
        LsTask[] tasks = [new() { Id = 1 }, new() { Id = 2 }];

        await LsActions.EmitTasksCreatedAsync(_emitter, organizationId: 3, tasks);

        (WebhookActionDescriptor action, long organization, object arguments) = Assert.Single(_emitter.Calls);
        Assert.Same(LsActions.Descriptors.TasksCreated, action);
        Assert.Equal(3, organization);
        Assert.Same(tasks, arguments);
    }

    [Fact]
    public async Task Single_model_helper_wraps_the_instance()
    {
        var annotation = new LsAnnotation { Id = 4 };

        await LsActions.EmitAnnotationCreatedAsync(_emitter, 1, annotation);

        (WebhookActionDescriptor action, _, object arguments) = Assert.Single(_emitter.Calls);
        Assert.Same(LsActions.Descriptors.AnnotationCreated, action);
        Assert.Same(annotation, Assert.Single((IReadOnlyList<LsAnnotation>)arguments));
    }

    [Fact]
    public async Task Ids_helpers_pass_the_project_and_ids()
    {
        await LsActions.EmitTasksDeletedAsync(_emitter, 1, projectId: 8, ids: [5, 6]);
        await LsActions.EmitProjectDeletedAsync(_emitter, 1, projectId: null, id: 8);

        Assert.Same(LsActions.Descriptors.TasksDeleted, _emitter.Calls[0].Action);
        Assert.Equal("8: 5,6", _emitter.Calls[0].Arguments);
        Assert.Same(LsActions.Descriptors.ProjectDeleted, _emitter.Calls[1].Action);
        Assert.Equal(": 8", _emitter.Calls[1].Arguments);
    }

    [Fact]
    public async Task Raw_helper_passes_the_action_name_and_payload()
    {
        var payload = new JsonObject { ["data"] = "test" };

        await OtherActions.EmitSomethingHappenedAsync(_emitter, 2, projectId: null, payload);

        Assert.Equal(("SOMETHING_HAPPENED", (long?)null, payload), ((string, long?, JsonObject?))Assert.Single(_emitter.Calls).Arguments);
    }

    [Fact]
    public async Task Helpers_reject_a_null_emitter()
    {
        await Assert.ThrowsAsync<ArgumentNullException>(() => LsActions.EmitTasksCreatedAsync(null!, 1, []).AsTask());
    }

    /// <summary>Records calls; the real emitter is exercised by the runtime tests.</summary>
    private sealed class RecordingEmitter : IWebhookEmitter
    {
        public List<(WebhookActionDescriptor Action, long Organization, object Arguments)> Calls { get; } = [];

        public ValueTask EmitAsync<TModel>(WebhookModelAction<TModel> action, long organizationId, IReadOnlyList<TModel> instances, CancellationToken cancellationToken = default)
            where TModel : class
        {
            Calls.Add((action, organizationId, instances));
            return ValueTask.CompletedTask;
        }

        public ValueTask EmitIdsAsync<TModel, TId>(WebhookIdAction<TModel, TId> action, long organizationId, long? projectId, IReadOnlyList<TId> ids, CancellationToken cancellationToken = default)
            where TModel : class
            where TId : struct
        {
            Calls.Add((action, organizationId, $"{projectId}: {string.Join(',', ids)}"));
            return ValueTask.CompletedTask;
        }

        public ValueTask EmitRawAsync(string action, long organizationId, long? projectId, JsonObject? payload, CancellationToken cancellationToken = default)
        {
            Calls.Add((OtherActions.Descriptors.SomethingHappened, organizationId, (action, projectId, payload)));
            return ValueTask.CompletedTask;
        }
    }
}
