using System.Text.Json;
using System.Text.Json.Nodes;
using Hooks.Sdk.Catalogue;
using Hooks.Sdk.LabelStudioModels;

namespace Hooks.Sdk.Tests.Catalogue;

/// <summary>
/// The generated serializers against the example payloads of Label Studio's documentation: models read from an
/// example are written back through the generated serializer and must give the same JSON, key order included.
/// </summary>
public sealed class LabelStudioPayloadTests
{
    [Fact]
    public void TASKS_CREATED_matches_the_example()
    {
        JsonObject example = Example("TASKS_CREATED");
        LsTask[] tasks = example["tasks"]!.AsArray().Select(Task).ToArray();

        byte[] payload = LsActions.Descriptors.TasksCreated.SerializePayload(tasks, Json(example["project"]));

        AssertSameJson(example, payload);
    }

    [Fact]
    public void TASKS_DELETED_matches_the_example()
    {
        JsonObject example = Example("TASKS_DELETED");
        long[] ids = example["tasks"]!.AsArray().Select(task => (long)task!["id"]!).ToArray();

        byte[] payload = LsActions.Descriptors.TasksDeleted.SerializePayload(ids, Json(example["project"]));

        AssertSameJson(example, payload);
    }

    [Theory]
    [InlineData("ANNOTATION_CREATED")]
    [InlineData("ANNOTATION_UPDATED")]
    public void ANNOTATION_events_match_the_example_and_carry_the_task_last(string action)
    {
        JsonObject example = Example(action);
        LsAnnotation annotation = example["annotation"].Deserialize(LsJsonContext.Default.LsAnnotation)!;
        annotation.Task = new LsTask { Id = annotation.TaskId, ProjectId = (long)example["project"]!["id"]!, Data = new JsonObject { ["text"] = "Opossums" } };
        WebhookModelAction<LsAnnotation> descriptor = action == "ANNOTATION_CREATED"
            ? LsActions.Descriptors.AnnotationCreated
            : LsActions.Descriptors.AnnotationUpdated;

        byte[] payload = descriptor.SerializePayload([annotation], Json(example["project"]));

        // Label Studio sends the task after the project (its docs' examples leave it out).
        example["task"] = JsonSerializer.SerializeToNode(annotation.Task, LsJsonContext.Default.LsTask);
        AssertSameJson(example, payload);
    }

    [Fact]
    public void ANNOTATIONS_DELETED_matches_the_example()
    {
        JsonObject example = Example("ANNOTATIONS_DELETED");

        byte[] payload = LsActions.Descriptors.AnnotationsDeleted.SerializePayload([17L], Json(example["project"]));

        AssertSameJson(example, payload);
    }

    [Fact]
    public void PROJECT_CREATED_serializes_the_model_under_project()
    {
        JsonObject example = Example("PROJECT_CREATED");
        LsProject project = example["project"].Deserialize(LsJsonContext.Default.LsProject)!;

        byte[] payload = LsActions.Descriptors.ProjectCreated.SerializePayload([project], []);

        AssertSameJson(example, payload);
    }

    [Fact]
    public void PROJECT_UPDATED_sends_the_project_object_once_under_project()
    {
        JsonObject example = Example("PROJECT_UPDATED");
        LsProject project = example["project"].Deserialize(LsJsonContext.Default.LsProject)!;
        project.Title = "stale title from the model";

        // As Label Studio's payload['project'] = ProjectWebhookSerializer(...): the project object wins over the model.
        byte[] payload = LsActions.Descriptors.ProjectUpdated.SerializePayload([project], Json(example["project"]));

        AssertSameJson(example, payload);
        Assert.Equal(project.Id, LsActions.Descriptors.ProjectUpdated.GetProjectId(project));
    }

    [Fact]
    public void PROJECT_DELETED_matches_the_example()
    {
        byte[] payload = LsActions.Descriptors.ProjectDeleted.SerializePayload([3L], []);

        AssertSameJson(Example("PROJECT_DELETED"), payload);
    }

    [Fact]
    public void ANNOTATIONS_CREATED_writes_a_list_under_the_singular_key_and_a_parallel_task_list()
    {
        var first = new LsTask { Id = 5, ProjectId = 2 };
        LsAnnotation[] annotations =
        [
            new() { Id = 1, TaskId = 5, Task = first },
            new() { Id = 2, TaskId = 5, Task = first },
            new() { Id = 3, TaskId = 6, Task = null },
        ];

        JsonObject payload = JsonNode.Parse(LsActions.Descriptors.AnnotationsCreated.SerializePayload(annotations, """{"id":2}"""u8))!.AsObject();

        Assert.Equal(["action", "annotation", "project", "task"], payload.Select(member => member.Key));
        Assert.Equal("ANNOTATIONS_CREATED", (string?)payload["action"]);
        Assert.Equal([1L, 2L, 3L], payload["annotation"]!.AsArray().Select(annotation => (long)annotation!["id"]!));
        JsonArray tasks = payload["task"]!.AsArray();
        Assert.Equal([5L, 5L], tasks.Take(2).Select(task => (long)task!["id"]!));
        Assert.Null(tasks[2]);
    }

    [Fact]
    public void Without_a_project_the_payload_has_no_project_member()
    {
        JsonObject payload = JsonNode.Parse(LsActions.Descriptors.TasksDeleted.SerializePayload([1L, 2L], []))!.AsObject();

        Assert.Equal("""{"action":"TASKS_DELETED","tasks":[{"id":1},{"id":2}]}""", payload.ToJsonString());
    }

    [Fact]
    public void A_single_model_action_rejects_several_instances()
    {
        var exception = Assert.Throws<ArgumentException>(() =>
            LsActions.Descriptors.AnnotationCreated.SerializePayload([new LsAnnotation(), new LsAnnotation()], []));

        Assert.Contains("ANNOTATION_CREATED carries one LsAnnotation, but 2 were given", exception.Message);
    }

    [Fact]
    public void Project_accessors_follow_the_declared_path_and_give_null_where_it_breaks()
    {
        var annotation = new LsAnnotation { Task = new LsTask { ProjectId = 42 } };

        Assert.Equal(42, LsActions.Descriptors.AnnotationCreated.GetProjectId(annotation));
        Assert.Null(LsActions.Descriptors.AnnotationCreated.GetProjectId(new LsAnnotation { Task = null }));
        Assert.Equal(7, LsActions.Descriptors.TasksCreated.GetProjectId(new LsTask { ProjectId = 7 }));
        Assert.Null(LsActions.Descriptors.ProjectCreated.GetProjectId(new LsProject { Id = 3 }));
        Assert.Equal(9, LsActions.Descriptors.TasksDeleted.GetId(new LsTask { Id = 9 }));
    }

    [Fact]
    public void Non_ascii_and_markup_are_written_as_utf8_not_escaped()
    {
        var task = new LsTask { Id = 1, Data = new JsonObject { ["text"] = "Ça <b>marche</b> & \"quotes\"" } };

        string payload = System.Text.Encoding.UTF8.GetString(LsActions.Descriptors.TasksCreated.SerializePayload([task], []));

        Assert.Contains("Ça <b>marche</b> & \\\"quotes\\\"", payload);
    }

    private static LsTask Task(JsonNode? node) => node.Deserialize(LsJsonContext.Default.LsTask)!;

    private static byte[] Json(JsonNode? node) => JsonSerializer.SerializeToUtf8Bytes(node);

    private static JsonObject Example(string action) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Catalogue", "LabelStudioPayloads", action + ".json")))!.AsObject();

    private static void AssertSameJson(JsonNode expected, byte[] actual) =>
        Assert.Equal(expected.ToJsonString(), JsonNode.Parse(actual)!.ToJsonString());
}
