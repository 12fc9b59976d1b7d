using Hooks.Sdk.Catalogue;
using LabelStudio.Sample.Domain;

namespace LabelStudio.Sample.Webhooks;

/// <summary>
/// Events Label Studio does not have and its users keep asking for, declared the way any app extends the catalogue.
/// <c>/api/webhooks/info/</c> lists them after Label Studio's. They are opt-in: a webhook that sends all actions (a
/// Label Studio receiver, which may reject actions it does not know) never gets them; one that lists them does.
/// </summary>
[WebhookActions(JsonContext = typeof(SampleJsonContext))]
public static partial class SampleActions
{
    /// <summary>Label Studio issues #4831, #9557, #1003.</summary>
    [WebhookAction("Task completed", Description = "A task got its first finished (not skipped) annotation.", Key = "task", Model = typeof(TaskItem), Project = "ProjectId", OptIn = true)]
    public const string TaskCompleted = "TASK_COMPLETED";

    /// <summary>The moment to start training or export: every task of the project is labeled.</summary>
    [WebhookAction("Project completed", Description = "Every task of the project is labeled.", Key = "project", Model = typeof(Project), Project = WebhookProject.Self, OptIn = true)]
    public const string ProjectCompleted = "PROJECT_COMPLETED";
}
