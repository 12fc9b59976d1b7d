using Hooks.Sdk.Delivery;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Hooks.Sdk.EntityFrameworkCore;

/// <summary>
/// The outbox statements PostgreSQL needs beyond the portable ones. SQLite has one writer at a time, so a transaction
/// that writes already excludes every other; PostgreSQL runs writers side by side, so the per-key order needs an
/// explicit lock, and the claim skips rows another dispatcher is claiming instead of queueing behind them. Plain SQL
/// built from the model's table and column names: the SDK does not depend on the Npgsql provider.
/// </summary>
internal static class PostgreSqlOutbox
{
    private const string ProviderName = "Npgsql.EntityFrameworkCore.PostgreSQL";

    /// <summary>Whether <paramref name="context"/> runs on PostgreSQL.</summary>
    public static bool Runs(DbContext context) => context.Database.ProviderName == ProviderName;

    /// <summary>
    /// Takes a transaction-scoped advisory lock for each webhook and ordering key, in one order for every caller (by
    /// the keys' hashes), so that enqueues and promotions of one key run one after another and two of them can never
    /// deadlock. Held until the transaction ends: a key's "is anything unfinished?" and the write that depends on it
    /// are then atomic with respect to each other, as SQLite's single writer makes them.
    /// </summary>
    public static Task LockKeysAsync(DbContext context, IEnumerable<(long WebhookId, string OrderingKey)> keys, CancellationToken cancellationToken)
    {
        string[] names = keys.Select(key => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"hooks:{key.WebhookId}:{key.OrderingKey}"))
            .Distinct(StringComparer.Ordinal).ToArray();
        // The sorted subquery (OFFSET 0 keeps it from being flattened) feeds the aggregate row by row, in its order.
        return names.Length == 0
            ? Task.CompletedTask
            : context.Database.ExecuteSqlRawAsync(
                "SELECT count(pg_advisory_xact_lock(h)) FROM (SELECT DISTINCT hashtextextended(k, 0) AS h FROM unnest({0}::text[]) AS k ORDER BY h OFFSET 0) AS sorted",
                [names], cancellationToken);
    }

    /// <summary>
    /// Leases the due messages of <paramref name="webhooks"/> (those this dispatcher holds) that
    /// <paramref name="request"/> allows, in one statement: the candidates in due order, skipping rows that another
    /// dispatcher's claim has locked (<c>FOR UPDATE SKIP LOCKED</c>), at most each webhook's room, within the byte
    /// budget (the first message always fits), at most the batch size. Returns the leased ids.
    /// </summary>
    public static async Task<List<long>> ClaimDueAsync(DbContext context, WebhookClaimRequest request, long[] webhooks, CancellationToken cancellationToken)
    {
        Names names = Names.Of(context);
        long[] roomWebhooks = request.Room.Keys.ToArray();
        int[] rooms = roomWebhooks.Select(webhook => request.Room[webhook]).ToArray();
        string sql = $"""
            WITH candidate AS (
                SELECT d.{names.Id} AS id, d.{names.WebhookId} AS webhook, d.{names.NextAttemptAt} AS due, octet_length(p.{names.Body}) AS size
                FROM {names.Deliveries} AS d JOIN {names.Payloads} AS p ON p.{names.PayloadKey} = d.{names.PayloadId}
                WHERE d.{names.Status} = {(int)WebhookDeliveryStatus.Pending} AND d.{names.NextAttemptAt} <= @now
                    AND (d.{names.LeaseUntil} IS NULL OR d.{names.LeaseUntil} < @now) AND d.{names.WebhookId} = ANY(@webhooks)
                ORDER BY d.{names.NextAttemptAt}, d.{names.Id}
                LIMIT @candidates
                FOR UPDATE OF d SKIP LOCKED
            ), allowed AS (
                SELECT c.id, c.due, c.size, row_number() OVER (PARTITION BY c.webhook ORDER BY c.due, c.id) AS rank,
                    coalesce((SELECT r.room FROM unnest(@room_webhooks, @rooms) AS r(webhook, room) WHERE r.webhook = c.webhook), @default_room) AS room
                FROM candidate AS c
            ), picked AS (
                SELECT a.id, row_number() OVER (ORDER BY a.due, a.id) AS n, sum(a.size) OVER (ORDER BY a.due, a.id) AS bytes
                FROM allowed AS a
                WHERE a.rank <= a.room
            )
            UPDATE {names.Deliveries} AS d SET {names.LeaseOwner} = @owner, {names.LeaseUntil} = @lease_until
            FROM picked
            WHERE d.{names.Id} = picked.id AND picked.n <= @max AND (picked.n = 1 OR picked.bytes <= @max_bytes)
            RETURNING d.{names.Id} AS "Value"
            """;
        using var factory = context.Database.GetDbConnection().CreateCommand();
        object[] parameters =
        [
            Parameter(factory, "now", request.Now),
            // More candidates than wanted, so that a webhook without room does not hide the next ones in line.
            Parameter(factory, "candidates", request.MaxMessages * 4),
            Parameter(factory, "webhooks", webhooks),
            Parameter(factory, "room_webhooks", roomWebhooks),
            Parameter(factory, "rooms", rooms),
            Parameter(factory, "default_room", request.DefaultRoom),
            Parameter(factory, "owner", request.Owner),
            Parameter(factory, "lease_until", request.LeaseUntil),
            Parameter(factory, "max", request.MaxMessages),
            Parameter(factory, "max_bytes", request.MaxBytes),
        ];
        // Through EF Core, not a bare command: in the context's transaction, and seen by its interceptors and logs. The
        // statement is not composable, and EF Core sends it as it is.
        return await context.Database.SqlQueryRaw<long>(sql, parameters).ToListAsync(cancellationToken).ConfigureAwait(false);
    }

    private static System.Data.Common.DbParameter Parameter(System.Data.Common.DbCommand factory, string name, object value)
    {
        System.Data.Common.DbParameter parameter = factory.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        return parameter;
    }

    /// <summary>The delimited names of the tables and columns the statements use, as the app's model maps them.</summary>
    private sealed record Names(
        string Deliveries, string Payloads, string Id, string WebhookId, string Status, string NextAttemptAt, string LeaseUntil,
        string LeaseOwner, string PayloadId, string PayloadKey, string Body)
    {
        public static Names Of(DbContext context)
        {
            ISqlGenerationHelper sql = context.GetService<ISqlGenerationHelper>();
            IEntityType delivery = WebhookModel.Entity<WebhookDeliveryRecord>(context);
            IEntityType payload = WebhookModel.Entity<WebhookPayload>(context);
            var deliveries = StoreObjectIdentifier.Table(delivery.GetTableName()!, delivery.GetSchema());
            var payloads = StoreObjectIdentifier.Table(payload.GetTableName()!, payload.GetSchema());
            string Column(IEntityType type, StoreObjectIdentifier table, string property) =>
                sql.DelimitIdentifier(type.FindProperty(property)!.GetColumnName(table)!);
            return new Names(
                sql.DelimitIdentifier(deliveries.Name, deliveries.Schema),
                sql.DelimitIdentifier(payloads.Name, payloads.Schema),
                Column(delivery, deliveries, nameof(WebhookDeliveryRecord.Id)),
                Column(delivery, deliveries, nameof(WebhookDeliveryRecord.WebhookId)),
                Column(delivery, deliveries, nameof(WebhookDeliveryRecord.Status)),
                Column(delivery, deliveries, nameof(WebhookDeliveryRecord.NextAttemptAt)),
                Column(delivery, deliveries, nameof(WebhookDeliveryRecord.LeaseUntil)),
                Column(delivery, deliveries, nameof(WebhookDeliveryRecord.LeaseOwner)),
                Column(delivery, deliveries, nameof(WebhookDeliveryRecord.PayloadId)),
                Column(payload, payloads, nameof(WebhookPayload.Id)),
                Column(payload, payloads, nameof(WebhookPayload.Body)));
        }
    }
}
