using System.Text.Json.Nodes;
using Hooks.Sdk.Catalogue;
using Hooks.Sdk.Delivery;
using Hooks.Sdk.Store;
using Microsoft.Extensions.Options;

namespace Hooks.Sdk.Emitting;

/// <summary>
/// Builds Label Studio's messages for an event and hands them to <see cref="IWebhookDelivery"/>: one per matching
/// webhook and batch, the payload serialized once per batch, <c>{"action": A}</c> alone for webhooks that do not send
/// payloads.
/// </summary>
internal sealed class WebhookEmitter(
    IWebhookStore store,
    IWebhookProjects projects,
    IWebhookDelivery delivery,
    InlineWebhookDelivery inline,
    WebhookActionRegistry registry,
    IOptions<WebhookOptions> options) : IWebhookEmitter
{
    public async Task<IReadOnlyList<Webhook>> GetActiveWebhooksAsync(long organizationId, long? projectId, string action, CancellationToken cancellationToken = default)
    {
        WebhookActionDescriptor descriptor = Describe(action);
        if (projectId is not null && descriptor.OrganizationOnly)
        {
            throw new ArgumentException($"{action} is organization-only: there are no project webhooks for it, so it cannot be emitted with a project.", nameof(projectId));
        }
        return WebhookRecipients.Of(descriptor, await store.GetActiveAsync(organizationId, projectId, action, cancellationToken).ConfigureAwait(false));
    }

    public async Task<WebhookDeliveryResult> RunWebhookAsync(Webhook webhook, string action, JsonObject? payload, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(webhook);
        ArgumentException.ThrowIfNullOrEmpty(action);
        byte[] body = webhook.SendPayload ? RawPayload.Write(action, payload, project: null) : RawPayload.ActionOnly(action);
        return await inline.SendAsync(new WebhookMessage(webhook, action, body), cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask EmitAsync<TModel>(WebhookModelAction<TModel> action, long organizationId, IReadOnlyList<TModel> instances, CancellationToken cancellationToken = default)
        where TModel : class
    {
        ArgumentNullException.ThrowIfNull(action);
        ArgumentNullException.ThrowIfNull(instances);
        foreach (IGrouping<long?, TModel> group in instances.GroupBy(action.GetProjectId))
        {
            TModel[] models = group.ToArray();
            await EmitBatchesAsync(action, organizationId, group.Key, models.Length,
                (range, project) => action.SerializePayload(models.AsSpan(range), project), cancellationToken).ConfigureAwait(false);
        }
    }

    public ValueTask EmitIdsAsync<TModel, TId>(WebhookIdAction<TModel, TId> action, long organizationId, long? projectId, IReadOnlyList<TId> ids, CancellationToken cancellationToken = default)
        where TModel : class
        where TId : struct
    {
        ArgumentNullException.ThrowIfNull(action);
        ArgumentNullException.ThrowIfNull(ids);
        TId[] values = ids.ToArray();
        return EmitBatchesAsync(action, organizationId, projectId, values.Length,
            (range, project) => action.SerializePayload(values.AsSpan(range), project), cancellationToken);
    }

    public async ValueTask EmitRawAsync(string action, long organizationId, long? projectId, JsonObject? payload, CancellationToken cancellationToken = default)
    {
        IReadOnlyList<Webhook> webhooks = await GetActiveWebhooksAsync(organizationId, projectId, action, cancellationToken).ConfigureAwait(false);
        if (webhooks.Count == 0)
        {
            return;
        }
        byte[]? project = projectId is { } id && payload is { Count: > 0 } && webhooks.Any(webhook => webhook.SendPayload)
            ? await projects.GetPayloadAsync(id, cancellationToken).ConfigureAwait(false)
            : null;
        byte[] body = RawPayload.Write(action, payload, project);
        await delivery.DeliverAsync(Messages(webhooks, action, body, WebhookOrderingKey.For(organizationId, projectId)), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Label Studio's <c>emit_webhooks_for_instance</c> with batching: nothing is sent for no instances; a list action
    /// sends batches of <see cref="WebhookOptions.BatchSize"/>, a single-model action one message per instance.
    /// </summary>
    private async ValueTask EmitBatchesAsync(
        WebhookActionDescriptor action, long organizationId, long? projectId, int count,
        Func<Range, byte[], byte[]> serialize, CancellationToken cancellationToken)
    {
        if (count == 0)
        {
            return;
        }
        IReadOnlyList<Webhook> webhooks = await GetActiveWebhooksAsync(organizationId, projectId, action.Action, cancellationToken).ConfigureAwait(false);
        if (webhooks.Count == 0)
        {
            return;
        }
        bool anyPayload = webhooks.Any(webhook => webhook.SendPayload);
        byte[] project = anyPayload && projectId is { } id
            ? await projects.GetPayloadAsync(id, cancellationToken).ConfigureAwait(false) ?? []
            : [];
        int batchSize = action.Many ? Math.Max(1, options.Value.BatchSize) : 1;
        string orderingKey = WebhookOrderingKey.For(organizationId, projectId);
        for (int start = 0; start < count; start += batchSize)
        {
            byte[] body = anyPayload ? serialize(start..Math.Min(count, start + batchSize), project) : RawPayload.ActionOnly(action.Action);
            await delivery.DeliverAsync(Messages(webhooks, action.Action, body, orderingKey), cancellationToken).ConfigureAwait(false);
        }
    }

    private static WebhookMessage[] Messages(IReadOnlyList<Webhook> webhooks, string action, byte[] body, string orderingKey)
    {
        byte[]? actionOnly = null;
        return webhooks
            .Select(webhook => new WebhookMessage(webhook, action, webhook.SendPayload ? body : actionOnly ??= RawPayload.ActionOnly(action)) { OrderingKey = orderingKey })
            .ToArray();
    }

    private WebhookActionDescriptor Describe(string action) =>
        registry.TryGetAction(action, out WebhookActionDescriptor? descriptor)
            ? descriptor
            : throw new ArgumentException($"No registered catalogue declares the webhook action '{action}'.", nameof(action));
}
