using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Hooks.Sdk;

/// <summary>
/// Sends the durable outbox (<see cref="WebhookDeliveryMode.Background"/>): the loop that claims due messages with a
/// lease into <see cref="WebhookLanes"/>, starts their attempts (<see cref="WebhookAttemptRunner"/>) and writes the
/// outcomes, and the shutdown that never sends a message twice.
/// </summary>
/// <remarks>
/// All of its database work happens on its own loop: one statement claims a batch, one query reads the batch's
/// webhooks, and finished attempts' outcomes are written in one transaction. Attempts only send, so they never queue
/// for the database's write lock (SQLite's single writer would otherwise stall them). A finished attempt's slot goes
/// straight to the next waiting message. On shutdown it stops starting attempts, lets those in flight finish, writes
/// every finished attempt's outcome and releases the rest.
/// </remarks>
internal sealed partial class WebhookDispatcher(
    IServiceScopeFactory scopes,
    WebhookLanes lanes,
    WebhookAttemptRunner runner,
    WebhookDispatchSignal signal,
    WebhookTelemetry telemetry,
    IOptions<WebhookOptions> options,
    TimeProvider timeProvider,
    ILogger<WebhookDispatcher> logger) : BackgroundService
{
    private readonly string _owner = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";
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
        signal.Changed += lanes.Changed;
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
        lanes.Stop();
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

    /// <summary>
    /// Claims what the lanes have room for: keys' heads, then the messages written behind the keys held, reading the
    /// webhooks they are for; starts what it can.
    /// </summary>
    private async Task<int> ClaimAsync(CancellationToken stoppingToken)
    {
        WebhookOptions settings = options.Value;
        DateTime now = timeProvider.GetUtcNow().UtcDateTime;
        DateTime leaseUntil = now + settings.Timeout + settings.LeaseMargin;
        if (lanes.Limits() is not { } limits)
        {
            return 0;
        }
        (int max, long maxBytes, Dictionary<long, int> room) = limits;
        int claimed;
        await using (AsyncServiceScope scope = scopes.CreateAsyncScope())
        {
            IWebhookOutbox outbox = scope.ServiceProvider.GetRequiredService<IWebhookOutbox>();
            // The backlog gauges need two queries: measure at most once a second, not on every loop.
            if (timeProvider.GetElapsedTime(Interlocked.Read(ref _lastMeasured)) >= TimeSpan.FromSeconds(1))
            {
                (int backlog, DateTime? oldestDue) = await outbox.DueBacklogAsync(now, stoppingToken).ConfigureAwait(false);
                telemetry.DispatchLoop(timeProvider.GetUtcNow(), backlog, oldestDue is { } oldest ? now - oldest : TimeSpan.Zero);
                Interlocked.Exchange(ref _lastMeasured, timeProvider.GetTimestamp());
                lanes.Prune();
            }
            IReadOnlyList<WebhookDeliveryRecord> heads = await outbox
                .ClaimDueAsync(new WebhookClaimRequest(_owner, now, leaseUntil, max, maxBytes, room, settings.MaxConcurrencyPerWebhook), stoppingToken)
                .ConfigureAwait(false);
            // Read here rather than in each attempt: once a second, or at once after a change in this process.
            long[] read = lanes.ToRead(heads);
            long readStarted = timeProvider.GetTimestamp();
            IReadOnlyList<Webhook> webhooks = read.Length > 0
                ? await scope.ServiceProvider.GetRequiredService<IWebhookStore>().GetManyAsync(read, CancellationToken.None).ConfigureAwait(false)
                : [];
            HandBack(lanes.Take(read, webhooks, readStarted, heads));
            claimed = heads.Count;
            IReadOnlyList<WebhookKeyTail> tails = lanes.Tails();
            if (tails.Count > 0 && lanes.Limits() is { } left)
            {
                IReadOnlyList<WebhookDeliveryRecord> followers = await outbox
                    .ClaimFollowersAsync(new WebhookFollowRequest(_owner, now, leaseUntil, left.MaxBytes, tails), stoppingToken)
                    .ConfigureAwait(false);
                HandBack(lanes.Take([], [], readStarted, followers));
                claimed += followers.Count;
            }
        }
        StartReady();
        return claimed;
    }

    private void StartReady()
    {
        var started = new List<TaskCompletionSource>();
        HandBack(lanes.StartReady(attempt =>
        {
            // Registered under the lanes' lock, which Stop takes, so that shutdown's wait sees every attempt that
            // started; the attempt itself waits for the registration, so that its own clean-up always finds it.
            var registered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _inFlight[attempt.Record.Id] = Task.Run(async () =>
            {
                await registered.Task.ConfigureAwait(false);
                await AttemptAsync(attempt).ConfigureAwait(false);
            });
            started.Add(registered);
        }));
        foreach (TaskCompletionSource registered in started)
        {
            registered.SetResult();
        }
    }

    /// <summary>Releases messages held but not to be sent now, with the next outcomes: claimed again at once.</summary>
    private void HandBack(IReadOnlyList<WebhookDeliveryRecord> records)
    {
        foreach (WebhookDeliveryRecord record in records)
        {
            _completed.Enqueue(new WebhookCompletion(record, null));
        }
    }

    private async Task AttemptAsync(WebhookAttemptStart attempt)
    {
        TimeSpan? took = null;
        bool queued = false;
        try
        {
            (WebhookCompletion completion, took) = await runner.RunAsync(attempt.Record, attempt.Webhook).ConfigureAwait(false);
            _completed.Enqueue(completion);
            queued = true;
        }
        catch (Exception exception)
        {
            // The lease expires and the message is attempted again: nothing is lost.
            LogAttemptFailed(exception, attempt.Record.MessageId);
        }
        finally
        {
            HandBack(lanes.Finished(attempt, took, queued));
            _inFlight.TryRemove(attempt.Record.Id, out _);
            StartReady();
            signal.Wake();
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
            lanes.Recorded(batch);
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
}
