namespace Hooks.Sdk.Delivery;

/// <summary>
/// The durable outbox in the app's database. Claims take a lease, so a message is attempted by one dispatcher at a
/// time; a lease that expires (its holder died) makes the message claimable again.
/// </summary>
public interface IWebhookOutbox
{
    /// <summary>
    /// Writes messages, each distinct <see cref="WebhookDeliveryRecord.Body"/> array once; within the app's open
    /// transaction when it has one, so they exist only if it commits, and without touching anything else the app has
    /// pending. Wakes the dispatcher once they are committed.
    /// </summary>
    /// <param name="records">The messages.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    Task EnqueueAsync(IReadOnlyList<WebhookDeliveryRecord> records, CancellationToken cancellationToken);

    /// <summary>
    /// Claims messages due at <see cref="WebhookClaimRequest.Now"/> for <see cref="WebhookClaimRequest.Owner"/> until
    /// <see cref="WebhookClaimRequest.LeaseUntil"/>, oldest due first, within the request's limits.
    /// </summary>
    /// <param name="request">Who claims, until when, and how much.</param>
    /// <param name="cancellationToken">Cancels the claim.</param>
    Task<IReadOnlyList<WebhookDeliveryRecord>> ClaimDueAsync(WebhookClaimRequest request, CancellationToken cancellationToken);

    /// <summary>
    /// Claims, for each of <see cref="WebhookFollowRequest.Keys"/>, the <see cref="WebhookDeliveryStatus.Waiting"/>
    /// messages written behind the last one the dispatcher holds of that webhook and ordering key, in order, so that it
    /// sends a key's messages one after another without a claim between them. Stops at a message leased already and at
    /// one that became the key's due head (<see cref="WebhookDeliveryStatus.Pending"/>), which only
    /// <see cref="ClaimDueAsync"/> takes.
    /// </summary>
    /// <param name="request">Who claims, until when, and which keys.</param>
    /// <param name="cancellationToken">Cancels the claim.</param>
    Task<IReadOnlyList<WebhookDeliveryRecord>> ClaimFollowersAsync(WebhookFollowRequest request, CancellationToken cancellationToken);

    /// <summary>
    /// Saves the outcomes of attempts (logging each attempt made) and releases their leases, all in one transaction;
    /// an outcome whose lease <paramref name="owner"/> no longer holds is ignored. A completion without an attempt and
    /// with the message's state unchanged releases it; each key that had a message finish gets its next one due.
    /// </summary>
    /// <param name="completions">The messages with their new state, and the attempts made.</param>
    /// <param name="owner">The dispatcher that made the attempts.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    Task CompleteAsync(IReadOnlyList<WebhookCompletion> completions, string owner, CancellationToken cancellationToken);

    /// <summary>A webhook's messages, newest first, optionally of one status, with the total count.</summary>
    /// <param name="webhookId">The webhook.</param>
    /// <param name="status">Only messages in this state, or all.</param>
    /// <param name="skip">How many to skip.</param>
    /// <param name="take">How many to return.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    Task<(IReadOnlyList<WebhookDeliveryRecord> Page, int Count)> ListAsync(long webhookId, WebhookDeliveryStatus? status, int skip, int take, CancellationToken cancellationToken);

    /// <summary>One message of a webhook with its attempts, oldest first, or <see langword="null"/>.</summary>
    /// <param name="webhookId">The webhook.</param>
    /// <param name="deliveryId">The message.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    Task<(WebhookDeliveryRecord Delivery, IReadOnlyList<WebhookDeliveryAttempt> Attempts)?> FindAsync(long webhookId, long deliveryId, CancellationToken cancellationToken);

    /// <summary>
    /// Makes finished messages of a webhook due again at <paramref name="now"/>, keeping their <c>webhook-id</c>: one
    /// (<paramref name="deliveryId"/>), or every failed one created since <paramref name="failedSince"/>. They take their
    /// place in their ordering key's queue by age, so they are sent in order. Returns how many.
    /// </summary>
    /// <param name="webhookId">The webhook.</param>
    /// <param name="deliveryId">One message, or <see langword="null"/>.</param>
    /// <param name="failedSince">With no message given: failed messages created at or after this time (UTC).</param>
    /// <param name="now">When they become due (UTC).</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    Task<int> RedeliverAsync(long webhookId, long? deliveryId, DateTime? failedSince, DateTime now, CancellationToken cancellationToken);

    /// <summary>How many messages are due at <paramref name="now"/>, and since when the oldest of them.</summary>
    /// <param name="now">The current time (UTC).</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    Task<(int Count, DateTime? OldestDue)> DueBacklogAsync(DateTime now, CancellationToken cancellationToken);

    /// <summary>Deletes finished messages (and their attempts) created before <paramref name="before"/>; returns how many.</summary>
    /// <param name="before">The retention cut-off (UTC).</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    Task<int> DeleteFinishedBeforeAsync(DateTime before, CancellationToken cancellationToken);

    /// <summary>
    /// Releases every lease <paramref name="owner"/> holds without an attempt (its messages, and the webhooks it sends
    /// for), so another dispatcher can take them at once.
    /// </summary>
    /// <param name="owner">The stopping dispatcher.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    Task ReleaseAsync(string owner, CancellationToken cancellationToken);
}

/// <summary>The outcome of one claimed message, written by <see cref="IWebhookOutbox.CompleteAsync"/>.</summary>
/// <param name="Record">The message with its new state.</param>
/// <param name="Attempt">The attempt made, or <see langword="null"/> when the message was dropped without one.</param>
public sealed record WebhookCompletion(WebhookDeliveryRecord Record, WebhookDeliveryAttempt? Attempt);

/// <summary>What <see cref="IWebhookOutbox.ClaimDueAsync"/> may take.</summary>
/// <param name="Owner">The claiming dispatcher.</param>
/// <param name="Now">The current time (UTC).</param>
/// <param name="LeaseUntil">The end of the lease (UTC).</param>
/// <param name="MaxMessages">The most messages to claim.</param>
/// <param name="MaxBytes">The most body bytes to claim, though a first message larger than this is still taken alone.</param>
/// <param name="Room">How many more messages each listed webhook may take; zero or less takes none.</param>
/// <param name="DefaultRoom">How many messages a webhook not in <paramref name="Room"/> may take.</param>
public sealed record WebhookClaimRequest(
    string Owner, DateTime Now, DateTime LeaseUntil, int MaxMessages, long MaxBytes, IReadOnlyDictionary<long, int> Room, int DefaultRoom);

/// <summary>What <see cref="IWebhookOutbox.ClaimFollowersAsync"/> may take.</summary>
/// <param name="Owner">The claiming dispatcher.</param>
/// <param name="Now">The current time (UTC).</param>
/// <param name="LeaseUntil">The end of the lease (UTC).</param>
/// <param name="MaxBytes">The most body bytes to claim in all.</param>
/// <param name="Keys">The keys the dispatcher holds, with the last message it holds of each.</param>
public sealed record WebhookFollowRequest(string Owner, DateTime Now, DateTime LeaseUntil, long MaxBytes, IReadOnlyList<WebhookKeyTail> Keys);

/// <summary>One webhook's ordering key as a dispatcher holds it.</summary>
/// <param name="WebhookId">The webhook.</param>
/// <param name="OrderingKey">The ordering key.</param>
/// <param name="AfterId">The last message held: what follows it is claimed.</param>
/// <param name="Room">How many more messages to claim for the key.</param>
public sealed record WebhookKeyTail(long WebhookId, string OrderingKey, long AfterId, int Room);
