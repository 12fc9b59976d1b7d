namespace Hooks.Sdk;

/// <summary>
/// On a POST, PUT or PATCH controller action: after the action succeeds, reloads the object whose <c>id</c> the
/// response carries and emits <see cref="Action"/> for it (Label Studio's <c>@api_webhook</c>).
/// </summary>
/// <param name="action">A declared action name, for example <c>LabelStudioActions.TasksCreated</c>.</param>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true, Inherited = true)]
public sealed class ApiWebhookAttribute(string action) : Attribute
{
    /// <summary>The action emitted.</summary>
    public string Action { get; } = action;
}
