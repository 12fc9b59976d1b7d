namespace Hooks.Sdk;

/// <summary>
/// The durable outbox in the app's database. Claims take a lease, so a message is attempted by one dispatcher at a
/// time; a lease that expires (its holder died) makes the message claimable again.
/// </summary>
public interface IWebhookOutbox
{
    /// <summary>Writes messages; within the app's open transaction when it has one, so they exist only if it commits.</summary>
    /// <param name="records">The messages.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    Task EnqueueAsync(IReadOnlyList<WebhookDeliveryRecord> records, CancellationToken cancellationToken);

    /// <summary>
    /// Claims up to <paramref name="max"/> messages due at <paramref name="now"/> for <paramref name="owner"/> until
    /// <paramref name="leaseUntil"/>, oldest due first, skipping messages to <paramref name="busyWebhooks"/>.
    /// </summary>
    /// <param name="owner">The claiming dispatcher.</param>
    /// <param name="now">The current time (UTC).</param>
    /// <param name="leaseUntil">The end of the lease (UTC).</param>
    /// <param name="max">The most messages to claim.</param>
    /// <param name="busyWebhooks">Webhooks already at their concurrency cap.</param>
    /// <param name="cancellationToken">Cancels the claim.</param>
    Task<IReadOnlyList<WebhookDeliveryRecord>> ClaimDueAsync(
        string owner, DateTime now, DateTime leaseUntil, int max, IReadOnlyCollection<long> busyWebhooks, CancellationToken cancellationToken);

    /// <summary>Saves the outcome of an attempt and releases the lease; ignored when <paramref name="owner"/> no longer holds it.</summary>
    /// <param name="record">The message with its new state.</param>
    /// <param name="owner">The dispatcher that made the attempt.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    Task CompleteAsync(WebhookDeliveryRecord record, string owner, CancellationToken cancellationToken);

    /// <summary>Releases every lease <paramref name="owner"/> holds without an attempt, so another dispatcher can take them at once.</summary>
    /// <param name="owner">The stopping dispatcher.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    Task ReleaseAsync(string owner, CancellationToken cancellationToken);
}
