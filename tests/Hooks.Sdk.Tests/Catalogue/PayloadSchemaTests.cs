using System.Text.Json;
using System.Text.Json.Nodes;
using Hooks.Sdk.Catalogue;
using Hooks.Sdk.LabelStudioModels;
using Json.Schema;

namespace Hooks.Sdk.Tests.Catalogue;

/// <summary>
/// The payload schemas (<see cref="WebhookPayloadSchema"/>) checked by an independent draft 2020-12 validator
/// (JsonSchema.Net) against what the generated serializers write.
/// </summary>
public sealed class PayloadSchemaTests
{
    private static readonly byte[] Project = JsonSerializer.SerializeToUtf8Bytes(new LsProject { Id = 3, Title = "P" }, LsJsonContext.Default.LsProject);

    [Fact]
    public void Every_kind_of_payload_the_serializers_write_fits_its_schema()
    {
        var task = new LsTask { Id = 5, ProjectId = 3, Data = new JsonObject { ["text"] = "t" }, CreatedAt = DateTime.UtcNow };
        var annotation = new LsAnnotation { Id = 7, TaskId = 5, Task = task, Result = [new JsonObject { ["type"] = "choices" }] };
        var withoutTask = new LsAnnotation { Id = 8, TaskId = 5 };

        AssertFits(LsActions.Descriptors.TasksCreated, LsActions.Descriptors.TasksCreated.SerializePayload([task, task], Project));
        AssertFits(LsActions.Descriptors.AnnotationCreated, LsActions.Descriptors.AnnotationCreated.SerializePayload([annotation], Project));
        AssertFits(LsActions.Descriptors.AnnotationCreated, LsActions.Descriptors.AnnotationCreated.SerializePayload([withoutTask], []));
        AssertFits(LsActions.Descriptors.AnnotationsCreated, LsActions.Descriptors.AnnotationsCreated.SerializePayload([annotation, withoutTask], Project));
        AssertFits(LsActions.Descriptors.TasksDeleted, LsActions.Descriptors.TasksDeleted.SerializePayload([5, 6], Project));
        AssertFits(LsActions.Descriptors.ProjectCreated, LsActions.Descriptors.ProjectCreated.SerializePayload([new LsProject { Id = 3 }], []));
        AssertFits(LsActions.Descriptors.ProjectDeleted, LsActions.Descriptors.ProjectDeleted.SerializePayload([3], []));
        // A webhook with send_payload off gets the action alone.
        AssertFits(LsActions.Descriptors.TasksCreated, """{"action":"TASKS_CREATED"}"""u8.ToArray());
    }

    [Theory]
    [InlineData("""{"action":"TASKS_DELETED","tasks":[{"id":"5"}]}""")]
    [InlineData("""{"action":"TASKS_DELETED","tasks":{"id":5}}""")]
    [InlineData("""{"action":"TASKS_CREATED","tasks":[{"id":5}]}""")]
    [InlineData("""{"action":"TASKS_DELETED","tasks":[{"id":5}],"extra":1}""")]
    [InlineData("""{"tasks":[{"id":5}]}""")]
    public void A_wrong_body_does_not_fit(string body)
    {
        JsonSchema schema = SchemaOf(LsActions.Descriptors.TasksDeleted);

        Assert.False(schema.Evaluate(JsonDocument.Parse(body).RootElement).IsValid, body);
    }

    [Fact]
    public void The_schema_follows_the_payloads_key_order_and_the_contexts_naming_and_dates()
    {
        JsonObject schema = WebhookPayloadSchema.For(LsActions.Descriptors.AnnotationCreated, LsJsonContext.Default.LsProject);

        JsonObject properties = schema["properties"]!.AsObject();
        Assert.Equal(["action", "annotation", "project", "task"], properties.Select(property => property.Key));
        Assert.Equal("ANNOTATION_CREATED", (string?)properties["action"]!["const"]);
        JsonObject annotation = properties["annotation"]!["properties"]!.AsObject();
        Assert.Contains("was_cancelled", annotation.Select(property => property.Key));
        Assert.DoesNotContain("Task", annotation.Select(property => property.Key));
        Assert.Equal("date-time", (string?)annotation["created_at"]!["format"]);
        // The nested task can be null. PROJECT_CREATED's key is the project itself: one member, the model or the app's object.
        Assert.Contains("null", properties["task"]!["type"]!.AsArray().Select(type => (string?)type));
        JsonObject created = WebhookPayloadSchema.For(LsActions.Descriptors.ProjectCreated, LsJsonContext.Default.LsProject)["properties"]!.AsObject();
        Assert.Equal(["action", "project"], created.Select(property => property.Key));
        Assert.Equal(2, created["project"]!["anyOf"]!.AsArray().Count);
    }

    [Fact]
    public void A_recursive_models_reference_is_replaced_so_the_schema_stands_inside_the_envelope()
    {
        JsonObject schema = WebhookPayloadSchema.For(TreeActions.Descriptors.NodeMoved);

        Assert.DoesNotContain("$ref", schema.ToJsonString());
        byte[] payload = TreeActions.Descriptors.NodeMoved.SerializePayload([new TreeNode { Id = 2, Parent = new TreeNode { Id = 1 } }], []);
        Assert.True(JsonSchema.FromText(schema.ToJsonString()).Evaluate(JsonDocument.Parse(payload).RootElement).IsValid);
    }

    private static void AssertFits(WebhookActionDescriptor action, byte[] payload)
    {
        EvaluationResults results = SchemaOf(action).Evaluate(JsonDocument.Parse(payload).RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        Assert.True(results.IsValid, $"{System.Text.Encoding.UTF8.GetString(payload)}\n{JsonSerializer.Serialize(results)}");
    }

    private static JsonSchema SchemaOf(WebhookActionDescriptor action) =>
        JsonSchema.FromText(WebhookPayloadSchema.For(action, LsJsonContext.Default.LsProject).ToJsonString());
}

/// <summary>A model that refers to its own type, whose exported schema carries a <c>$ref</c>.</summary>
public sealed class TreeNode
{
    public long Id { get; set; }

    public TreeNode? Parent { get; set; }
}

[System.Text.Json.Serialization.JsonSerializable(typeof(TreeNode))]
public sealed partial class TreeJsonContext : System.Text.Json.Serialization.JsonSerializerContext;

[WebhookActions(JsonContext = typeof(TreeJsonContext))]
public static partial class TreeActions
{
    [WebhookAction("Node moved", Key = "node", Model = typeof(TreeNode))]
    public const string NodeMoved = "NODE_MOVED";
}
