using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Hooks.Sdk;

/// <summary>Feeds a delivery outcome to the store's auto-disable counter; like Label Studio's, it swallows its own failures.</summary>
internal static partial class WebhookFailureCounter
{
    /// <summary>Records the outcome; when it disables the webhook, logs a warning and emits <see cref="HooksActions.WebhookDisabled"/>.</summary>
    public static async Task RecordAsync(
        IServiceProvider services, Webhook webhook, WebhookDeliveryResult result, int threshold, ILogger logger, CancellationToken cancellationToken)
    {
        // The happy path with a clean counter needs no write.
        if (threshold <= 0 || result.Succeeded && webhook.ConsecutiveFailures == 0)
        {
            return;
        }
        try
        {
            if (await services.GetRequiredService<IWebhookStore>().RecordDeliveryAsync(webhook.Id, result.Succeeded, threshold, cancellationToken).ConfigureAwait(false))
            {
                LogDisabled(logger, webhook.Id, threshold);
                await OperatorEvents.DisabledAsync(services, webhook, $"{threshold} consecutive failures", logger).ConfigureAwait(false);
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogNotRecorded(logger, exception, webhook.Id);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook {WebhookId} auto-disabled after {Failures} consecutive failures")]
    private static partial void LogDisabled(ILogger logger, long webhookId, int failures);

    [LoggerMessage(Level = LogLevel.Error, Message = "The delivery outcome of webhook {WebhookId} could not be recorded")]
    private static partial void LogNotRecorded(ILogger logger, Exception exception, long webhookId);
}
