using Hooks.Sdk.Store;

namespace Hooks.Sdk.Delivery;

/// <summary>One body to POST to one webhook.</summary>
/// <param name="Webhook">The recipient.</param>
/// <param name="Action">The action the body carries.</param>
/// <param name="Body">The UTF-8 JSON body.</param>
public sealed record WebhookMessage(Webhook Webhook, string Action, ReadOnlyMemory<byte> Body)
{
    /// <summary>The stable <c>webhook-id</c> of an outbox message; an inline message gets a new one.</summary>
    public string? MessageId { get; init; }

    /// <summary>What orders it among the webhook's messages (<see cref="WebhookOrderingKey"/>); the organization's when not set.</summary>
    public string? OrderingKey { get; init; }

    /// <summary>A new message id: <c>msg_</c> and a time-ordered GUID.</summary>
    /// <param name="now">The current time.</param>
    public static string NewMessageId(DateTimeOffset now) => "msg_" + Guid.CreateVersion7(now).ToString("N");
}

/// <summary>The outcome of one POST.</summary>
/// <param name="StatusCode">The receiver's status, or <see langword="null"/> when no response came.</param>
/// <param name="Duration">Time from sending to the response headers, or to the failure.</param>
/// <param name="Error">Why no usable response came (timeout, connection error...), or <see langword="null"/>.</param>
public sealed record WebhookDeliveryResult(int? StatusCode, TimeSpan Duration, string? Error)
{
    /// <summary>How long the receiver asked to wait before the next attempt (<c>Retry-After</c>), if it did.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>The start of the receiver's response body, for the delivery log.</summary>
    public string? ResponseBody { get; init; }

    /// <summary>Whether the receiver answered 2xx; anything else, a redirect included, is a failure.</summary>
    public bool Succeeded => StatusCode is >= 200 and < 300;
}

/// <summary>
/// Sends the messages of one event. The default is Label Studio's inline delivery (one POST per message, in turn,
/// before the emitting call returns); a durable outbox can replace it without touching the emitter, the filters or
/// the API.
/// </summary>
internal interface IWebhookDelivery
{
    /// <summary>Delivers <paramref name="messages"/>; never throws for a receiver's failure.</summary>
    /// <param name="messages">One message per matching webhook (and batch).</param>
    /// <param name="cancellationToken">Cancels the delivery.</param>
    Task DeliverAsync(IReadOnlyList<WebhookMessage> messages, CancellationToken cancellationToken);
}
