using System.Text.Json.Nodes;
using Hooks.Sdk.Catalogue;
using Hooks.Sdk.Delivery;
using Hooks.Sdk.Store;

namespace Hooks.Sdk.Emitting;

/// <summary>
/// The functions of Label Studio's webhook developer guide, typed: <c>get_active_webhooks</c>, <c>run_webhook</c>,
/// <c>emit_webhooks</c> and <c>emit_webhooks_for_instance</c>. The typed helpers the generator writes
/// (<c>EmitTasksCreatedAsync</c>...) and the filters call it, so that a call site cannot pass the wrong model.
/// Failures to reach a receiver never surface here.
/// </summary>
public interface IWebhookEmitter
{
    /// <summary>
    /// The webhooks an event reaches (Label Studio's <c>get_active_webhooks</c>): same organization; the event's project
    /// or organization-level; active; subscribed to all actions or to this one.
    /// </summary>
    /// <param name="organizationId">The organization.</param>
    /// <param name="projectId">The event's project, or <see langword="null"/> for organization-level webhooks only.</param>
    /// <param name="action">A declared action name.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <exception cref="ArgumentException">The action is not declared, or is organization-only and a project was given.</exception>
    Task<IReadOnlyList<Webhook>> GetActiveWebhooksAsync(long organizationId, long? projectId, string action, CancellationToken cancellationToken = default);

    /// <summary>
    /// POSTs <c>{"action": action, ...payload}</c> to one webhook now (Label Studio's <c>run_webhook</c>), or just
    /// <c>{"action": action}</c> when it does not send payloads, and feeds the outcome to its failure counter.
    /// </summary>
    /// <param name="webhook">The recipient.</param>
    /// <param name="action">The action name.</param>
    /// <param name="payload">Members to send after <c>"action"</c>, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the attempt.</param>
    Task<WebhookDeliveryResult> RunWebhookAsync(Webhook webhook, string action, JsonObject? payload, CancellationToken cancellationToken = default);

    /// <summary>
    /// Emits <paramref name="action"/> for <paramref name="instances"/> to the matching webhooks of
    /// <paramref name="organizationId"/>. Instances are grouped by project; a list action sends one message per
    /// project and batch, a single-model action one message per instance.
    /// </summary>
    /// <typeparam name="TModel">The action's model.</typeparam>
    /// <param name="action">The generated descriptor, for example <c>LabelStudioActions.Descriptors.TasksCreated</c>.</param>
    /// <param name="organizationId">The organization whose webhooks may receive it.</param>
    /// <param name="instances">The models, as stored after the change.</param>
    /// <param name="cancellationToken">Cancels the emission.</param>
    ValueTask EmitAsync<TModel>(
        WebhookModelAction<TModel> action,
        long organizationId,
        IReadOnlyList<TModel> instances,
        CancellationToken cancellationToken = default)
        where TModel : class;

    /// <summary>Emits an ids-only action (a delete) for <paramref name="ids"/>, captured before the delete.</summary>
    /// <typeparam name="TModel">The deleted model.</typeparam>
    /// <typeparam name="TId">The type of its id.</typeparam>
    /// <param name="action">The generated descriptor.</param>
    /// <param name="organizationId">The organization whose webhooks may receive it.</param>
    /// <param name="projectId">The project the models belonged to, or <see langword="null"/> for organization-level webhooks only.</param>
    /// <param name="ids">The ids of the deleted models.</param>
    /// <param name="cancellationToken">Cancels the emission.</param>
    ValueTask EmitIdsAsync<TModel, TId>(
        WebhookIdAction<TModel, TId> action,
        long organizationId,
        long? projectId,
        IReadOnlyList<TId> ids,
        CancellationToken cancellationToken = default)
        where TModel : class
        where TId : struct;

    /// <summary>
    /// Emits <c>{"action": action, ...payload}</c> to the matching webhooks (Label Studio's <c>emit_webhooks</c>); when
    /// <paramref name="projectId"/> is set the project object is added under <c>"project"</c>.
    /// </summary>
    /// <param name="action">A declared action name.</param>
    /// <param name="organizationId">The organization whose webhooks may receive it.</param>
    /// <param name="projectId">The project, or <see langword="null"/> for organization-level webhooks only.</param>
    /// <param name="payload">Members to send after <c>"action"</c>, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the emission.</param>
    ValueTask EmitRawAsync(
        string action,
        long organizationId,
        long? projectId,
        JsonObject? payload,
        CancellationToken cancellationToken = default);
}
