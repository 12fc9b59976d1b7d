namespace Hooks.Sdk.Catalogue;

/// <summary>
/// Declares one webhook action on a <see langword="const"/> string field of a class marked with
/// <see cref="WebhookActionsAttribute"/>. The field's value is the action name sent as <c>"action"</c>
/// (upper snake case, for example <c>TASKS_CREATED</c>); the options mirror the entries of Label Studio's
/// <c>WebhookAction.ACTIONS</c>.
/// </summary>
/// <param name="name">Human-readable name listed by <c>GET /api/webhooks/info/</c>, for example "Task created".</param>
[AttributeUsage(AttributeTargets.Field, AllowMultiple = false, Inherited = false)]
public sealed class WebhookActionAttribute(string name) : Attribute
{
    /// <summary>Human-readable name listed by <c>GET /api/webhooks/info/</c>.</summary>
    public string Name { get; } = name;

    /// <summary>Longer description listed by <c>GET /api/webhooks/info/</c>; empty by default, as in Label Studio.</summary>
    public string Description { get; set; } = "";

    /// <summary>The payload member that carries the model, for example <c>"tasks"</c> in <c>{"action":..., "tasks":[...]}</c>.</summary>
    public string? Key { get; set; }

    /// <summary>
    /// The model sent under <see cref="Key"/>. It needs a public <c>Id</c> property of an integer or <see cref="Guid"/>
    /// type. Without a model the action is raw: it is emitted with a payload the caller builds.
    /// </summary>
    public Type? Model { get; set; }

    /// <summary>Whether <see cref="Key"/> holds a list of models rather than one (Label Studio's <c>many</c>).</summary>
    public bool Many { get; set; }

    /// <summary>
    /// Dotted member path from the model to its project: either to an object with an integer <c>Id</c>
    /// (<c>"Project"</c>, <c>"Task.Project"</c>) or to the integer id itself (<c>"ProjectId"</c>). Use
    /// <see cref="WebhookProject.Self"/> when the model is the project. Without a path the action is emitted with no
    /// project and reaches organization-level webhooks only.
    /// </summary>
    public string? Project { get; set; }

    /// <summary>
    /// Only organization-level webhooks may subscribe to the action, and it is never emitted with a project
    /// (Label Studio's <c>organization-only</c>, for example <c>PROJECT_CREATED</c>).
    /// </summary>
    public bool OrganizationOnly { get; set; }

    /// <summary>
    /// Only webhooks that list the action in their <c>actions</c> receive it; one that sends all actions does not.
    /// For actions beyond Label Studio's, whose receivers subscribe to "all actions" meaning Label Studio's and may
    /// reject any other. <c>/api/webhooks/info/</c> shows it as <c>"opt-in": true</c>.
    /// </summary>
    public bool OptIn { get; set; }

    /// <summary>
    /// The payload carries only <c>{"id": N}</c> items, captured before the model is deleted (Label Studio's
    /// <c>OnlyIDWebhookSerializer</c> for the <c>*_DELETED</c> actions).
    /// </summary>
    public bool OnlyIds { get; set; }
}
