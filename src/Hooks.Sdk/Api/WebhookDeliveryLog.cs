using Hooks.Sdk.Delivery;

namespace Hooks.Sdk.Api;

/// <summary>
/// The delivery log of one of an organization's webhooks, from <see cref="WebhookAdministration.FindDeliveryLogAsync"/>:
/// its messages with their attempts, and redelivery. A message sent again keeps its <c>webhook-id</c> and takes its
/// place in its ordering key's queue by age. Use it within the scope of the administration that made it.
/// </summary>
public sealed class WebhookDeliveryLog
{
    private readonly long _webhookId;
    private readonly IWebhookOutbox _outbox;
    private readonly WebhookDispatchSignal _dispatch;
    private readonly TimeProvider _timeProvider;

    internal WebhookDeliveryLog(long webhookId, IWebhookOutbox outbox, WebhookDispatchSignal dispatch, TimeProvider timeProvider)
    {
        _webhookId = webhookId;
        _outbox = outbox;
        _dispatch = dispatch;
        _timeProvider = timeProvider;
    }

    /// <summary>The webhook's messages, newest first, optionally of one status, with how many there are in all.</summary>
    /// <param name="status">Only messages in this state, or all.</param>
    /// <param name="skip">How many to skip.</param>
    /// <param name="take">How many to return.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    public Task<(IReadOnlyList<WebhookDeliveryRecord> Page, int Count)> ListAsync(
        WebhookDeliveryStatus? status, int skip, int take, CancellationToken cancellationToken = default) =>
        _outbox.ListAsync(_webhookId, status, skip, take, cancellationToken);

    /// <summary>One of the webhook's messages with its attempts, oldest first, or <see langword="null"/>.</summary>
    /// <param name="deliveryId">The message.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    public Task<(WebhookDeliveryRecord Delivery, IReadOnlyList<WebhookDeliveryAttempt> Attempts)?> FindAsync(
        long deliveryId, CancellationToken cancellationToken = default) =>
        _outbox.FindAsync(_webhookId, deliveryId, cancellationToken);

    /// <summary>Sends a finished message again; returns 1, or 0 when the webhook has no finished message with that id.</summary>
    /// <param name="deliveryId">The message.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    public Task<int> RedeliverAsync(long deliveryId, CancellationToken cancellationToken = default) =>
        RedeliverAsync(deliveryId, failedSince: null, cancellationToken);

    /// <summary>Sends again every failed message created at or after <paramref name="since"/>; returns how many.</summary>
    /// <param name="since">The oldest creation time to recover.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    public Task<int> RecoverAsync(DateTimeOffset since, CancellationToken cancellationToken = default) =>
        RedeliverAsync(deliveryId: null, since.UtcDateTime, cancellationToken);

    private async Task<int> RedeliverAsync(long? deliveryId, DateTime? failedSince, CancellationToken cancellationToken)
    {
        int count = await _outbox.RedeliverAsync(_webhookId, deliveryId, failedSince, _timeProvider.GetUtcNow().UtcDateTime, cancellationToken)
            .ConfigureAwait(false);
        if (count > 0)
        {
            // Written, not just due: the dispatcher also looks again behind the keys it holds.
            _dispatch.MessagesWritten();
        }
        return count;
    }
}
