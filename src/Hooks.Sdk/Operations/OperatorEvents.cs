using System.Text.Json.Nodes;
using Hooks.Sdk.Catalogue;
using Hooks.Sdk.Delivery;
using Hooks.Sdk.Emitting;
using Hooks.Sdk.Store;

namespace Hooks.Sdk.Operations;

/// <summary>
/// Builds the messages of <see cref="HooksActions"/> events for the organization-level webhooks that list them. It
/// only builds: the caller delivers them the way it delivers everything else.
/// </summary>
internal sealed class OperatorEvents(IWebhookStore store) : IWebhookOutcomeEvents
{
    /// <inheritdoc />
    public Task<IReadOnlyList<WebhookMessage>> DisabledAsync(Webhook webhook, string reason, CancellationToken cancellationToken) =>
        MessagesAsync(HooksActions.WebhookDisabled, webhook, new JsonObject { ["reason"] = reason }, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<WebhookMessage>> ExhaustedAsync(Webhook webhook, WebhookDeliveryRecord record, CancellationToken cancellationToken) =>
        // A given-up operator event reports nothing further: a failing receiver subscribed to these must not feed itself.
        record.Action is HooksActions.WebhookDisabled or HooksActions.WebhookAttemptsExhausted
            ? Task.FromResult<IReadOnlyList<WebhookMessage>>([])
            : MessagesAsync(HooksActions.WebhookAttemptsExhausted, webhook, new JsonObject
            {
                ["message_id"] = record.MessageId,
                ["message_action"] = record.Action,
                ["attempts"] = record.Attempts,
                ["last_status_code"] = record.LastStatusCode,
                ["last_error"] = record.LastError,
            }, cancellationToken);

    private async Task<IReadOnlyList<WebhookMessage>> MessagesAsync(string action, Webhook webhook, JsonObject details, CancellationToken cancellationToken)
    {
        HooksActions.Catalogue.TryGetAction(action, out WebhookActionDescriptor? descriptor);
        IReadOnlyList<Webhook> recipients = WebhookRecipients.Of(descriptor!,
            await store.GetActiveAsync(webhook.OrganizationId, projectId: null, action, cancellationToken).ConfigureAwait(false));
        if (recipients.Count == 0)
        {
            return [];
        }
        details["id"] = webhook.Id;
        details["url"] = webhook.Url;
        details["project"] = webhook.ProjectId;
        byte[] body = RawPayload.Write(action, new JsonObject { ["webhook"] = details }, project: null);
        byte[] actionOnly = RawPayload.ActionOnly(action);
        string orderingKey = WebhookOrderingKey.For(webhook.OrganizationId, projectId: null);
        return recipients.Select(recipient => new WebhookMessage(recipient, action, recipient.SendPayload ? body : actionOnly) { OrderingKey = orderingKey }).ToList();
    }
}
