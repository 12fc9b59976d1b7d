using System.Data.Common;
using Hooks.Sdk.Delivery;
using Hooks.Sdk.Store;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Hooks.Sdk.EntityFrameworkCore;

/// <summary>
/// The durable outbox in <typeparamref name="TContext"/>. Messages are written with set-based SQL on the context's
/// connection: inside the app's open transaction they commit or roll back with its change, and the app's tracked
/// entities are never detected or saved. Each body is stored once (<c>webhook_payload</c>) however many webhooks
/// receive it. A claim is one conditional update over the batch, which re-checks each row, so only one dispatcher
/// wins a message; on PostgreSQL it also skips the rows another dispatcher is claiming (<see cref="PostgreSqlOutbox"/>).
/// A batch's outcomes are written in one transaction.
/// </summary>
/// <typeparam name="TContext">The app's context.</typeparam>
internal sealed class EfWebhookOutbox<TContext>(TContext context, OutboxCommitSignal commits, WebhookDispatchSignal signal) : IWebhookOutbox
    where TContext : DbContext
{
    // Id lists go to the database as one array parameter (EF.Parameter): EF Core 10's default of one parameter per
    // value costs SQLite a linear name lookup per parameter, quadratic in a batch of hundreds.
    private DbSet<WebhookDeliveryRecord> Deliveries => context.Set<WebhookDeliveryRecord>();

    private DbSet<WebhookPayload> Payloads => context.Set<WebhookPayload>();

    /// <inheritdoc />
    public async Task EnqueueAsync(IReadOnlyList<WebhookDeliveryRecord> records, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(records);
        if (records.Count == 0)
        {
            return;
        }
        if (context.Database.CurrentTransaction is not null)
        {
            // Part of the app's transaction: visible, and worth waking for, only once it commits.
            await WriteAsync(records, cancellationToken).ConfigureAwait(false);
            commits.WakeOnCommit(context);
            return;
        }
        await context.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            await using IDbContextTransaction transaction = await context.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await WriteAsync(records, cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }).ConfigureAwait(false);
        signal.MessagesWritten();
    }

    /// <summary>Each distinct body once, then the deliveries pointing at them, on the open connection.</summary>
    private async Task WriteAsync(IReadOnlyList<WebhookDeliveryRecord> records, CancellationToken cancellationToken)
    {
        await QueueBehindUnfinishedAsync(records, cancellationToken).ConfigureAwait(false);
        var payloads = new Dictionary<byte[], long>(ReferenceEqualityComparer.Instance);
        foreach (WebhookDeliveryRecord record in records)
        {
            if (!payloads.TryGetValue(record.Body, out long payloadId))
            {
                payloadId = await InsertPayloadAsync(record.Body, cancellationToken).ConfigureAwait(false);
                payloads.Add(record.Body, payloadId);
            }
            record.PayloadId = payloadId;
        }
        await RowInserter.InsertAsync(context, records, cancellationToken).ConfigureAwait(false);
        await OutboxNotifications.NotifyAsync(context, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Makes each record <see cref="WebhookDeliveryStatus.Waiting"/> when an earlier message of its webhook and ordering
    /// key is unfinished (stored, or earlier in this batch): only a key's first unfinished message is ever due, so one
    /// webhook receives one key's messages in the order they were written. Inside the writer's transaction, which on
    /// SQLite holds the write lock and on PostgreSQL the keys' advisory locks, so no completion can finish a key's last
    /// message in between and no other writer can make a second head.
    /// </summary>
    private async Task QueueBehindUnfinishedAsync(IReadOnlyList<WebhookDeliveryRecord> records, CancellationToken cancellationToken)
    {
        if (PostgreSqlOutbox.Runs(context))
        {
            await PostgreSqlOutbox.LockKeysAsync(context, records.Select(record => (record.WebhookId, record.OrderingKey)), cancellationToken).ConfigureAwait(false);
        }
        var busy = new HashSet<(long WebhookId, string OrderingKey)>();
        foreach (IGrouping<string, WebhookDeliveryRecord> key in records.Where(record => record.Status == WebhookDeliveryStatus.Pending).GroupBy(record => record.OrderingKey))
        {
            long[] webhooks = key.Select(record => record.WebhookId).Distinct().ToArray();
            string orderingKey = key.Key;
            List<long> unfinished = await context.Set<Webhook>()
                .Where(webhook => EF.Parameter(webhooks).Contains(webhook.Id) && Deliveries.Any(delivery =>
                    delivery.WebhookId == webhook.Id && delivery.OrderingKey == orderingKey
                    && (delivery.Status == WebhookDeliveryStatus.Pending || delivery.Status == WebhookDeliveryStatus.Waiting)))
                .Select(webhook => webhook.Id)
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            busy.UnionWith(unfinished.Select(webhook => (webhook, orderingKey)));
        }
        foreach (WebhookDeliveryRecord record in records.Where(record => record.Status == WebhookDeliveryStatus.Pending))
        {
            if (!busy.Add((record.WebhookId, record.OrderingKey)))
            {
                record.Status = WebhookDeliveryStatus.Waiting;
            }
        }
    }

    /// <summary>
    /// After messages of these keys finished: each key's next waiting message becomes pending, unless one of the key is
    /// pending already (a redelivered message, say). Index seeks per key, in the outcome batch's transaction.
    /// </summary>
    private async Task PromoteNextAsync(IEnumerable<(long WebhookId, string OrderingKey)> finished, CancellationToken cancellationToken)
    {
        (long WebhookId, string OrderingKey)[] keys = finished.Distinct().ToArray();
        if (keys.Length > 0 && PostgreSqlOutbox.Runs(context))
        {
            await PostgreSqlOutbox.LockKeysAsync(context, keys, cancellationToken).ConfigureAwait(false);
        }
        foreach ((long webhookId, string orderingKey) in keys)
        {
            IQueryable<WebhookDeliveryRecord> key = Deliveries.Where(delivery => delivery.WebhookId == webhookId && delivery.OrderingKey == orderingKey);
            await key.Where(delivery => delivery.Id == key.Where(waiting => waiting.Status == WebhookDeliveryStatus.Waiting).Min(waiting => (long?)waiting.Id)
                    && !key.Any(pending => pending.Status == WebhookDeliveryStatus.Pending))
                .ExecuteUpdateAsync(update => update.SetProperty(delivery => delivery.Status, WebhookDeliveryStatus.Pending), cancellationToken)
                .ConfigureAwait(false);
        }
    }

    private async Task<long> InsertPayloadAsync(byte[] body, CancellationToken cancellationToken)
    {
        IEntityType type = WebhookModel.Entity<WebhookPayload>(context);
        var table = StoreObjectIdentifier.Table(type.GetTableName()!, type.GetSchema());
        IProperty bodyProperty = type.FindProperty(nameof(WebhookPayload.Body))!;
        IProperty idProperty = type.FindPrimaryKey()!.Properties[0];
        ISqlGenerationHelper sql = context.GetService<ISqlGenerationHelper>();
        string parameter = sql.GenerateParameterName("body");
        await using DbCommand command = context.Database.GetDbConnection().CreateCommand();
        command.Transaction = context.Database.CurrentTransaction!.GetDbTransaction();
        // RETURNING is SQLite's (3.35+) and PostgreSQL's: one round trip for the body and its new id.
        command.CommandText = $"INSERT INTO {sql.DelimitIdentifier(table.Name, table.Schema)} ({sql.DelimitIdentifier(bodyProperty.GetColumnName(table)!)}) "
            + $"VALUES ({parameter}) RETURNING {sql.DelimitIdentifier(idProperty.GetColumnName(table)!)}";
        command.Parameters.Add(bodyProperty.GetRelationalTypeMapping().CreateParameter(command, parameter, body, nullable: false));
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<WebhookDeliveryRecord>> ClaimDueAsync(WebhookClaimRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        (string owner, DateTime now, DateTime leaseUntil, int max, long maxBytes, IReadOnlyDictionary<long, int> room, int defaultRoom) = request;
        long[] full = room.Where(entry => entry.Value <= 0).Select(entry => entry.Key).ToArray();
        // The candidates: due, of webhooks with room here that no other dispatcher holds, with this one's hold on each
        // (more candidates than wanted, so that a webhook without room does not hide the next ones in line). One query,
        // as the claim was before holds, since on SQLite every statement of the turn lengthens its hold of the lock.
        var candidates = await Due(now).NotHeldByOthers(context, owner, now)
            .Where(delivery => !EF.Parameter(full).Contains(delivery.WebhookId))
            .OrderBy(delivery => delivery.NextAttemptAt)
            .ThenBy(delivery => delivery.Id)
            .Join(Payloads, delivery => delivery.PayloadId, payload => payload.Id, (delivery, payload) => new
            {
                delivery.Id,
                delivery.WebhookId,
                Size = (long)payload.Body.Length,
                HeldUntil = context.Set<WebhookDispatchLease>()
                    .Where(lease => lease.WebhookId == delivery.WebhookId && lease.Owner == owner)
                    .Select(lease => (DateTime?)lease.LeaseUntil)
                    .FirstOrDefault(),
            })
            .Take(max * 4)
            .ToListAsync(cancellationToken)
            .ConfigureAwait(false);
        // One dispatcher at a time sends a webhook's messages: take the hold on those whose hold here would end before
        // the leases this claim takes (written about once a lease); the others are held long enough already.
        HashSet<long> held = [.. candidates.Where(candidate => candidate.HeldUntil >= leaseUntil).Select(candidate => candidate.WebhookId)];
        long[] renewed = candidates.Where(candidate => candidate.HeldUntil >= now && candidate.HeldUntil < leaseUntil)
            .Select(candidate => candidate.WebhookId).Distinct().ToArray();
        // Webhooks new to this dispatcher, in due order: only its share of them, so that dispatchers share the webhooks.
        long[] fresh = candidates.Where(candidate => candidate.HeldUntil is null || candidate.HeldUntil < now)
            .Select(candidate => candidate.WebhookId).Distinct().ToArray();
        if (fresh.Length > 1)
        {
            fresh = fresh[..await WebhookDispatchLeases.ShareAsync(context, owner, fresh.Length, now, cancellationToken).ConfigureAwait(false)];
        }
        long[] toTake = [.. renewed, .. fresh];
        held.UnionWith(await WebhookDispatchLeases.TakeAsync(context, toTake, owner, now, WebhookDispatchLeases.HoldUntil(now, leaseUntil), cancellationToken)
            .ConfigureAwait(false));
        if (held.Count == 0)
        {
            return [];
        }
        if (PostgreSqlOutbox.Runs(context))
        {
            List<long> leased = await PostgreSqlOutbox.ClaimDueAsync(context, request, [.. held], cancellationToken).ConfigureAwait(false);
            return leased.Count == 0 ? [] : await Leased(leased, owner, cancellationToken).ConfigureAwait(false);
        }
        candidates = candidates.Where(candidate => held.Contains(candidate.WebhookId)).ToList();
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
        // One statement for the batch; it re-checks each row, so whoever updates a row first owns it.
        await Due(now).Where(delivery => EF.Parameter(picked).Contains(delivery.Id))
            .ExecuteUpdateAsync(update => update
                .SetProperty(delivery => delivery.LeaseOwner, owner)
                .SetProperty(delivery => delivery.LeaseUntil, leaseUntil), cancellationToken)
            .ConfigureAwait(false);
        return await Leased(picked, owner, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Those of <paramref name="ids"/> that <paramref name="owner"/> holds, with their bodies, in due order.</summary>
    private Task<IReadOnlyList<WebhookDeliveryRecord>> Leased(List<long> ids, string owner, CancellationToken cancellationToken) =>
        WithBodies(Deliveries.AsNoTracking()
            .Where(delivery => EF.Parameter(ids).Contains(delivery.Id) && delivery.LeaseOwner == owner)
            .OrderBy(delivery => delivery.NextAttemptAt)
            .ThenBy(delivery => delivery.Id), cancellationToken);

    /// <inheritdoc />
    public async Task<IReadOnlyList<WebhookDeliveryRecord>> ClaimFollowersAsync(WebhookFollowRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        (string owner, DateTime now, DateTime leaseUntil, long maxBytes, IReadOnlyList<WebhookKeyTail> tails) = request;
        // The longer leases need the webhooks held as long; one whose hold has lapsed (to another dispatcher, say) is
        // no longer this dispatcher's to follow.
        HashSet<long> held = await WebhookDispatchLeases.EnsureAsync(
            context, tails.Select(tail => tail.WebhookId).Distinct().ToArray(), owner, now, leaseUntil, cancellationToken).ConfigureAwait(false);
        IEnumerable<WebhookKeyTail> keys = tails.Where(tail => held.Contains(tail.WebhookId));
        var picked = new List<long>();
        long bytes = 0;
        foreach ((long webhookId, string orderingKey, long afterId, int room) in keys)
        {
            // Two index range seeks per key on (webhook, key, status, id), neither sorting: the waiting rows behind the
            // last one held, up to the key's next head (a row made pending), which only the claim of heads takes.
            IQueryable<WebhookDeliveryRecord> key = Deliveries.Where(delivery => delivery.WebhookId == webhookId && delivery.OrderingKey == orderingKey && delivery.Id > afterId);
            long? nextHead = await key.Where(delivery => delivery.Status == WebhookDeliveryStatus.Pending)
                .OrderBy(delivery => delivery.Id).Select(delivery => (long?)delivery.Id).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
            var behind = await key
                .Where(delivery => delivery.Status == WebhookDeliveryStatus.Waiting && (nextHead == null || delivery.Id < nextHead))
                .OrderBy(delivery => delivery.Id)
                .Join(Payloads, delivery => delivery.PayloadId, payload => payload.Id,
                    (delivery, payload) => new { delivery.Id, delivery.LeaseUntil, Size = (long)payload.Body.Length })
                .Take(room)
                .ToListAsync(cancellationToken)
                .ConfigureAwait(false);
            foreach (var next in behind)
            {
                // Past a message leased (by another dispatcher, or by this one until its release is written), the order
                // would no longer be this claim's to keep.
                if (next.LeaseUntil >= now || bytes + next.Size > maxBytes)
                {
                    break;
                }
                picked.Add(next.Id);
                bytes += next.Size;
            }
        }
        if (picked.Count == 0)
        {
            return [];
        }
        await Deliveries.Where(delivery => EF.Parameter(picked).Contains(delivery.Id) && delivery.Status == WebhookDeliveryStatus.Waiting
                && (delivery.LeaseUntil == null || delivery.LeaseUntil < now))
            .ExecuteUpdateAsync(update => update
                .SetProperty(delivery => delivery.LeaseOwner, owner)
                .SetProperty(delivery => delivery.LeaseUntil, leaseUntil), cancellationToken)
            .ConfigureAwait(false);
        return await WithBodies(Deliveries.AsNoTracking()
                .Where(delivery => EF.Parameter(picked).Contains(delivery.Id) && delivery.LeaseOwner == owner && delivery.Status == WebhookDeliveryStatus.Waiting)
                .OrderBy(delivery => delivery.Id), cancellationToken)
            .ConfigureAwait(false);
    }

    /// <inheritdoc />
    public Task CompleteAsync(IReadOnlyList<WebhookCompletion> completions, string owner, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(completions);
        // One transaction for the batch (the caller's, when it opened one): a database such as SQLite commits (and
        // syncs) once, not per message.
        return InTransactionAsync(async () =>
        {
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
            await RowInserter.InsertAsync(context, attempts, cancellationToken).ConfigureAwait(false);
            await PromoteNextAsync(completions
                .Where(completion => completion.Record.Status != WebhookDeliveryStatus.Pending)
                .Select(completion => (completion.Record.WebhookId, completion.Record.OrderingKey)), cancellationToken).ConfigureAwait(false);
        }, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<(IReadOnlyList<WebhookDeliveryRecord> Page, int Count)> ListAsync(
        long webhookId, WebhookDeliveryStatus? status, int skip, int take, CancellationToken cancellationToken)
    {
        IQueryable<WebhookDeliveryRecord> query = Deliveries.AsNoTracking()
            .Where(delivery => delivery.WebhookId == webhookId && (status == null || delivery.Status == status));
        int count = await query.CountAsync(cancellationToken).ConfigureAwait(false);
        IReadOnlyList<WebhookDeliveryRecord> page = await WithBodies(query.OrderByDescending(delivery => delivery.Id).Skip(skip).Take(take), cancellationToken)
            .ConfigureAwait(false);
        return (page, count);
    }

    /// <inheritdoc />
    public async Task<(WebhookDeliveryRecord Delivery, IReadOnlyList<WebhookDeliveryAttempt> Attempts)?> FindAsync(
        long webhookId, long deliveryId, CancellationToken cancellationToken)
    {
        WebhookDeliveryRecord? delivery = (await WithBodies(Deliveries.AsNoTracking()
            .Where(candidate => candidate.Id == deliveryId && candidate.WebhookId == webhookId), cancellationToken).ConfigureAwait(false)).FirstOrDefault();
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
    public async Task<int> RedeliverAsync(long webhookId, long? deliveryId, DateTime? failedSince, DateTime now, CancellationToken cancellationToken)
    {
        int count = 0;
        await InTransactionAsync(async () =>
        {
            IQueryable<WebhookDeliveryRecord> chosen = Deliveries.Where(delivery => delivery.WebhookId == webhookId
                && (delivery.Status == WebhookDeliveryStatus.Succeeded || delivery.Status == WebhookDeliveryStatus.Failed)
                && (deliveryId != null
                    ? delivery.Id == deliveryId
                    : delivery.Status == WebhookDeliveryStatus.Failed && delivery.CreatedAt >= failedSince));
            List<string> keys = await chosen.Select(delivery => delivery.OrderingKey).Distinct().ToListAsync(cancellationToken).ConfigureAwait(false);
            // Queued, not pending: redelivered messages keep their key's order, among themselves and with new ones.
            count = await chosen.ExecuteUpdateAsync(update => update
                    .SetProperty(delivery => delivery.Status, WebhookDeliveryStatus.Waiting)
                    .SetProperty(delivery => delivery.NextAttemptAt, now)
                    .SetProperty(delivery => delivery.Attempts, 0), cancellationToken)
                .ConfigureAwait(false);
            await PromoteNextAsync(keys.Select(key => (webhookId, key)), cancellationToken).ConfigureAwait(false);
            await OutboxNotifications.NotifyAsync(context, cancellationToken).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
        return count;
    }

    /// <summary>Runs <paramref name="work"/> in the context's open transaction, or in one of its own that it commits.</summary>
    private async Task InTransactionAsync(Func<Task> work, CancellationToken cancellationToken)
    {
        if (context.Database.CurrentTransaction is not null)
        {
            await work().ConfigureAwait(false);
            return;
        }
        await context.Database.CreateExecutionStrategy().ExecuteAsync(async () =>
        {
            await using IDbContextTransaction transaction = await context.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await work().ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<(int Count, DateTime? OldestDue)> DueBacklogAsync(DateTime now, CancellationToken cancellationToken)
    {
        // Waiting messages are due too, only held back by an earlier one of their key.
        IQueryable<WebhookDeliveryRecord> due = Deliveries.Where(delivery =>
            (delivery.Status == WebhookDeliveryStatus.Pending || delivery.Status == WebhookDeliveryStatus.Waiting) && delivery.NextAttemptAt <= now);
        int count = await due.CountAsync(cancellationToken).ConfigureAwait(false);
        DateTime? oldest = count == 0 ? null : await due.MinAsync(delivery => (DateTime?)delivery.NextAttemptAt, cancellationToken).ConfigureAwait(false);
        return (count, oldest);
    }

    /// <inheritdoc />
    public async Task<int> DeleteFinishedBeforeAsync(DateTime before, CancellationToken cancellationToken)
    {
        int deleted = await Deliveries.Where(delivery =>
                (delivery.Status == WebhookDeliveryStatus.Succeeded || delivery.Status == WebhookDeliveryStatus.Failed) && delivery.CreatedAt < before)
            .ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        // A body goes with the last delivery that uses it.
        await Payloads.Where(payload => !Deliveries.Any(delivery => delivery.PayloadId == payload.Id)).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        return deleted;
    }

    /// <inheritdoc />
    public async Task ReleaseAsync(string owner, CancellationToken cancellationToken)
    {
        await Deliveries.Where(delivery => delivery.LeaseOwner == owner)
            .ExecuteUpdateAsync(update => update
                .SetProperty(delivery => delivery.LeaseOwner, (string?)null)
                .SetProperty(delivery => delivery.LeaseUntil, (DateTime?)null), cancellationToken)
            .ConfigureAwait(false);
        await WebhookDispatchLeases.ReleaseAsync(context, owner, cancellationToken).ConfigureAwait(false);
        await OutboxNotifications.NotifyAsync(context, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The deliveries <paramref name="query"/> selects, in its order, each with its body from <c>webhook_payload</c>.</summary>
    private async Task<IReadOnlyList<WebhookDeliveryRecord>> WithBodies(IQueryable<WebhookDeliveryRecord> query, CancellationToken cancellationToken)
    {
        var rows = await query.Join(Payloads, delivery => delivery.PayloadId, payload => payload.Id, (delivery, payload) => new { delivery, payload.Body })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return rows.Select(row =>
        {
            row.delivery.Body = row.Body;
            return row.delivery;
        }).ToList();
    }

    private IQueryable<WebhookDeliveryRecord> Due(DateTime now) => Deliveries.Where(delivery =>
        delivery.Status == WebhookDeliveryStatus.Pending
        && delivery.NextAttemptAt <= now
        && (delivery.LeaseUntil == null || delivery.LeaseUntil < now));
}
