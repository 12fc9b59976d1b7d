using Microsoft.EntityFrameworkCore;

namespace Hooks.Sdk.EntityFrameworkCore;

/// <summary>
/// The durable outbox in <typeparamref name="TContext"/>. Messages are saved with the context, so inside the app's
/// open transaction they commit or roll back with its change. A claim is one conditional update over the batch, which
/// re-checks each row, so only one dispatcher wins a message on SQLite and PostgreSQL alike; a batch's outcomes are
/// written in one transaction.
/// </summary>
/// <typeparam name="TContext">The app's context.</typeparam>
public sealed class EfWebhookOutbox<TContext>(TContext context) : IWebhookOutbox
    where TContext : DbContext
{
    // Id lists go to the database as one array parameter (EF.Parameter): EF Core 10's default of one parameter per
    // value costs SQLite a linear name lookup per parameter, quadratic in a batch of hundreds.
    private DbSet<WebhookDeliveryRecord> Deliveries => context.Set<WebhookDeliveryRecord>();

    /// <inheritdoc />
    public async Task EnqueueAsync(IReadOnlyList<WebhookDeliveryRecord> records, CancellationToken cancellationToken)
    {
        Deliveries.AddRange(records);
        await context.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<WebhookDeliveryRecord>> ClaimDueAsync(WebhookClaimRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        (string owner, DateTime now, DateTime leaseUntil, int max, long maxBytes, IReadOnlyDictionary<long, int> room, int defaultRoom) = request;
        long[] full = room.Where(entry => entry.Value <= 0).Select(entry => entry.Key).ToArray();
        // More candidates than wanted, so that a webhook without room does not hide the next ones in line.
        var candidates = await Due(now)
            .Where(delivery => !EF.Parameter(full).Contains(delivery.WebhookId))
            .OrderBy(delivery => delivery.NextAttemptAt)
            .ThenBy(delivery => delivery.Id)
            .Select(delivery => new { delivery.Id, delivery.WebhookId, Size = (long)delivery.Body.Length })
            .Take(max * 4)
            .ToListAsync(cancellationToken)
            .ConfigureAwait(false);
        var taken = new Dictionary<long, int>();
        var picked = new List<long>(Math.Min(max, candidates.Count));
        long bytes = 0;
        foreach (var candidate in candidates)
        {
            if (picked.Count == max || (picked.Count > 0 && bytes + candidate.Size > maxBytes))
            {
                break;
            }
            int left = taken.GetValueOrDefault(candidate.WebhookId, room.GetValueOrDefault(candidate.WebhookId, defaultRoom));
            if (left > 0)
            {
                taken[candidate.WebhookId] = left - 1;
                picked.Add(candidate.Id);
                bytes += candidate.Size;
            }
        }
        if (picked.Count == 0)
        {
            return [];
        }
        // One statement for the batch; it re-checks each row, so whoever updates a row first owns it, on SQLite and
        // PostgreSQL alike.
        await Due(now).Where(delivery => EF.Parameter(picked).Contains(delivery.Id))
            .ExecuteUpdateAsync(update => update
                .SetProperty(delivery => delivery.LeaseOwner, owner)
                .SetProperty(delivery => delivery.LeaseUntil, leaseUntil), cancellationToken)
            .ConfigureAwait(false);
        return await Deliveries.AsNoTracking()
            .Where(delivery => EF.Parameter(picked).Contains(delivery.Id) && delivery.LeaseOwner == owner)
            .OrderBy(delivery => delivery.NextAttemptAt)
            .ThenBy(delivery => delivery.Id)
            .ToListAsync(cancellationToken)
            .ConfigureAwait(false);
    }

    /// <inheritdoc />
    public Task CompleteAsync(IReadOnlyList<WebhookCompletion> completions, string owner, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(completions);
        // One transaction for the batch: a database such as SQLite commits (and syncs) once, not per message.
        return context.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            context.ChangeTracker.Clear();
            await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            var attempts = new List<WebhookDeliveryAttempt>(completions.Count);
            // Successes differ only in their ids: one statement each for all that share an outcome.
            foreach (IGrouping<(int Attempts, int? StatusCode), WebhookCompletion> succeeded in completions
                .Where(completion => completion.Record.Status == WebhookDeliveryStatus.Succeeded && completion.Record.LastError is null)
                .GroupBy(completion => (completion.Record.Attempts, completion.Record.LastStatusCode)))
            {
                long[] ids = succeeded.Select(completion => completion.Record.Id).ToArray();
                List<long> held = await Deliveries.Where(delivery => EF.Parameter(ids).Contains(delivery.Id) && delivery.LeaseOwner == owner)
                    .Select(delivery => delivery.Id).ToListAsync(cancellationToken).ConfigureAwait(false);
                await Deliveries.Where(delivery => EF.Parameter(held).Contains(delivery.Id))
                    .ExecuteUpdateAsync(update => update
                        .SetProperty(delivery => delivery.Status, WebhookDeliveryStatus.Succeeded)
                        .SetProperty(delivery => delivery.Attempts, succeeded.Key.Attempts)
                        .SetProperty(delivery => delivery.LastStatusCode, succeeded.Key.StatusCode)
                        .SetProperty(delivery => delivery.LastError, (string?)null)
                        .SetProperty(delivery => delivery.LeaseOwner, (string?)null)
                        .SetProperty(delivery => delivery.LeaseUntil, (DateTime?)null), cancellationToken)
                    .ConfigureAwait(false);
                var heldIds = held.ToHashSet();
                attempts.AddRange(succeeded
                    .Where(completion => completion.Attempt is not null && heldIds.Contains(completion.Record.Id))
                    .Select(completion => completion.Attempt!));
            }
            foreach ((WebhookDeliveryRecord record, WebhookDeliveryAttempt? attempt) in completions
                .Where(completion => completion.Record.Status != WebhookDeliveryStatus.Succeeded || completion.Record.LastError is not null))
            {
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
                    attempts.Add(attempt);
                }
            }
            await AttemptRows.InsertAsync(context, attempts, cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        });
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
