namespace Hooks.Sdk;

/// <summary>
/// What one dispatcher holds for one webhook: claimed messages waiting for a slot, attempts in flight, and how long
/// the receiver typically takes, which sets how far ahead it is claimed for. Guarded by the dispatcher's lock.
/// </summary>
internal sealed class WebhookLane(long webhookId)
{
    public long WebhookId { get; } = webhookId;

    /// <summary>The webhook as last read; <see langword="null"/> once it is deleted.</summary>
    public Webhook? Webhook { get; set; }

    /// <summary>When <see cref="Webhook"/> was read (a <see cref="TimeProvider"/> timestamp).</summary>
    public long ReadAt { get; set; }

    /// <summary>When the webhook was last changed in this process; nothing starts until it is read after that.</summary>
    public long ChangedAt { get; set; } = long.MinValue;

    /// <summary>Whether <see cref="Webhook"/> may be out of date: changed since it was read.</summary>
    public bool Stale => ChangedAt >= ReadAt;

    public Queue<WebhookDeliveryRecord> Waiting { get; } = new();

    public int InFlight { get; set; }

    /// <summary>Whether it is in the dispatcher's queue of lanes with a message ready to start.</summary>
    public bool Ready { get; set; }

    /// <summary>When it last held nothing (a <see cref="TimeProvider"/> timestamp), for pruning idle lanes.</summary>
    public long IdleSince { get; set; }

    public int Held => Waiting.Count + InFlight;

    private TimeSpan? _typicalAttempt;

    /// <summary>Folds one attempt's duration into a moving average that follows a receiver's change within a few attempts.</summary>
    public void Observe(TimeSpan duration) =>
        _typicalAttempt = _typicalAttempt is { } typical ? (typical * 0.8) + (duration * 0.2) : duration;

    /// <summary>
    /// How many more messages to claim for it: as many per slot as it typically finishes within
    /// <see cref="WebhookOptions.LeaseMargin"/>, at most <see cref="WebhookOptions.ClaimAhead"/>, so that what it holds
    /// is sent before its lease runs out. A receiver not yet measured gets one per slot.
    /// </summary>
    public int Room(WebhookOptions options)
    {
        long perSlot = _typicalAttempt is { } typical
            ? Math.Clamp(options.LeaseMargin.Ticks / Math.Max(typical.Ticks, TimeSpan.TicksPerMillisecond), 1, options.ClaimAhead)
            : 1;
        return (options.MaxConcurrencyPerWebhook * (int)perSlot) - Held;
    }
}
