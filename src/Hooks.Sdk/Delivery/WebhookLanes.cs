using Hooks.Sdk.Store;
using Microsoft.Extensions.Options;

namespace Hooks.Sdk.Delivery;

/// <summary>
/// What one dispatcher holds: claimed messages in a lane per webhook and a queue per ordering key, which of them may
/// start, and how much more each webhook and key may be claimed for. Scheduling only, no I/O; it takes its own lock, so the dispatcher's loop and its
/// attempts call it from any thread. At most <see cref="WebhookOptions.MaxConcurrency"/> attempts run, at most
/// <see cref="WebhookOptions.MaxConcurrencyPerWebhook"/> to one webhook, one at a time per key in the key's order, and
/// lanes are taken in turn so that none waits behind a busy one.
/// </summary>
internal sealed class WebhookLanes(IOptions<WebhookOptions> options, TimeProvider timeProvider)
{
    private static readonly TimeSpan WebhookFreshness = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan IdleLaneLifetime = TimeSpan.FromMinutes(5);

    private readonly Lock _gate = new();
    private readonly Dictionary<long, WebhookLane> _lanes = [];
    private readonly Queue<WebhookLane> _ready = new();
    // Messages claimed and not yet recorded: in a lane, in flight, or finished with the outcome not yet written.
    private readonly HashSet<long> _heldIds = [];
    private int _attempting;
    private int _held;
    private long _heldBytes;
    private bool _stopping;

    /// <summary>Whether no claimed message waits to be sent (all are in flight or done): only a claim can give more work.</summary>
    public bool NothingWaiting
    {
        get
        {
            lock (_gate)
            {
                return _held - _attempting <= 0;
            }
        }
    }

    /// <summary>How much the next claim may take: messages, bytes, and room per webhook; null when it may take nothing.</summary>
    public (int Max, long MaxBytes, Dictionary<long, int> Room)? Limits()
    {
        WebhookOptions settings = options.Value;
        lock (_gate)
        {
            int max = (settings.MaxConcurrency * settings.ClaimAhead) - _held;
            long maxBytes = settings.MaxClaimedBytes - _heldBytes;
            return max <= 0 || maxBytes <= 0 ? null : (max, maxBytes, _lanes.Values.ToDictionary(lane => lane.WebhookId, lane => lane.Room(settings)));
        }
    }

    /// <summary>The webhooks to read: those of new and held messages not read within the last second, or changed since.</summary>
    public long[] ToRead(IReadOnlyList<WebhookDeliveryRecord> claimed)
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

    /// <summary>
    /// Takes what a claim returned and the webhooks read for it (a read one missing was deleted); returns the messages
    /// to hand back (release) instead: those claimed behind a key this dispatcher no longer follows in order.
    /// </summary>
    /// <param name="read">The webhooks that were read.</param>
    /// <param name="webhooks">Those of them that still exist.</param>
    /// <param name="readStarted">When the read began: a change while it ran leaves a lane stale, to be read again.</param>
    /// <param name="claimed">The messages claimed.</param>
    public IReadOnlyList<WebhookDeliveryRecord> Take(IReadOnlyList<long> read, IReadOnlyList<Webhook> webhooks, long readStarted, IReadOnlyList<WebhookDeliveryRecord> claimed)
    {
        WebhookOptions settings = options.Value;
        var handBack = new List<WebhookDeliveryRecord>();
        lock (_gate)
        {
            Dictionary<long, Webhook> byId = webhooks.ToDictionary(webhook => webhook.Id);
            foreach (long id in read)
            {
                WebhookLane lane = Lane(id);
                lane.Webhook = byId.GetValueOrDefault(id);
                lane.ReadAt = readStarted;
                MarkReady(lane, settings);
            }
            foreach (WebhookDeliveryRecord record in claimed)
            {
                // A lease of ours that lapsed while its attempt was still running can be claimed by us again: the
                // message is already held, and holding it twice would send it twice.
                if (_heldIds.Contains(record.Id))
                {
                    continue;
                }
                WebhookLane lane = Lane(record.WebhookId);
                if (!lane.Accept(record))
                {
                    handBack.Add(record);
                    continue;
                }
                _heldIds.Add(record.Id);
                _held++;
                _heldBytes += record.Body.Length;
                MarkReady(lane, settings);
            }
        }
        return handBack;
    }

    /// <summary>
    /// The keys held in order, to claim what follows each: the messages written behind it since. A key whose last such
    /// claim found it exhausted is left out until messages are written again (<paramref name="writes"/> moves).
    /// </summary>
    /// <param name="writes">The dispatch signal's count of writes, read before the claim.</param>
    public IReadOnlyList<WebhookKeyTail> Tails(long writes)
    {
        WebhookOptions settings = options.Value;
        lock (_gate)
        {
            return _lanes.Values.Where(lane => !lane.Stale)
                .SelectMany(lane => lane.Tails(settings, writes).Select(tail => new WebhookKeyTail(lane.WebhookId, tail.OrderingKey, tail.AfterId, tail.Room)))
                .ToList();
        }
    }

    /// <summary>Marks the keys a claim behind them found exhausted (it took less than their room) as of <paramref name="writes"/>.</summary>
    public void Followed(IReadOnlyList<WebhookKeyTail> tails, IReadOnlyList<WebhookDeliveryRecord> followers, long writes)
    {
        var taken = followers.CountBy(record => (record.WebhookId, record.OrderingKey)).ToDictionary();
        lock (_gate)
        {
            foreach (WebhookKeyTail tail in tails.Where(tail => taken.GetValueOrDefault((tail.WebhookId, tail.OrderingKey)) < tail.Room))
            {
                if (_lanes.TryGetValue(tail.WebhookId, out WebhookLane? lane))
                {
                    lane.Exhausted(tail.OrderingKey, writes);
                }
            }
        }
    }

    /// <summary>
    /// Starts waiting messages while slots are free: <paramref name="start"/> runs for each under the lock
    /// <see cref="Stop"/> takes, so once <see cref="Stop"/> has returned nothing starts, and whatever started was
    /// handed to <paramref name="start"/> before it. Returns the messages to hand back: those with too little lease
    /// left for a whole attempt, and what waited behind them.
    /// </summary>
    public IReadOnlyList<WebhookDeliveryRecord> StartReady(Action<WebhookAttemptStart> start)
    {
        WebhookOptions settings = options.Value;
        var handBack = new List<WebhookDeliveryRecord>();
        lock (_gate)
        {
            DateTime now = timeProvider.GetUtcNow().UtcDateTime;
            while (!_stopping && _attempting < settings.MaxConcurrency && _ready.TryDequeue(out WebhookLane? lane))
            {
                lane.Ready = false;
                if (!lane.CanStart(settings.MaxConcurrencyPerWebhook))
                {
                    // Stale: marked ready again once the webhook is read.
                    continue;
                }
                (WebhookDeliveryRecord record, WebhookKeyQueue key) = lane.Start();
                if (record.LeaseUntil - now < settings.Timeout)
                {
                    // Released rather than sent: claimed again at once, with a fresh lease.
                    handBack.Add(record);
                    handBack.AddRange(lane.NotStarted(key));
                    MarkReady(lane, settings);
                    continue;
                }
                _attempting++;
                MarkReady(lane, settings);
                start(new WebhookAttemptStart(record, lane, key, lane.Webhook));
            }
            foreach (WebhookDeliveryRecord record in handBack)
            {
                Unhold(record);
            }
        }
        return handBack;
    }

    /// <summary>
    /// An attempt ended: its slot is free. Unless its outcome is queued for writing, the message may be claimed again.
    /// Unless it ended for good, its key's chain breaks: returns the messages that waited behind it, to hand back.
    /// </summary>
    public IReadOnlyList<WebhookDeliveryRecord> Finished(WebhookAttemptStart attempt, TimeSpan? took, bool outcomeQueued)
    {
        lock (_gate)
        {
            WebhookLane lane = attempt.Lane;
            _attempting--;
            Unhold(attempt.Record);
            bool finished = outcomeQueued && attempt.Record.Status is WebhookDeliveryStatus.Succeeded or WebhookDeliveryStatus.Failed;
            IReadOnlyList<WebhookDeliveryRecord> handBack = lane.Finished(attempt.Key, finished);
            foreach (WebhookDeliveryRecord record in handBack)
            {
                Unhold(record);
            }
            if (!outcomeQueued)
            {
                Forget(lane, attempt.Record);
            }
            if (took is { } duration)
            {
                lane.Observe(duration);
            }
            if (lane.Held == 0)
            {
                lane.IdleSince = timeProvider.GetTimestamp();
            }
            MarkReady(lane, options.Value);
            return handBack;
        }
    }

    /// <summary>These messages' outcomes are written (or failed to be): only now may a claim take them again.</summary>
    public void Recorded(IEnumerable<WebhookCompletion> completions)
    {
        lock (_gate)
        {
            foreach (WebhookCompletion completion in completions)
            {
                Forget(_lanes.GetValueOrDefault(completion.Record.WebhookId), completion.Record);
            }
        }
    }

    /// <summary>A webhook changed in this process: its lane starts nothing until the webhook is read again.</summary>
    public void Changed(long webhookId)
    {
        lock (_gate)
        {
            if (_lanes.TryGetValue(webhookId, out WebhookLane? lane))
            {
                lane.ChangedAt = timeProvider.GetTimestamp();
            }
        }
    }

    /// <summary>Forgets lanes idle for a while.</summary>
    public void Prune()
    {
        lock (_gate)
        {
            foreach (WebhookLane lane in _lanes.Values.Where(lane => lane.Held == 0 && timeProvider.GetElapsedTime(lane.IdleSince) >= IdleLaneLifetime).ToList())
            {
                _lanes.Remove(lane.WebhookId);
            }
        }
    }

    /// <summary>Nothing starts from now on.</summary>
    public void Stop()
    {
        lock (_gate)
        {
            _stopping = true;
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

    /// <summary>A held message is no longer: recorded, or let go without an outcome.</summary>
    private void Forget(WebhookLane? lane, WebhookDeliveryRecord record)
    {
        if (_heldIds.Remove(record.Id))
        {
            lane?.Forget(record);
        }
    }

    private void MarkReady(WebhookLane lane, WebhookOptions settings)
    {
        if (!lane.Ready && lane.CanStart(settings.MaxConcurrencyPerWebhook))
        {
            lane.Ready = true;
            _ready.Enqueue(lane);
        }
    }

    private void Unhold(WebhookDeliveryRecord record)
    {
        _held--;
        _heldBytes -= record.Body.Length;
    }
}

/// <summary>A message about to be attempted: its lane and key, and its webhook as last read (null once deleted).</summary>
internal sealed record WebhookAttemptStart(WebhookDeliveryRecord Record, WebhookLane Lane, WebhookKeyQueue Key, Webhook? Webhook);
