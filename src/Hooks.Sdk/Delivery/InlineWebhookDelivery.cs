using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Hooks.Sdk;

/// <summary>
/// Label Studio's delivery: each message POSTed in turn before the emitting call returns, and each outcome fed to
/// the auto-disable counter.
/// </summary>
internal sealed partial class InlineWebhookDelivery(
    WebhookSender sender,
    IServiceProvider services,
    IOptions<WebhookOptions> options,
    ILogger<InlineWebhookDelivery> logger) : IWebhookDelivery
{
    public async Task DeliverAsync(IReadOnlyList<WebhookMessage> messages, CancellationToken cancellationToken)
    {
        foreach (WebhookMessage message in messages)
        {
            WebhookDeliveryResult result = await sender.SendAsync(message, cancellationToken).ConfigureAwait(false);
            await WebhookFailureCounter.RecordAsync(services, message.Webhook, result, options.Value.MaxConsecutiveFailures, logger, cancellationToken)
                .ConfigureAwait(false);
        }
    }
}
