namespace Hooks.Sdk.Delivery;

/// <summary>
/// One message to one webhook in the durable outbox: written in the app's database when the event is emitted, then
/// delivered and retried by <see cref="WebhookDispatcher"/>. <see cref="MessageId"/> is sent as <c>webhook-id</c> on
/// every attempt, so receivers can deduplicate.
/// </summary>
public sealed class WebhookDeliveryRecord
{
    /// <summary>The longest <see cref="OrderingKey"/> stored.</summary>
    public const int MaxOrderingKeyLength = 128;

    /// <summary>Identity.</summary>
    public long Id { get; set; }

    /// <summary>The stable message id (<c>msg_...</c>), the receiver's idempotency key.</summary>
    public string MessageId { get; set; } = "";

    /// <summary>The recipient.</summary>
    public long WebhookId { get; set; }

    /// <summary>The recipient's organization.</summary>
    public long OrganizationId { get; set; }

    /// <summary>The action the body carries.</summary>
    public string Action { get; set; } = "";

    /// <summary>
    /// What orders it: one webhook gets the messages of one key (the event's project, or the organization for
    /// organization-level events; see <see cref="WebhookOrderingKey"/>) in the order they were written, one at a time.
    /// </summary>
    public string OrderingKey { get; set; } = "";

    /// <summary>
    /// The exact bytes POSTed. Stored once per event, however many webhooks it reaches: messages that share a body
    /// share its <see cref="PayloadId"/>, and the outbox loads it with them.
    /// </summary>
    public byte[] Body { get; set; } = [];

    /// <summary>The stored body's identity in the outbox.</summary>
    public long PayloadId { get; set; }

    /// <summary>Where the message stands.</summary>
    public WebhookDeliveryStatus Status { get; set; }

    /// <summary>Attempts made so far.</summary>
    public int Attempts { get; set; }

    /// <summary>When the message was written (UTC).</summary>
    public DateTime CreatedAt { get; set; }

    /// <summary>When the next attempt is due (UTC).</summary>
    public DateTime NextAttemptAt { get; set; }

    /// <summary>The dispatcher holding the message, while it holds it.</summary>
    public string? LeaseOwner { get; set; }

    /// <summary>Until when the holder may hold it; after that another dispatcher may claim it.</summary>
    public DateTime? LeaseUntil { get; set; }

    /// <summary>The last attempt's status code.</summary>
    public int? LastStatusCode { get; set; }

    /// <summary>Why the last attempt failed.</summary>
    public string? LastError { get; set; }
}

/// <summary>The states of a <see cref="WebhookDeliveryRecord"/>.</summary>
public enum WebhookDeliveryStatus
{
    /// <summary>Waiting for its next attempt: the first unfinished message of its webhook and ordering key.</summary>
    Pending,

    /// <summary>The receiver answered 2xx.</summary>
    Succeeded,

    /// <summary>Every attempt failed, the receiver answered 410 Gone, or the webhook is gone or inactive.</summary>
    Failed,

    /// <summary>Behind an earlier unfinished message of the same webhook and ordering key; pending once that one is finished.</summary>
    Waiting,
}
