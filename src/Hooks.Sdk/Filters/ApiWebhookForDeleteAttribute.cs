namespace Hooks.Sdk;

/// <summary>
/// On a DELETE controller action: captures the id (and project) of the object before the action runs and, when
/// the delete succeeds, emits <see cref="Action"/> with only that id (Label Studio's <c>@api_webhook_for_delete</c>).
/// </summary>
/// <param name="action">A declared ids-only action name, for example <c>LabelStudioActions.TasksDeleted</c>.</param>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true, Inherited = true)]
public sealed class ApiWebhookForDeleteAttribute(string action) : Attribute
{
    /// <summary>The action emitted.</summary>
    public string Action { get; } = action;
}
