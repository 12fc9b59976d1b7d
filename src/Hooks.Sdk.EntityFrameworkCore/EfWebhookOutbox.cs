using Microsoft.EntityFrameworkCore;

namespace Hooks.Sdk.EntityFrameworkCore;

/// <summary>
/// The durable outbox in <typeparamref name="TContext"/>. Messages are saved with the context, so inside the app's
/// open transaction they commit or roll back with its change. A claim is a conditional update per message, which
/// only one dispatcher can win on SQLite and PostgreSQL alike.
/// </summary>
/// <typeparam name="TContext">The app's context.</typeparam>
public sealed class EfWebhookOutbox<TContext>(TContext context) : IWebhookOutbox
    where TContext : DbContext
{
    private DbSet<WebhookDeliveryRecord> Deliveries => context.Set<WebhookDeliveryRecord>();

    /// <inheritdoc />
    public async Task EnqueueAsync(IReadOnlyList<WebhookDeliveryRecord> records, CancellationToken cancellationToken)
    {
        Deliveries.AddRange(records);
        await context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<WebhookDeliveryRecord>> ClaimDueAsync(
        string owner, DateTime now, DateTime leaseUntil, int max, IReadOnlyCollection<long> busyWebhooks, CancellationToken cancellationToken)
    {
        List<long> candidates = await Due(now)
            .Where(delivery => !busyWebhooks.Contains(delivery.WebhookId))
            .OrderBy(delivery => delivery.NextAttemptAt)
            .ThenBy(delivery => delivery.Id)
            .Select(delivery => delivery.Id)
            .Take(max)
            .ToListAsync(cancellationToken)
            .ConfigureAwait(false);
        var claimed = new List<long>(candidates.Count);
        foreach (long id in candidates)
        {
            // Still due and unleased, or leased by a dispatcher whose lease ran out: whoever updates it first owns it.
            int won = await Due(now).Where(delivery => delivery.Id == id)
                .ExecuteUpdateAsync(update => update
                    .SetProperty(delivery => delivery.LeaseOwner, owner)
                    .SetProperty(delivery => delivery.LeaseUntil, leaseUntil), cancellationToken)
                .ConfigureAwait(false);
            if (won == 1)
            {
                claimed.Add(id);
            }
        }
        return await Deliveries.AsNoTracking()
            .Where(delivery => claimed.Contains(delivery.Id) && delivery.LeaseOwner == owner)
            .OrderBy(delivery => delivery.NextAttemptAt)
            .ToListAsync(cancellationToken)
            .ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task CompleteAsync(WebhookDeliveryRecord record, WebhookDeliveryAttempt? attempt, string owner, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        int held = await Deliveries.Where(delivery => delivery.Id == record.Id && delivery.LeaseOwner == owner)
            .ExecuteUpdateAsync(update => update
                .SetProperty(delivery => delivery.Status, record.Status)
                .SetProperty(delivery => delivery.Attempts, record.Attempts)
                .SetProperty(delivery => delivery.NextAttemptAt, record.NextAttemptAt)
                .SetProperty(delivery => delivery.LastStatusCode, record.LastStatusCode)
                .SetProperty(delivery => delivery.LastError, record.LastError)
                .SetProperty(delivery => delivery.LeaseOwner, (string?)null)
                .SetProperty(delivery => delivery.LeaseUntil, (DateTime?)null), cancellationToken)
            .ConfigureAwait(false);
        if (held == 1 && attempt is not null)
        {
            context.Set<WebhookDeliveryAttempt>().Add(attempt);
            await context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async Task<(IReadOnlyList<WebhookDeliveryRecord> Page, int Count)> ListAsync(
        long webhookId, WebhookDeliveryStatus? status, int skip, int take, CancellationToken cancellationToken)
    {
        IQueryable<WebhookDeliveryRecord> query = Deliveries.AsNoTracking()
            .Where(delivery => delivery.WebhookId == webhookId && (status == null || delivery.Status == status));
        int count = await query.CountAsync(cancellationToken).ConfigureAwait(false);
        List<WebhookDeliveryRecord> page = await query.OrderByDescending(delivery => delivery.Id).Skip(skip).Take(take)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return (page, count);
    }

    /// <inheritdoc />
    public async Task<(WebhookDeliveryRecord Delivery, IReadOnlyList<WebhookDeliveryAttempt> Attempts)?> FindAsync(
        long webhookId, long deliveryId, CancellationToken cancellationToken)
    {
        WebhookDeliveryRecord? delivery = await Deliveries.AsNoTracking()
            .FirstOrDefaultAsync(candidate => candidate.Id == deliveryId && candidate.WebhookId == webhookId, cancellationToken).ConfigureAwait(false);
        if (delivery is null)
        {
            return null;
        }
        List<WebhookDeliveryAttempt> attempts = await context.Set<WebhookDeliveryAttempt>().AsNoTracking()
            .Where(attempt => attempt.DeliveryId == deliveryId).OrderBy(attempt => attempt.Number)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return (delivery, attempts);
    }

    /// <inheritdoc />
    public Task<int> RedeliverAsync(long webhookId, long? deliveryId, DateTime? failedSince, DateTime now, CancellationToken cancellationToken) =>
        Deliveries.Where(delivery => delivery.WebhookId == webhookId && delivery.Status != WebhookDeliveryStatus.Pending
                && (deliveryId != null
                    ? delivery.Id == deliveryId
                    : delivery.Status == WebhookDeliveryStatus.Failed && delivery.CreatedAt >= failedSince))
            .ExecuteUpdateAsync(update => update
                .SetProperty(delivery => delivery.Status, WebhookDeliveryStatus.Pending)
                .SetProperty(delivery => delivery.NextAttemptAt, now)
                .SetProperty(delivery => delivery.Attempts, 0), cancellationToken);

    /// <inheritdoc />
    public async Task<(int Count, DateTime? OldestDue)> DueBacklogAsync(DateTime now, CancellationToken cancellationToken)
    {
        IQueryable<WebhookDeliveryRecord> due = Deliveries.Where(delivery => delivery.Status == WebhookDeliveryStatus.Pending && delivery.NextAttemptAt <= now);
        int count = await due.CountAsync(cancellationToken).ConfigureAwait(false);
        DateTime? oldest = count == 0 ? null : await due.MinAsync(delivery => (DateTime?)delivery.NextAttemptAt, cancellationToken).ConfigureAwait(false);
        return (count, oldest);
    }

    /// <inheritdoc />
    public Task<int> DeleteFinishedBeforeAsync(DateTime before, CancellationToken cancellationToken) =>
        Deliveries.Where(delivery => delivery.Status != WebhookDeliveryStatus.Pending && delivery.CreatedAt < before)
            .ExecuteDeleteAsync(cancellationToken);

    /// <inheritdoc />
    public Task ReleaseAsync(string owner, CancellationToken cancellationToken) =>
        Deliveries.Where(delivery => delivery.LeaseOwner == owner)
            .ExecuteUpdateAsync(update => update
                .SetProperty(delivery => delivery.LeaseOwner, (string?)null)
                .SetProperty(delivery => delivery.LeaseUntil, (DateTime?)null), cancellationToken);

    private IQueryable<WebhookDeliveryRecord> Due(DateTime now) => Deliveries.Where(delivery =>
        delivery.Status == WebhookDeliveryStatus.Pending
        && delivery.NextAttemptAt <= now
        && (delivery.LeaseUntil == null || delivery.LeaseUntil < now));
}
