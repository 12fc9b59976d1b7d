using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Hooks.Sdk;

/// <summary>
/// Sends the durable outbox (<see cref="WebhookDeliveryMode.Background"/>). It claims due messages with a lease, sends
/// each with its stable <c>webhook-id</c>, and retries failures on <see cref="WebhookOptions.RetrySchedule"/> with
/// jitter (honouring <c>Retry-After</c> up to a bound). A 2xx is success; anything else, a timeout or a refused
/// connection is a failed attempt; 410 Gone disables the webhook.
/// </summary>
/// <remarks>
/// All of its database work happens on its own loop: one statement claims a batch, one query reads the batch's
/// webhooks, and finished attempts' outcomes are written in one transaction. Attempts only send, so they never queue
/// for the database's write lock (SQLite's single writer would otherwise stall them). Claimed messages wait in a lane
/// per webhook; at most <see cref="WebhookOptions.MaxConcurrency"/> attempts are in flight, at most
/// <see cref="WebhookOptions.MaxConcurrencyPerWebhook"/> to one webhook, and a finished attempt's slot goes straight to
/// the next waiting message. A lane is claimed for ahead only as far as its receiver typically gets through within the
/// lease, so one slow receiver delays no other and holds little. Messages to one webhook are sent in order of due
/// time, best effort. On shutdown it stops claiming, lets attempts in flight finish, writes their outcomes and
/// releases the rest.
/// </remarks>
internal sealed partial class WebhookDispatcher(
    IServiceScopeFactory scopes,
    WebhookSender sender,
    WebhookRetryPolicy retries,
    WebhookDispatchSignal signal,
    WebhookTelemetry telemetry,
    IOptions<WebhookOptions> options,
    TimeProvider timeProvider,
    ILogger<WebhookDispatcher> logger) : BackgroundService
{
    private static readonly TimeSpan WebhookFreshness = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan IdleLaneLifetime = TimeSpan.FromMinutes(5);

    private readonly string _owner = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";
    private readonly Lock _gate = new();
    private readonly Dictionary<long, WebhookLane> _lanes = [];
    private readonly Queue<WebhookLane> _ready = new();
    private readonly ConcurrentDictionary<long, Task> _inFlight = new();
    private readonly ConcurrentQueue<WebhookCompletion> _completed = new();
    // Messages claimed and not yet recorded: in a lane, in flight, or finished with the outcome not yet written.
    private readonly HashSet<long> _heldIds = [];
    private int _attempting;
    private int _held;
    private long _heldBytes;
    private bool _stopping;
    private long _lastMeasured;

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.Delivery != WebhookDeliveryMode.Background)
        {
            return;
        }
        signal.Changed += MarkChanged;
        while (!stoppingToken.IsCancellationRequested)
        {
            int claimed = 0;
            try
            {
                await WriteOutcomesAsync(CancellationToken.None).ConfigureAwait(false);
                claimed = await ClaimAsync(stoppingToken).ConfigureAwait(false);
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
        // First, so that no attempt starts once shutdown has begun: one started later could outlive the wait below,
        // and its message, released with the rest, would be sent twice.
        lock (_gate)
        {
            _stopping = true;
        }
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        if (options.Value.Delivery != WebhookDeliveryMode.Background)
        {
            return;
        }
        bool drained = true;
        try
        {
            await Task.WhenAll(_inFlight.Values).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The host's shutdown budget is spent; what has finished must still be recorded below.
            drained = false;
        }
        try
        {
            // Never the host's token: it may be cancelled already, and a finished attempt left unrecorded is sent again.
            await WriteOutcomesAsync(CancellationToken.None).ConfigureAwait(false);
            // Releasing hands messages to another dispatcher at once; one still in flight must keep its lease instead.
            if (drained)
            {
                await using AsyncServiceScope scope = scopes.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<IWebhookOutbox>().ReleaseAsync(_owner, CancellationToken.None).ConfigureAwait(false);
            }
        }
        catch (Exception exception)
        {
            // Unreleased leases expire on their own; the messages are then claimed again.
            LogReleaseFailed(exception);
        }
    }

    /// <summary>Claims what the lanes have room for, refreshes the webhooks they hold messages for, and starts what it can.</summary>
    private async Task<int> ClaimAsync(CancellationToken stoppingToken)
    {
        WebhookOptions settings = options.Value;
        DateTime now = timeProvider.GetUtcNow().UtcDateTime;
        int max;
        long maxBytes;
        Dictionary<long, int> room;
        lock (_gate)
        {
            max = (settings.MaxConcurrency * settings.ClaimAhead) - _held;
            maxBytes = settings.MaxClaimedBytes - _heldBytes;
            room = _lanes.Values.ToDictionary(lane => lane.WebhookId, lane => lane.Room(settings));
        }
        if (max <= 0 || maxBytes <= 0)
        {
            return 0;
        }
        IReadOnlyList<WebhookDeliveryRecord> claimed;
        IReadOnlyList<Webhook> webhooks = [];
        long[] read;
        long readStarted;
        await using (AsyncServiceScope scope = scopes.CreateAsyncScope())
        {
            // The backlog gauges need two queries: measure at most once a second, not on every loop.
            if (timeProvider.GetElapsedTime(Interlocked.Read(ref _lastMeasured)) >= TimeSpan.FromSeconds(1))
            {
                (int backlog, DateTime? oldestDue) = await scope.ServiceProvider.GetRequiredService<IWebhookOutbox>().DueBacklogAsync(now, stoppingToken).ConfigureAwait(false);
                telemetry.DispatchLoop(timeProvider.GetUtcNow(), backlog, oldestDue is { } oldest ? now - oldest : TimeSpan.Zero);
                Interlocked.Exchange(ref _lastMeasured, timeProvider.GetTimestamp());
                PruneIdleLanes();
            }
            claimed = await scope.ServiceProvider.GetRequiredService<IWebhookOutbox>()
                .ClaimDueAsync(new WebhookClaimRequest(_owner, now, now + settings.Timeout + settings.LeaseMargin, max, maxBytes, room, settings.MaxConcurrencyPerWebhook), stoppingToken)
                .ConfigureAwait(false);
            // Read here rather than in each attempt; a deactivated or deleted webhook is respected within a second.
            read = StaleWebhooks(claimed);
            readStarted = timeProvider.GetTimestamp();
            if (read.Length > 0)
            {
                webhooks = await scope.ServiceProvider.GetRequiredService<IWebhookStore>().GetManyAsync(read, CancellationToken.None).ConfigureAwait(false);
            }
        }
        lock (_gate)
        {
            Dictionary<long, Webhook> byId = webhooks.ToDictionary(webhook => webhook.Id);
            foreach (long id in read)
            {
                WebhookLane lane = Lane(id);
                lane.Webhook = byId.GetValueOrDefault(id);
                // As of when the read began: a change while it ran leaves the lane stale, to be read again.
                lane.ReadAt = readStarted;
                MarkReady(lane, settings);
            }
            foreach (WebhookDeliveryRecord record in claimed)
            {
                // A lease of ours that lapsed while its attempt was still running can be claimed by us again: the
                // message is already held, and holding it twice would send it twice.
                if (!_heldIds.Add(record.Id))
                {
                    continue;
                }
                WebhookLane lane = Lane(record.WebhookId);
                lane.Waiting.Enqueue(record);
                _held++;
                _heldBytes += record.Body.Length;
                MarkReady(lane, settings);
            }
        }
        StartReady();
        return claimed.Count;
    }

    /// <summary>The webhooks to read: those of new and held messages not read within the last second.</summary>
    private long[] StaleWebhooks(IReadOnlyList<WebhookDeliveryRecord> claimed)
    {
        lock (_gate)
        {
            return claimed.Select(record => record.WebhookId)
                .Concat(_lanes.Values.Where(lane => lane.Held > 0).Select(lane => lane.WebhookId))
                .Distinct()
                .Where(id => !_lanes.TryGetValue(id, out WebhookLane? lane) || lane.Stale || timeProvider.GetElapsedTime(lane.ReadAt) >= WebhookFreshness)
                .ToArray();
        }
    }

    private WebhookLane Lane(long webhookId)
    {
        if (!_lanes.TryGetValue(webhookId, out WebhookLane? lane))
        {
            lane = new WebhookLane(webhookId);
            _lanes.Add(webhookId, lane);
        }
        return lane;
    }

    /// <summary>A webhook changed in this process: its lane starts nothing until the webhook is read again.</summary>
    private void MarkChanged(long webhookId)
    {
        lock (_gate)
        {
            if (_lanes.TryGetValue(webhookId, out WebhookLane? lane))
            {
                lane.ChangedAt = timeProvider.GetTimestamp();
            }
        }
    }

    private void MarkReady(WebhookLane lane, WebhookOptions settings)
    {
        if (!lane.Ready && !lane.Stale && lane.Waiting.Count > 0 && lane.InFlight < settings.MaxConcurrencyPerWebhook)
        {
            lane.Ready = true;
            _ready.Enqueue(lane);
        }
    }

    /// <summary>Starts waiting messages while slots are free, taking lanes in turn so that none waits behind a busy one.</summary>
    private void StartReady()
    {
        WebhookOptions settings = options.Value;
        var started = new List<TaskCompletionSource>();
        lock (_gate)
        {
            DateTime now = timeProvider.GetUtcNow().UtcDateTime;
            while (!_stopping && _attempting < settings.MaxConcurrency && _ready.TryDequeue(out WebhookLane? lane))
            {
                lane.Ready = false;
                if (lane.Stale)
                {
                    // Marked ready again once the webhook is read.
                    continue;
                }
                WebhookDeliveryRecord record = lane.Waiting.Dequeue();
                if (record.LeaseUntil - now < settings.Timeout)
                {
                    // Too little lease left for a whole attempt: let it lapse, and the message is claimed again.
                    Unhold(record);
                    _heldIds.Remove(record.Id);
                    MarkReady(lane, settings);
                    continue;
                }
                lane.InFlight++;
                _attempting++;
                MarkReady(lane, settings);
                // Registered under the same lock that checks _stopping, so that shutdown's wait sees every attempt that
                // started; the attempt itself waits for the registration, so that its own clean-up always finds it.
                var registered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                WebhookLane attempted = lane;
                Webhook? webhook = lane.Webhook;
                _inFlight[record.Id] = Task.Run(async () =>
                {
                    await registered.Task.ConfigureAwait(false);
                    await AttemptAsync(record, attempted, webhook).ConfigureAwait(false);
                });
                started.Add(registered);
            }
        }
        foreach (TaskCompletionSource registered in started)
        {
            registered.SetResult();
        }
    }

    private void Unhold(WebhookDeliveryRecord record)
    {
        _held--;
        _heldBytes -= record.Body.Length;
    }

    private void PruneIdleLanes()
    {
        lock (_gate)
        {
            foreach (WebhookLane lane in _lanes.Values.Where(lane => lane.Held == 0 && timeProvider.GetElapsedTime(lane.IdleSince) >= IdleLaneLifetime).ToList())
            {
                _lanes.Remove(lane.WebhookId);
            }
        }
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
        catch (Exception exception)
        {
            LogOutcomesNotWritten(exception, batch.Count);
        }
        finally
        {
            // Only now may a claim take these messages again (should their leases have lapsed): earlier, one that was
            // delivered but not yet recorded would be sent twice.
            lock (_gate)
            {
                foreach (WebhookCompletion completion in batch)
                {
                    _heldIds.Remove(completion.Record.Id);
                }
            }
        }
    }

    private async Task AttemptAsync(WebhookDeliveryRecord record, WebhookLane lane, Webhook? webhook)
    {
        TimeSpan? took = null;
        bool queued = false;
        try
        {
            if (webhook is not { IsActive: true })
            {
                record.Status = WebhookDeliveryStatus.Failed;
                record.LastError = webhook is null ? "The webhook was deleted." : "The webhook is inactive.";
                _completed.Enqueue(new WebhookCompletion(record, null));
                queued = true;
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
            took = result.Duration;
            activity?.SetTag("http.response.status_code", result.StatusCode);
            activity?.SetStatus(result.Succeeded ? ActivityStatusCode.Ok : ActivityStatusCode.Error, result.Error);
            telemetry.Attempted(record.Action, result);
            record.Attempts++;
            record.LastStatusCode = result.StatusCode;
            record.LastError = result.Error;
            Decide(record, result);
            // Before the outcome is written, so that a 410's disable is visible by then.
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
            queued = true;
        }
        catch (Exception exception)
        {
            // The lease expires and the message is attempted again: nothing is lost.
            LogAttemptFailed(exception, record.MessageId);
            if (!queued)
            {
                lock (_gate)
                {
                    _heldIds.Remove(record.Id);
                }
            }
        }
        finally
        {
            lock (_gate)
            {
                lane.InFlight--;
                _attempting--;
                Unhold(record);
                if (took is { } duration)
                {
                    lane.Observe(duration);
                }
                if (lane.Held == 0)
                {
                    lane.IdleSince = timeProvider.GetTimestamp();
                }
                MarkReady(lane, options.Value);
            }
            _inFlight.TryRemove(record.Id, out _);
            StartReady();
            signal.Wake();
        }
    }

    /// <summary>The rarer consequences of an attempt: the failure counter, 410's disable and the operator events.</summary>
    /// <summary>The rarer consequences of an attempt (<see cref="WebhookOutcomes"/>), and the operator events they raise, queued in the outbox.</summary>
    private async Task RecordOutcomeAsync(Webhook webhook, WebhookDeliveryRecord record, WebhookDeliveryResult result)
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
            LogBookkeepingFailed(exception, webhook.Id);
        }
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Releasing held webhook messages at shutdown failed; their leases will expire")]
    private partial void LogReleaseFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Writing the outcomes of {Count} webhook attempts failed; those messages will be sent again when their leases expire")]
    private partial void LogOutcomesNotWritten(Exception exception, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Claiming due webhook messages failed")]
    private partial void LogClaimFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Attempt of webhook message {MessageId} failed unexpectedly; it will be attempted again")]
    private partial void LogAttemptFailed(Exception exception, string messageId);

    [LoggerMessage(Level = LogLevel.Error, Message = "Webhook {WebhookId}: recording the attempt's consequences (failure counter, disable, operator events) failed")]
    private partial void LogBookkeepingFailed(Exception exception, long webhookId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook {WebhookId}: message {MessageId} given up after {Attempts} attempts (last: {Last})")]
    private partial void LogGaveUp(long webhookId, string messageId, int attempts, string? last);
}
