using System.Diagnostics;
using Hooks.Sdk.Store;
using Hooks.Sdk.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Hooks.Sdk.Delivery;

/// <summary>
/// One attempt of an outbox message: the send, its trace and metrics, the message's next state
/// (<see cref="WebhookRetryPolicy"/>) and the attempt's rarer consequences (<see cref="WebhookOutcomes"/>, whose
/// operator events are queued in the outbox). A message whose webhook is gone or inactive fails without an attempt.
/// </summary>
internal sealed partial class WebhookAttemptRunner(
    IServiceScopeFactory scopes,
    WebhookSender sender,
    WebhookRetryPolicy retries,
    WebhookTelemetry telemetry,
    TimeProvider timeProvider,
    ILogger<WebhookAttemptRunner> logger)
{
    /// <summary>Attempts <paramref name="record"/>, updating it; returns its outcome to write and how long the receiver took.</summary>
    public async Task<(WebhookCompletion Completion, TimeSpan? Took)> RunAsync(WebhookDeliveryRecord record, Webhook? webhook)
    {
        if (webhook is not { IsActive: true })
        {
            record.Status = WebhookDeliveryStatus.Failed;
            record.LastError = webhook is null ? "The webhook was deleted." : "The webhook is inactive.";
            return (new WebhookCompletion(record, null), null);
        }

        // An attempt in flight finishes even during shutdown: it is bounded by the timeout.
        DateTime startedAt = timeProvider.GetUtcNow().UtcDateTime;
        using Activity? activity = WebhookTelemetry.ActivitySource.StartActivity("webhook deliver", ActivityKind.Client);
        activity?.SetTag("hooks.webhook.id", webhook.Id);
        activity?.SetTag("hooks.webhook.action", record.Action);
        activity?.SetTag("hooks.webhook.message_id", record.MessageId);
        activity?.SetTag("hooks.webhook.attempt", record.Attempts + 1);
        WebhookDeliveryResult result = await sender.SendAsync(new WebhookMessage(webhook, record.Action, record.Body) { MessageId = record.MessageId }, CancellationToken.None)
            .ConfigureAwait(false);
        activity?.SetTag("http.response.status_code", result.StatusCode);
        activity?.SetStatus(result.Succeeded ? ActivityStatusCode.Ok : ActivityStatusCode.Error, result.Error);
        telemetry.Attempted(record.Action, result.Succeeded, result.StatusCode, result.Duration);
        record.Attempts++;
        record.LastStatusCode = result.StatusCode;
        record.LastError = result.Error;
        Decide(record, result);
        // Before the outcome is written, so that a 410's disable is visible by then.
        if (!result.Succeeded || webhook.ConsecutiveFailures != 0)
        {
            await RecordConsequencesAsync(webhook, record, result).ConfigureAwait(false);
        }
        return (new WebhookCompletion(record, new WebhookDeliveryAttempt
        {
            DeliveryId = record.Id,
            Number = record.Attempts,
            StartedAt = startedAt,
            DurationMs = result.Duration.TotalMilliseconds,
            StatusCode = result.StatusCode,
            Error = result.Error,
            ResponseBody = result.ResponseBody,
        }), result.Duration);
    }

    private void Decide(WebhookDeliveryRecord record, WebhookDeliveryResult result)
    {
        WebhookRetryDecision decision = retries.Decide(record.Attempts, result, timeProvider.GetUtcNow().UtcDateTime);
        record.Status = decision.Status;
        if (decision.Status == WebhookDeliveryStatus.Pending)
        {
            record.NextAttemptAt = decision.NextAttemptAt;
        }
        else if (decision.Status == WebhookDeliveryStatus.Failed)
        {
            LogGaveUp(record.WebhookId, record.MessageId, record.Attempts, result.StatusCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? result.Error);
        }
    }

    /// <summary>The failure counter, a 410's disable, and the operator events they raise, queued in the outbox.</summary>
    private async Task RecordConsequencesAsync(Webhook webhook, WebhookDeliveryRecord record, WebhookDeliveryResult result)
    {
        // Its own failure must not cost the attempt's outcome, which is queued after it: that would send it again.
        try
        {
            await using AsyncServiceScope scope = scopes.CreateAsyncScope();
            IReadOnlyList<WebhookMessage> raised = await scope.ServiceProvider.GetRequiredService<WebhookOutcomes>()
                .RecordAsync(webhook, result, record, CancellationToken.None).ConfigureAwait(false);
            if (raised.Count > 0)
            {
                await scope.ServiceProvider.GetRequiredService<IWebhookDelivery>().DeliverAsync(raised, CancellationToken.None).ConfigureAwait(false);
            }
        }
        catch (Exception exception)
        {
            LogConsequencesFailed(exception, webhook.Id);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Webhook {WebhookId}: recording the attempt's consequences (failure counter, disable, operator events) failed")]
    private partial void LogConsequencesFailed(Exception exception, long webhookId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook {WebhookId}: message {MessageId} given up after {Attempts} attempts (last: {Last})")]
    private partial void LogGaveUp(long webhookId, string messageId, int attempts, string? last);
}
