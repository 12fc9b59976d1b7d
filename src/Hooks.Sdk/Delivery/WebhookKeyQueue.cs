namespace Hooks.Sdk.Delivery;

/// <summary>
/// One ordering key of one webhook as a dispatcher holds it: the claimed messages still to send, in order, one at a
/// time. The next starts only once the one before it has finished for good (delivered or given up); one that will be
/// retried, or whose attempt went wrong, breaks the chain, and what followed it is handed back. Guarded by the
/// dispatcher's lock.
/// </summary>
internal sealed class WebhookKeyQueue(string orderingKey)
{
    public string OrderingKey { get; } = orderingKey;

    public Queue<WebhookDeliveryRecord> Waiting { get; } = new();

    /// <summary>Whether its current message is being attempted.</summary>
    public bool Busy { get; set; }

    /// <summary>
    /// Whether a message ended unfinished: nothing more starts or is claimed behind it, until the key's first unfinished
    /// message is claimed again as the key's head.
    /// </summary>
    public bool Broken { get; set; }

    /// <summary>Whether it is in its lane's queue of keys with a message ready to start.</summary>
    public bool Startable { get; set; }

    /// <summary>The highest message id claimed for it: the next claim takes what follows.</summary>
    public long LastId { get; set; }

    /// <summary>
    /// The <see cref="WebhookDispatchSignal.Writes"/> at which a claim behind it found no more than it took: not worth
    /// another query until messages are written again.
    /// </summary>
    public long ExhaustedAt { get; set; } = -1;

    /// <summary>Messages claimed and not yet recorded (waiting, in flight, or with an outcome not yet written).</summary>
    public int Unrecorded { get; set; }

    /// <summary>Whether it may start a message now.</summary>
    public bool CanStart => !Busy && !Broken && Waiting.Count > 0;
}
