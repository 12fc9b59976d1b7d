using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Hooks.Sdk;

/// <summary>
/// Label Studio's delivery: each message POSTed in turn before the emitting call returns, and each outcome fed to
/// the auto-disable counter.
/// </summary>
internal sealed partial class InlineWebhookDelivery(
    WebhookSender sender,
    IWebhookStore store,
    IOptions<WebhookOptions> options,
    ILogger<InlineWebhookDelivery> logger) : IWebhookDelivery
{
    public async Task DeliverAsync(IReadOnlyList<WebhookMessage> messages, CancellationToken cancellationToken)
    {
        foreach (WebhookMessage message in messages)
        {
            WebhookDeliveryResult result = await sender.SendAsync(message, cancellationToken).ConfigureAwait(false);
            await WebhookFailureCounter.RecordAsync(store, message.Webhook, result, options.Value.MaxConsecutiveFailures, logger, cancellationToken)
                .ConfigureAwait(false);
        }
    }
}
