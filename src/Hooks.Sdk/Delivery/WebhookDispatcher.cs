using System.Collections.Concurrent;
using Hooks.Sdk.Store;
using Hooks.Sdk.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Hooks.Sdk.Delivery;

/// <summary>
/// Sends the durable outbox (<see cref="WebhookDeliveryMode.Background"/>): the loop that claims due messages with a
/// lease into <see cref="WebhookLanes"/>, starts their attempts (<see cref="WebhookAttemptRunner"/>) and writes the
/// outcomes, and the shutdown that never sends a message twice.
/// </summary>
/// <remarks>
/// All of its database work happens on its own loop, one transaction per turn: finished attempts' outcomes, the claim
/// of keys' heads, the claim of what was written behind the keys it holds, and the read of their webhooks. Attempts only send, so they never queue
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
    // How long finished attempts' outcomes may wait to be written together, and how many make a turn at once.
    private static readonly TimeSpan OutcomeDelay = TimeSpan.FromMilliseconds(20);
    private const int OutcomeBatch = 64;

    private readonly string _owner = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";
    private readonly ConcurrentDictionary<long, Task> _inFlight = new();
    private readonly ConcurrentQueue<WebhookCompletion> _completed = new();
    private long _lastMeasured;
    private int _flushScheduled;

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
            int claimed = await TurnAsync(claim: true).ConfigureAwait(false);
            if (claimed == 0)
            {
                try
                {
                    // Finished attempts' outcomes wait a moment to be written together: a turn per attempt would cost
                    // a transaction per message while held messages keep going out from memory regardless.
                    await signal.WaitAsync(_completed.IsEmpty ? options.Value.PollInterval : OutcomeDelay, stoppingToken).ConfigureAwait(false);
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
            await TurnAsync(claim: false).ConfigureAwait(false);
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
    /// One turn of the loop, in one transaction where the store has them (one wait for SQLite's write lock, not three):
    /// writes the finished attempts' outcomes, then, with <paramref name="claim"/>, claims what the lanes have room
    /// for (keys' heads, and the messages written behind the keys held), reads the webhooks they are for, and starts
    /// what it can. Its database work never takes the host's token: a finished attempt left unrecorded is sent again.
    /// </summary>
    private async Task<int> TurnAsync(bool claim)
    {
        var batch = new List<WebhookCompletion>();
        while (_completed.TryDequeue(out WebhookCompletion? completion))
        {
            batch.Add(completion);
        }
        WebhookOptions settings = options.Value;
        DateTime now = timeProvider.GetUtcNow().UtcDateTime;
        DateTime leaseUntil = now + settings.Timeout + settings.LeaseMargin;
        var limits = claim ? lanes.Limits() : null;
        // Before the claim: messages written while it runs move the count, so their keys are looked at again.
        long writes = signal.Writes;
        IReadOnlyList<WebhookKeyTail> tails = limits is null ? [] : lanes.Tails(writes);
        if (batch.Count == 0 && limits is null)
        {
            return 0;
        }
        IReadOnlyList<WebhookDeliveryRecord> heads = [];
        IReadOnlyList<WebhookDeliveryRecord> followers = [];
        IReadOnlyList<Webhook> webhooks = [];
        long[] read = [];
        long readStarted = 0;
        try
        {
            await using AsyncServiceScope scope = scopes.CreateAsyncScope();
            IWebhookOutbox outbox = scope.ServiceProvider.GetRequiredService<IWebhookOutbox>();
            await using IWebhookTransaction? transaction = scope.ServiceProvider.GetService<IWebhookTransactions>() is { } transactions
                ? await transactions.BeginAsync(CancellationToken.None).ConfigureAwait(false)
                : null;
            if (batch.Count > 0)
            {
                await outbox.CompleteAsync(batch, _owner, CancellationToken.None).ConfigureAwait(false);
            }
            if (limits is var (max, maxBytes, room))
            {
                await MeasureBacklogAsync(outbox, now).ConfigureAwait(false);
                heads = await outbox
                    .ClaimDueAsync(new WebhookClaimRequest(_owner, now, leaseUntil, max, maxBytes, room, settings.MaxConcurrencyPerWebhook), CancellationToken.None)
                    .ConfigureAwait(false);
                if (tails.Count > 0)
                {
                    followers = await outbox.ClaimFollowersAsync(
                            new WebhookFollowRequest(_owner, now, leaseUntil, maxBytes - heads.Sum(head => (long)head.Body.Length), tails), CancellationToken.None)
                        .ConfigureAwait(false);
                }
                // Read here rather than in each attempt: once a second, or at once after a change in this process.
                read = lanes.ToRead(heads);
                readStarted = timeProvider.GetTimestamp();
                if (read.Length > 0)
                {
                    webhooks = await scope.ServiceProvider.GetRequiredService<IWebhookStore>().GetManyAsync(read, CancellationToken.None).ConfigureAwait(false);
                }
            }
            if (transaction is not null)
            {
                await transaction.CommitAsync(CancellationToken.None).ConfigureAwait(false);
            }
            if (Releases(batch))
            {
                signal.MessagesWritten();
            }
            if (telemetry.DispatchFailure is not null)
            {
                telemetry.DispatchRecovered();
                LogClaimRecovered();
            }
        }
        catch (Exception exception)
        {
            // Nothing claimed is taken: its leases (if committed at all) expire, and it is claimed again.
            if (batch.Count > 0)
            {
                LogOutcomesNotWritten(exception, batch.Count);
            }
            else
            {
                // Once with its stack trace, then quietly until a turn works again: the same failure every poll
                // interval would bury the log; the health check reports it meanwhile.
                if (telemetry.DispatchFailure is null)
                {
                    LogClaimFailed(exception);
                }
                else
                {
                    LogClaimStillFailing(exception.Message);
                }
                telemetry.DispatchFailed(exception.Message);
            }
            return 0;
        }
        finally
        {
            // Only now may a claim take these messages again (should their leases have lapsed): earlier, one that was
            // delivered but not yet recorded would be sent twice.
            lanes.Recorded(batch);
        }
        HandBack(lanes.Take(read, webhooks, readStarted, heads));
        HandBack(lanes.Take([], [], readStarted, followers));
        lanes.Followed(tails, followers, writes);
        StartReady();
        return heads.Count + followers.Count;
    }

    /// <summary>The backlog gauges need two queries: measured at most once a second, not on every turn.</summary>
    private async Task MeasureBacklogAsync(IWebhookOutbox outbox, DateTime now)
    {
        if (timeProvider.GetElapsedTime(Interlocked.Read(ref _lastMeasured)) < TimeSpan.FromSeconds(1))
        {
            return;
        }
        (int backlog, DateTime? oldestDue) = await outbox.DueBacklogAsync(now, CancellationToken.None).ConfigureAwait(false);
        telemetry.DispatchLoop(timeProvider.GetUtcNow(), backlog, oldestDue is { } oldest ? now - oldest : TimeSpan.Zero);
        Interlocked.Exchange(ref _lastMeasured, timeProvider.GetTimestamp());
        lanes.Prune();
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

    /// <summary>Whether a batch releases messages (hands them back): once written, they can be claimed behind their keys again.</summary>
    private static bool Releases(IReadOnlyList<WebhookCompletion> batch) =>
        batch.Any(completion => completion.Attempt is null && completion.Record.Status is WebhookDeliveryStatus.Waiting or WebhookDeliveryStatus.Pending);

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
            // A turn now only when it has work: nothing claimed is left to send (claim more), or a batch of outcomes;
            // otherwise within OutcomeDelay, so the delivery log and the keys' next heads never lag behind for long.
            if (lanes.NothingWaiting || _completed.Count >= OutcomeBatch)
            {
                signal.Wake();
            }
            else if (Interlocked.Exchange(ref _flushScheduled, 1) == 0)
            {
                _ = Task.Delay(OutcomeDelay, timeProvider).ContinueWith(_ =>
                {
                    Interlocked.Exchange(ref _flushScheduled, 0);
                    signal.Wake();
                }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Releasing held webhook messages at shutdown failed; their leases will expire")]
    private partial void LogReleaseFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Writing the outcomes of {Count} webhook attempts failed; those messages will be sent again when their leases expire")]
    private partial void LogOutcomesNotWritten(Exception exception, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Claiming due webhook messages failed; the dispatcher keeps trying, logs this again only after a claim works, and its health check reports it meanwhile")]
    private partial void LogClaimFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Claiming due webhook messages still fails: {Reason}")]
    private partial void LogClaimStillFailing(string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Claiming due webhook messages works again")]
    private partial void LogClaimRecovered();

    [LoggerMessage(Level = LogLevel.Error, Message = "Attempt of webhook message {MessageId} failed unexpectedly; it will be attempted again")]
    private partial void LogAttemptFailed(Exception exception, string messageId);
}
