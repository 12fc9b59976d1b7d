using Hooks.Sdk.Store;

namespace Hooks.Sdk.Delivery;

/// <summary>
/// Label Studio's delivery: each message POSTed in turn before the emitting call returns, each outcome fed to the
/// auto-disable counter, and the operator events that raises sent the same way.
/// </summary>
internal sealed class InlineWebhookDelivery(WebhookSender sender, WebhookOutcomes outcomes) : IWebhookDelivery
{
    public async Task DeliverAsync(IReadOnlyList<WebhookMessage> messages, CancellationToken cancellationToken)
    {
        foreach (WebhookMessage message in messages)
        {
            await SendAsync(message, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Sends one message now (Label Studio's <c>run_webhook</c>) and records its outcome.</summary>
    public async Task<WebhookDeliveryResult> SendAsync(WebhookMessage message, CancellationToken cancellationToken)
    {
        WebhookDeliveryResult result = await sender.SendAsync(message, cancellationToken).ConfigureAwait(false);
        IReadOnlyList<WebhookMessage> raised = await outcomes.RecordAsync(message.Webhook, result, record: null, cancellationToken).ConfigureAwait(false);
        await DeliverAsync(raised, cancellationToken).ConfigureAwait(false);
        return result;
    }
}
