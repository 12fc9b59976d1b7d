using Hooks.Sdk.Store;
using Hooks.Sdk.Telemetry;

namespace Hooks.Sdk.Delivery;

/// <summary>
/// Durable delivery: each message becomes a <see cref="WebhookDeliveryRecord"/> in the app's database, and the
/// emitting call returns without waiting for any receiver; the outbox wakes <see cref="WebhookDispatcher"/> once the
/// records are committed. Messages that share a body share one array, which the outbox stores once.
/// </summary>
internal sealed class OutboxWebhookDelivery(IWebhookOutbox outbox, WebhookTelemetry telemetry, TimeProvider timeProvider) : IWebhookDelivery
{
    public async Task DeliverAsync(IReadOnlyList<WebhookMessage> messages, CancellationToken cancellationToken)
    {
        DateTime now = timeProvider.GetUtcNow().UtcDateTime;
        var bodies = new Dictionary<ReadOnlyMemory<byte>, byte[]>();
        WebhookDeliveryRecord[] records = messages.Select(message => new WebhookDeliveryRecord
        {
            MessageId = WebhookMessage.NewMessageId(timeProvider.GetUtcNow()),
            WebhookId = message.Webhook.Id,
            OrganizationId = message.Webhook.OrganizationId,
            Action = message.Action,
            OrderingKey = message.OrderingKey ?? WebhookOrderingKey.For(message.Webhook.OrganizationId, projectId: null),
            Body = bodies.TryGetValue(message.Body, out byte[]? body) ? body : bodies[message.Body] = message.Body.ToArray(),
            Status = WebhookDeliveryStatus.Pending,
            CreatedAt = now,
            NextAttemptAt = now,
        }).ToArray();
        await outbox.EnqueueAsync(records, cancellationToken).ConfigureAwait(false);
        foreach (IGrouping<string, WebhookDeliveryRecord> action in records.GroupBy(record => record.Action))
        {
            telemetry.Enqueued(action.Key, action.Count());
        }
    }
}

/// <summary>Wakes the dispatcher when messages are written, so they go out at once rather than at the next poll.</summary>
internal sealed class WebhookDispatchSignal
{
    private readonly SemaphoreSlim _wake = new(0, 1);
    private long _writes;

    /// <summary>
    /// Signals that messages were committed to the outbox: the dispatcher claims them, also behind the keys it already
    /// holds (which it otherwise does not look at again until something is written).
    /// </summary>
    public void MessagesWritten()
    {
        Interlocked.Increment(ref _writes);
        Wake();
    }

    /// <summary>How many times <see cref="MessagesWritten"/> was called: a key found exhausted stays so until it moves.</summary>
    internal long Writes => Interlocked.Read(ref _writes);

    /// <summary>Signals that messages may be due.</summary>
    public void Wake()
    {
        try
        {
            _wake.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already signalled: one wake-up serves every message written meanwhile.
        }
    }

    /// <summary>Raised by <see cref="WebhookChanged"/>: the dispatcher re-reads the webhook before it sends to it again.</summary>
    internal event Action<long>? Changed;

    /// <summary>
    /// Says that a webhook was changed or deleted (by the API or an app's page), so that no message is sent to it on
    /// what this process read before. Other processes see the change within a second.
    /// </summary>
    /// <param name="webhookId">The webhook.</param>
    public void WebhookChanged(long webhookId)
    {
        Changed?.Invoke(webhookId);
        Wake();
    }

    /// <summary>Waits for a wake-up or the timeout; true when woken.</summary>
    /// <param name="timeout">The longest wait.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _wake.WaitAsync(timeout, cancellationToken);
}
