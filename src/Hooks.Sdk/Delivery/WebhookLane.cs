using Hooks.Sdk.Store;

namespace Hooks.Sdk.Delivery;

/// <summary>
/// What one dispatcher holds for one webhook: claimed messages by ordering key (<see cref="WebhookKeyQueue"/>), at
/// most one attempt per key and <see cref="WebhookOptions.MaxConcurrencyPerWebhook"/> in all, keys taken in turn, and
/// how long the receiver typically takes, which sets how far ahead it is claimed for. Guarded by the dispatcher's lock.
/// </summary>
internal sealed class WebhookLane(long webhookId)
{
    private readonly Dictionary<string, WebhookKeyQueue> _keys = [];
    private readonly Queue<WebhookKeyQueue> _startable = new();
    private TimeSpan? _typicalAttempt;

    public long WebhookId { get; } = webhookId;

    /// <summary>The webhook as last read; <see langword="null"/> once it is deleted.</summary>
    public Webhook? Webhook { get; set; }

    /// <summary>When <see cref="Webhook"/> was read (a <see cref="TimeProvider"/> timestamp).</summary>
    public long ReadAt { get; set; }

    /// <summary>When the webhook was last changed in this process; nothing starts until it is read after that.</summary>
    public long ChangedAt { get; set; } = long.MinValue;

    /// <summary>Whether <see cref="Webhook"/> may be out of date: changed since it was read.</summary>
    public bool Stale => ChangedAt >= ReadAt;

    /// <summary>Whether it is in the dispatcher's queue of lanes with a message ready to start.</summary>
    public bool Ready { get; set; }

    /// <summary>When it last held nothing (a <see cref="TimeProvider"/> timestamp), for pruning idle lanes.</summary>
    public long IdleSince { get; set; }

    public int Queued { get; private set; }

    public int InFlight { get; private set; }

    public int Held => Queued + InFlight;

    /// <summary>Whether an attempt may start now within <paramref name="cap"/> attempts to the webhook.</summary>
    public bool CanStart(int cap) => !Stale && InFlight < cap && _startable.Count > 0;

    /// <summary>
    /// Takes a claimed message; false when it must be handed back instead: one claimed behind its key's head
    /// (<see cref="WebhookDeliveryStatus.Waiting"/>) whose key this lane no longer follows, or follows broken.
    /// </summary>
    public bool Accept(WebhookDeliveryRecord record)
    {
        bool follower = record.Status == WebhookDeliveryStatus.Waiting;
        if (!_keys.TryGetValue(record.OrderingKey, out WebhookKeyQueue? key))
        {
            if (follower)
            {
                return false;
            }
            key = new WebhookKeyQueue(record.OrderingKey);
            _keys.Add(record.OrderingKey, key);
        }
        if (key.Broken)
        {
            if (follower)
            {
                return false;
            }
            // The key's first unfinished message, claimed again: a new chain starts from it.
            key.Broken = false;
        }
        if (!follower)
        {
            key.ExhaustedAt = -1;
        }
        key.Waiting.Enqueue(record);
        key.LastId = Math.Max(key.LastId, record.Id);
        key.Unrecorded++;
        Queued++;
        MarkStartable(key);
        return true;
    }

    /// <summary>Takes the next key's next message and counts it in flight.</summary>
    public (WebhookDeliveryRecord Record, WebhookKeyQueue Key) Start()
    {
        WebhookKeyQueue key = _startable.Dequeue();
        key.Startable = false;
        WebhookDeliveryRecord record = key.Waiting.Dequeue();
        key.Busy = true;
        Queued--;
        InFlight++;
        return (record, key);
    }

    /// <summary>
    /// An attempt of <paramref name="key"/> ended. Unless it ended <paramref name="finished"/> (delivered or given up),
    /// the chain breaks: returns what waited behind it, to hand back.
    /// </summary>
    public IReadOnlyList<WebhookDeliveryRecord> Finished(WebhookKeyQueue key, bool finished)
    {
        key.Busy = false;
        InFlight--;
        if (finished)
        {
            MarkStartable(key);
            return [];
        }
        return Break(key);
    }

    /// <summary>A message started no attempt (its lease ran short): it and what waited behind it go back.</summary>
    public IReadOnlyList<WebhookDeliveryRecord> NotStarted(WebhookKeyQueue key)
    {
        key.Busy = false;
        InFlight--;
        return Break(key);
    }

    /// <summary>A message of this lane was recorded or let go: its key is forgotten once nothing of it is held.</summary>
    public void Forget(WebhookDeliveryRecord record)
    {
        if (_keys.TryGetValue(record.OrderingKey, out WebhookKeyQueue? key) && --key.Unrecorded <= 0 && !key.Busy && key.Waiting.Count == 0)
        {
            _keys.Remove(record.OrderingKey);
        }
    }

    /// <summary>
    /// The keys to claim more for (held, unbroken, and not found exhausted since messages were last written), each with
    /// how many more it may take.
    /// </summary>
    public IEnumerable<(string OrderingKey, long AfterId, int Room)> Tails(WebhookOptions options, long writes)
    {
        int perKey = PerSlot(options);
        foreach (WebhookKeyQueue key in _keys.Values)
        {
            int room = perKey - key.Waiting.Count - (key.Busy ? 1 : 0);
            if (!key.Broken && room > 0 && key.ExhaustedAt != writes)
            {
                yield return (key.OrderingKey, key.LastId, room);
            }
        }
    }

    /// <summary>A claim behind <paramref name="orderingKey"/> took less than it asked for: nothing more until something is written.</summary>
    public void Exhausted(string orderingKey, long writes)
    {
        if (_keys.TryGetValue(orderingKey, out WebhookKeyQueue? key))
        {
            key.ExhaustedAt = writes;
        }
    }

    /// <summary>Folds one attempt's duration into a moving average that follows a receiver's change within a few attempts.</summary>
    public void Observe(TimeSpan duration) =>
        _typicalAttempt = _typicalAttempt is { } typical ? (typical * 0.8) + (duration * 0.2) : duration;

    /// <summary>
    /// How many more messages to claim for it as keys' heads: as many per slot as it typically finishes within
    /// <see cref="WebhookOptions.LeaseMargin"/> (<see cref="PerSlot"/>), so that what it holds is sent before its lease
    /// runs out.
    /// </summary>
    public int Room(WebhookOptions options) => (options.MaxConcurrencyPerWebhook * PerSlot(options)) - Held;

    /// <summary>
    /// How many messages one slot (or one key, which is sent in order) gets through within the lease margin, at most
    /// <see cref="WebhookOptions.ClaimAhead"/>; one for a receiver not yet measured.
    /// </summary>
    private int PerSlot(WebhookOptions options) => _typicalAttempt is { } typical
        ? (int)Math.Clamp(options.LeaseMargin.Ticks / Math.Max(typical.Ticks, TimeSpan.TicksPerMillisecond), 1, options.ClaimAhead)
        : 1;

    private List<WebhookDeliveryRecord> Break(WebhookKeyQueue key)
    {
        key.Broken = true;
        var behind = new List<WebhookDeliveryRecord>(key.Waiting);
        Queued -= key.Waiting.Count;
        key.Waiting.Clear();
        return behind;
    }

    private void MarkStartable(WebhookKeyQueue key)
    {
        if (!key.Startable && key.CanStart)
        {
            key.Startable = true;
            _startable.Enqueue(key);
        }
    }
}
