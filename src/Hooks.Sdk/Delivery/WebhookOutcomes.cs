using Hooks.Sdk.Store;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Hooks.Sdk.Delivery;

/// <summary>
/// The consequences of one attempt beyond its message: Label Studio's auto-disable counter, a 410's disable (durable
/// delivery), and the operator events they raise, which it returns for the caller to deliver. Like Label Studio's
/// counter it swallows its own failures: they must never cost an attempt's outcome.
/// </summary>
internal sealed partial class WebhookOutcomes(IWebhookStore store, IWebhookOutcomeEvents operatorEvents, IOptions<WebhookOptions> options, ILogger<WebhookOutcomes> logger)
{
    /// <summary>Records <paramref name="result"/> for <paramref name="webhook"/>; returns the operator events to deliver.</summary>
    /// <param name="webhook">The webhook attempted, as read before the attempt.</param>
    /// <param name="result">The attempt's result.</param>
    /// <param name="record">The outbox message with its new state, or <see langword="null"/> for an inline message.</param>
    /// <param name="cancellationToken">Cancels the writes.</param>
    public async Task<IReadOnlyList<WebhookMessage>> RecordAsync(Webhook webhook, WebhookDeliveryResult result, WebhookDeliveryRecord? record, CancellationToken cancellationToken)
    {
        try
        {
            var raised = new List<WebhookMessage>();
            if (record is not null && result.StatusCode == 410)
            {
                if (await store.DisableAsync(webhook.Id, cancellationToken).ConfigureAwait(false))
                {
                    LogGone(webhook.Id);
                    raised.AddRange(await operatorEvents.DisabledAsync(webhook, "the receiver answered 410 Gone", cancellationToken).ConfigureAwait(false));
                }
                return raised;
            }
            int threshold = options.Value.MaxConsecutiveFailures;
            // The happy path with a clean counter needs no write.
            if (threshold > 0 && !(result.Succeeded && webhook.ConsecutiveFailures == 0)
                && await store.RecordDeliveryAsync(webhook.Id, result.Succeeded, threshold, cancellationToken).ConfigureAwait(false))
            {
                LogDisabled(webhook.Id, threshold);
                raised.AddRange(await operatorEvents.DisabledAsync(webhook, $"{threshold} consecutive failures", cancellationToken).ConfigureAwait(false));
            }
            if (record is { Status: WebhookDeliveryStatus.Failed })
            {
                raised.AddRange(await operatorEvents.ExhaustedAsync(webhook, record, cancellationToken).ConfigureAwait(false));
            }
            return raised;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogNotRecorded(exception, webhook.Id);
            return [];
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook {WebhookId} auto-disabled after {Failures} consecutive failures")]
    private partial void LogDisabled(long webhookId, int failures);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook {WebhookId} answered 410 Gone and was disabled")]
    private partial void LogGone(long webhookId);

    [LoggerMessage(Level = LogLevel.Error, Message = "The delivery outcome of webhook {WebhookId} could not be recorded")]
    private partial void LogNotRecorded(Exception exception, long webhookId);
}
