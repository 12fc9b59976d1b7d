using Hooks.Sdk.Catalogue;
using LabelStudio.Sample.Domain;

namespace LabelStudio.Sample.Webhooks;

/// <summary>Label Studio's webhook actions, as its <c>WebhookAction.ACTIONS</c> declares them.</summary>
[WebhookActions(JsonContext = typeof(SampleJsonContext))]
public static partial class LabelStudioActions
{
    [WebhookAction("Project created", Key = "project", Model = typeof(Project), OrganizationOnly = true)]
    public const string ProjectCreated = "PROJECT_CREATED";

    [WebhookAction("Project updated", Key = "project", Model = typeof(Project), Project = WebhookProject.Self)]
    public const string ProjectUpdated = "PROJECT_UPDATED";

    [WebhookAction("Project deleted", Key = "project", Model = typeof(Project), OrganizationOnly = true, OnlyIds = true)]
    public const string ProjectDeleted = "PROJECT_DELETED";

    [WebhookAction("Task created", Key = "tasks", Model = typeof(TaskItem), Many = true, Project = "ProjectId")]
    public const string TasksCreated = "TASKS_CREATED";

    [WebhookAction("Task deleted", Key = "tasks", Model = typeof(TaskItem), Many = true, Project = "ProjectId", OnlyIds = true)]
    public const string TasksDeleted = "TASKS_DELETED";

    [WebhookAction("Annotation created", Key = "annotation", Model = typeof(Annotation), Project = "ProjectId")]
    [WebhookNestedField("task", "Task")]
    public const string AnnotationCreated = "ANNOTATION_CREATED";

    [WebhookAction("Annotations created", Key = "annotation", Model = typeof(Annotation), Many = true, Project = "ProjectId")]
    [WebhookNestedField("task", "Task")]
    public const string AnnotationsCreated = "ANNOTATIONS_CREATED";

    [WebhookAction("Annotation updated", Key = "annotation", Model = typeof(Annotation), Project = "ProjectId")]
    [WebhookNestedField("task", "Task")]
    public const string AnnotationUpdated = "ANNOTATION_UPDATED";

    [WebhookAction("Annotation deleted", Key = "annotations", Model = typeof(Annotation), Many = true, Project = "ProjectId", OnlyIds = true)]
    public const string AnnotationsDeleted = "ANNOTATIONS_DELETED";
}
