using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Hooks.Sdk;

/// <summary>
/// Sends the durable outbox (<see cref="WebhookDeliveryMode.Background"/>). It claims due messages with a lease
/// longer than an attempt can take, sends each with its stable <c>webhook-id</c>, and retries failures on
/// <see cref="WebhookOptions.RetrySchedule"/> with jitter (honouring <c>Retry-After</c> up to a bound). A 2xx is
/// success; anything else, a timeout or a refused connection is a failed attempt; 410 Gone disables the webhook.
/// Attempts run concurrently up to <see cref="WebhookOptions.MaxConcurrency"/>, and webhooks already at
/// <see cref="WebhookOptions.MaxConcurrencyPerWebhook"/> are not claimed for, so one slow receiver delays no other.
/// Messages to one webhook are sent in order of due time, best effort. All of its database work happens on its own
/// loop, outcomes written in batches of one transaction: attempts only send, so they never queue for the database's
/// write lock (SQLite's single writer would otherwise stall them). On shutdown it stops claiming, lets attempts in
/// flight finish, writes their outcomes and releases anything else it holds.
/// </summary>
public sealed partial class WebhookDispatcher(
    IServiceScopeFactory scopes,
    WebhookSender sender,
    WebhookDispatchSignal signal,
    WebhookTelemetry telemetry,
    IOptions<WebhookOptions> options,
    TimeProvider timeProvider,
    ILogger<WebhookDispatcher> logger) : BackgroundService
{
    private readonly string _owner = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";
    private readonly ConcurrentDictionary<long, int> _inFlightPerWebhook = new();
    private readonly ConcurrentDictionary<long, Task> _inFlight = new();
    private readonly ConcurrentQueue<WebhookCompletion> _completed = new();
    private long _lastMeasured;

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.Delivery != WebhookDeliveryMode.Background)
        {
            return;
        }
        while (!stoppingToken.IsCancellationRequested)
        {
            int claimed = 0;
            try
            {
                await WriteOutcomesAsync(CancellationToken.None).ConfigureAwait(false);
                claimed = await ClaimAndStartAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception exception)
            {
                LogClaimFailed(exception);
            }
            if (claimed == 0 && _completed.IsEmpty)
            {
                try
                {
                    await signal.WaitAsync(options.Value.PollInterval, stoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }
    }

    /// <inheritdoc />
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        if (options.Value.Delivery != WebhookDeliveryMode.Background)
        {
            return;
        }
        await Task.WhenAll(_inFlight.Values).WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await WriteOutcomesAsync(cancellationToken).ConfigureAwait(false);
            await using AsyncServiceScope scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<IWebhookOutbox>().ReleaseAsync(_owner, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // Unreleased leases expire on their own; the messages are then claimed again.
            LogReleaseFailed(exception);
        }
    }

    private async Task<int> ClaimAndStartAsync(CancellationToken stoppingToken)
    {
        WebhookOptions settings = options.Value;
        int free = settings.MaxConcurrency - _inFlight.Count;
        if (free <= 0)
        {
            await Task.WhenAny(_inFlight.Values).ConfigureAwait(false);
            return 1;
        }
        DateTime now = timeProvider.GetUtcNow().UtcDateTime;
        IReadOnlyList<WebhookDeliveryRecord> claimed;
        var webhooks = new Dictionary<long, Webhook>();
        await using (AsyncServiceScope scope = scopes.CreateAsyncScope())
        {
            // The backlog gauges need two queries: measure at most once a second, not on every loop.
            if (timeProvider.GetElapsedTime(Interlocked.Read(ref _lastMeasured)) >= TimeSpan.FromSeconds(1))
            {
                (int backlog, DateTime? oldestDue) = await scope.ServiceProvider.GetRequiredService<IWebhookOutbox>().DueBacklogAsync(now, stoppingToken).ConfigureAwait(false);
                telemetry.DispatchLoop(timeProvider.GetUtcNow(), backlog, oldestDue is { } oldest ? now - oldest : TimeSpan.Zero);
                Interlocked.Exchange(ref _lastMeasured, timeProvider.GetTimestamp());
            }
            IWebhookOutbox outbox = scope.ServiceProvider.GetRequiredService<IWebhookOutbox>();
            claimed = await outbox
                .ClaimDueAsync(_owner, now, now + settings.Timeout + settings.LeaseMargin, free, _inFlightPerWebhook, settings.MaxConcurrencyPerWebhook, stoppingToken)
                .ConfigureAwait(false);
            // Read here rather than in each attempt: a deactivated or deleted webhook is respected from the next claim.
            if (claimed.Count > 0)
            {
                long[] ids = claimed.Select(record => record.WebhookId).Distinct().ToArray();
                foreach (Webhook webhook in await scope.ServiceProvider.GetRequiredService<IWebhookStore>().GetManyAsync(ids, CancellationToken.None).ConfigureAwait(false))
                {
                    webhooks[webhook.Id] = webhook;
                }
            }
        }
        foreach (WebhookDeliveryRecord record in claimed)
        {
            _inFlightPerWebhook.AddOrUpdate(record.WebhookId, 1, (_, count) => count + 1);
            Webhook? webhook = webhooks.GetValueOrDefault(record.WebhookId);
            // Registered before it may start, so that its own clean-up always finds it.
            var registered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _inFlight[record.Id] = Task.Run(async () =>
            {
                await registered.Task.ConfigureAwait(false);
                await AttemptAsync(record, webhook).ConfigureAwait(false);
            });
            registered.SetResult();
        }
        return claimed.Count;
    }

    /// <summary>Writes the outcomes of finished attempts in one transaction; should it fail, their leases expire and they are sent again.</summary>
    private async Task WriteOutcomesAsync(CancellationToken cancellationToken)
    {
        var batch = new List<WebhookCompletion>();
        while (_completed.TryDequeue(out WebhookCompletion? completion))
        {
            batch.Add(completion);
        }
        if (batch.Count == 0)
        {
            return;
        }
        try
        {
            await using AsyncServiceScope scope = scopes.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<IWebhookOutbox>().CompleteAsync(batch, _owner, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogOutcomesNotWritten(exception, batch.Count);
        }
    }

    private async Task AttemptAsync(WebhookDeliveryRecord record, Webhook? webhook)
    {
        try
        {
            if (webhook is not { IsActive: true })
            {
                record.Status = WebhookDeliveryStatus.Failed;
                record.LastError = webhook is null ? "The webhook was deleted." : "The webhook is inactive.";
                _completed.Enqueue(new WebhookCompletion(record, null));
                return;
            }

            // An attempt in flight finishes even during shutdown: it is bounded by the timeout.
            CancellationToken none = CancellationToken.None;
            DateTime startedAt = timeProvider.GetUtcNow().UtcDateTime;
            using Activity? activity = WebhookTelemetry.ActivitySource.StartActivity("webhook deliver", ActivityKind.Client);
            activity?.SetTag("hooks.webhook.id", webhook.Id);
            activity?.SetTag("hooks.webhook.action", record.Action);
            activity?.SetTag("hooks.webhook.message_id", record.MessageId);
            activity?.SetTag("hooks.webhook.attempt", record.Attempts + 1);
            WebhookDeliveryResult result = await sender.SendAsync(new WebhookMessage(webhook, record.Action, record.Body) { MessageId = record.MessageId }, none).ConfigureAwait(false);
            activity?.SetTag("http.response.status_code", result.StatusCode);
            activity?.SetStatus(result.Succeeded ? ActivityStatusCode.Ok : ActivityStatusCode.Error, result.Error);
            telemetry.Attempted(record.Action, result);
            record.Attempts++;
            record.LastStatusCode = result.StatusCode;
            record.LastError = result.Error;
            Decide(record, result);
            if (!result.Succeeded || webhook.ConsecutiveFailures != 0)
            {
                await RecordOutcomeAsync(webhook, record, result).ConfigureAwait(false);
            }
            _completed.Enqueue(new WebhookCompletion(record, new WebhookDeliveryAttempt
            {
                DeliveryId = record.Id,
                Number = record.Attempts,
                StartedAt = startedAt,
                DurationMs = result.Duration.TotalMilliseconds,
                StatusCode = result.StatusCode,
                Error = result.Error,
                ResponseBody = result.ResponseBody,
            }));
        }
        catch (Exception exception)
        {
            // The lease expires and the message is attempted again: nothing is lost.
            LogAttemptFailed(exception, record.MessageId);
        }
        finally
        {
            _inFlightPerWebhook.AddOrUpdate(record.WebhookId, 0, (_, count) => count - 1);
            _inFlight.TryRemove(record.Id, out _);
            signal.Wake();
        }
    }

    /// <summary>The rarer consequences of an attempt: the failure counter, 410's disable and the operator events.</summary>
    private async Task RecordOutcomeAsync(Webhook webhook, WebhookDeliveryRecord record, WebhookDeliveryResult result)
    {
        await using AsyncServiceScope scope = scopes.CreateAsyncScope();
        if (result.StatusCode == 410 && await scope.ServiceProvider.GetRequiredService<IWebhookStore>().DisableAsync(webhook.Id, CancellationToken.None).ConfigureAwait(false))
        {
            LogGone(webhook.Id);
            await OperatorEvents.DisabledAsync(scope.ServiceProvider, webhook, "the receiver answered 410 Gone", logger).ConfigureAwait(false);
        }
        else
        {
            await WebhookFailureCounter.RecordAsync(scope.ServiceProvider, webhook, result, options.Value.MaxConsecutiveFailures, logger, CancellationToken.None).ConfigureAwait(false);
        }
        if (record.Status == WebhookDeliveryStatus.Failed && result.StatusCode != 410)
        {
            await OperatorEvents.ExhaustedAsync(scope.ServiceProvider, webhook, record, logger).ConfigureAwait(false);
        }
    }

    private void Decide(WebhookDeliveryRecord record, WebhookDeliveryResult result)
    {
        WebhookOptions settings = options.Value;
        if (result.Succeeded)
        {
            record.Status = WebhookDeliveryStatus.Succeeded;
            return;
        }
        if (result.StatusCode == 410 || record.Attempts > settings.RetrySchedule.Count)
        {
            record.Status = WebhookDeliveryStatus.Failed;
            LogGaveUp(record.WebhookId, record.MessageId, record.Attempts, result.StatusCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? result.Error);
            return;
        }
        TimeSpan delay = settings.RetrySchedule[record.Attempts - 1];
        delay *= 1 + ((Random.Shared.NextDouble() * 2) - 1) * settings.RetryJitter;
        if (result.RetryAfter is { } retryAfter && retryAfter > delay)
        {
            delay = retryAfter < settings.MaxRetryAfter ? retryAfter : settings.MaxRetryAfter;
        }
        record.Status = WebhookDeliveryStatus.Pending;
        record.NextAttemptAt = timeProvider.GetUtcNow().UtcDateTime + delay;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Releasing held webhook messages at shutdown failed; their leases will expire")]
    private partial void LogReleaseFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Writing the outcomes of {Count} webhook attempts failed; those messages will be sent again when their leases expire")]
    private partial void LogOutcomesNotWritten(Exception exception, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Claiming due webhook messages failed")]
    private partial void LogClaimFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Attempt of webhook message {MessageId} failed unexpectedly; it will be attempted again")]
    private partial void LogAttemptFailed(Exception exception, string messageId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook {WebhookId} answered 410 Gone and was disabled")]
    private partial void LogGone(long webhookId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook {WebhookId}: message {MessageId} given up after {Attempts} attempts (last: {Last})")]
    private partial void LogGaveUp(long webhookId, string messageId, int attempts, string? last);
}
