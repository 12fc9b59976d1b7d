using System.Data.Common;
using System.Globalization;
using Hooks.Sdk.Delivery;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Hooks.Sdk.EntityFrameworkCore;

/// <summary>
/// Takes, renews and releases <see cref="WebhookDispatchLease"/>s. Taking is one <c>INSERT ... ON CONFLICT DO UPDATE
/// ... WHERE ... RETURNING</c> for a claim's webhooks, the same statement on SQLite (3.35+) and PostgreSQL: a row is
/// written, and its webhook returned, only where nobody holds it or its holder's lease has run out.
/// </summary>
internal static class WebhookDispatchLeases
{
    /// <summary>The deliveries of webhooks no other dispatcher holds now.</summary>
    public static IQueryable<WebhookDeliveryRecord> NotHeldByOthers(this IQueryable<WebhookDeliveryRecord> deliveries, DbContext context, string owner, DateTime now) =>
        deliveries.Where(delivery => !context.Set<WebhookDispatchLease>()
            .Any(lease => lease.WebhookId == delivery.WebhookId && lease.Owner != owner && lease.LeaseUntil >= now));

    /// <summary>
    /// How long a hold taken for leases ending at <paramref name="leaseUntil"/> runs: as long again, so that a busy
    /// dispatcher writes it about once a lease rather than at every claim, where each write would queue on SQLite's
    /// one writer with the app's requests.
    /// </summary>
    public static DateTime HoldUntil(DateTime now, DateTime leaseUntil) => leaseUntil + (leaseUntil - now);

    /// <summary>
    /// Makes sure <paramref name="owner"/> holds, at least until <paramref name="until"/>, those of
    /// <paramref name="webhooks"/> that nobody else holds; returns the ones it holds. A hold already long enough is
    /// only read; the others are taken or renewed until <see cref="HoldUntil"/>.
    /// </summary>
    public static async Task<HashSet<long>> EnsureAsync(
        DbContext context, IReadOnlyCollection<long> webhooks, string owner, DateTime now, DateTime until, CancellationToken cancellationToken)
    {
        if (webhooks.Count == 0)
        {
            return [];
        }
        long[] wanted = [.. webhooks];
        HashSet<long> held = [.. await context.Set<WebhookDispatchLease>()
            .Where(lease => EF.Parameter(wanted).Contains(lease.WebhookId) && lease.Owner == owner && lease.LeaseUntil >= until)
            .Select(lease => lease.WebhookId)
            .ToListAsync(cancellationToken)
            .ConfigureAwait(false)];
        long[] missing = wanted.Where(webhook => !held.Contains(webhook)).ToArray();
        if (missing.Length > 0)
        {
            held.UnionWith(await TakeAsync(context, missing, owner, now, HoldUntil(now, until), cancellationToken).ConfigureAwait(false));
        }
        return held;
    }

    /// <summary>
    /// Takes or renews, until <paramref name="until"/>, those of <paramref name="webhooks"/> that nobody else holds
    /// now; returns them.
    /// </summary>
    public static async Task<HashSet<long>> TakeAsync(
        DbContext context, long[] webhooks, string owner, DateTime now, DateTime until, CancellationToken cancellationToken)
    {
        var held = new HashSet<long>();
        if (webhooks.Length == 0)
        {
            return held;
        }
        IEntityType type = WebhookModel.Entity<WebhookDispatchLease>(context);
        var table = StoreObjectIdentifier.Table(type.GetTableName()!, type.GetSchema());
        ISqlGenerationHelper sql = context.GetService<ISqlGenerationHelper>();
        IProperty webhookProperty = type.FindProperty(nameof(WebhookDispatchLease.WebhookId))!;
        IProperty ownerProperty = type.FindProperty(nameof(WebhookDispatchLease.Owner))!;
        IProperty untilProperty = type.FindProperty(nameof(WebhookDispatchLease.LeaseUntil))!;
        string name = sql.DelimitIdentifier(table.Name, table.Schema);
        string webhookColumn = sql.DelimitIdentifier(webhookProperty.GetColumnName(table)!);
        string ownerColumn = sql.DelimitIdentifier(ownerProperty.GetColumnName(table)!);
        string untilColumn = sql.DelimitIdentifier(untilProperty.GetColumnName(table)!);
        string ownerParameter = sql.GenerateParameterName("owner");
        string untilParameter = sql.GenerateParameterName("until");
        string nowParameter = sql.GenerateParameterName("now");

        DbConnection connection = context.Database.GetDbConnection();
        await using DbCommand command = connection.CreateCommand();
        command.Transaction = context.Database.CurrentTransaction?.GetDbTransaction();
        var rows = new List<string>(webhooks.Length);
        foreach (long webhook in webhooks)
        {
            string parameter = sql.GenerateParameterName(string.Create(CultureInfo.InvariantCulture, $"w{rows.Count}"));
            command.Parameters.Add(webhookProperty.GetRelationalTypeMapping().CreateParameter(command, parameter, webhook, nullable: false));
            rows.Add($"({parameter}, {ownerParameter}, {untilParameter})");
        }
        command.Parameters.Add(ownerProperty.GetRelationalTypeMapping().CreateParameter(command, ownerParameter, owner, nullable: false));
        command.Parameters.Add(untilProperty.GetRelationalTypeMapping().CreateParameter(command, untilParameter, until, nullable: false));
        command.Parameters.Add(untilProperty.GetRelationalTypeMapping().CreateParameter(command, nowParameter, now, nullable: false));
        command.CommandText = $"INSERT INTO {name} ({webhookColumn}, {ownerColumn}, {untilColumn}) VALUES {string.Join(", ", rows)} "
            + $"ON CONFLICT ({webhookColumn}) DO UPDATE SET {ownerColumn} = excluded.{ownerColumn}, {untilColumn} = excluded.{untilColumn} "
            + $"WHERE {name}.{ownerColumn} = excluded.{ownerColumn} OR {name}.{untilColumn} < {nowParameter} "
            + $"RETURNING {webhookColumn}";
        await context.Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using DbDataReader reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                held.Add(reader.GetInt64(0));
            }
        }
        finally
        {
            await context.Database.CloseConnectionAsync().ConfigureAwait(false);
        }
        return held;
    }

    /// <summary>
    /// How many of <paramref name="unheld"/> due webhooks that nobody holds <paramref name="owner"/> takes now (at most
    /// <paramref name="unheld"/>): what it lacks of an even share of the held and unheld webhooks among the dispatchers
    /// holding any, so that dispatchers share the work rather than the first to claim taking every webhook. Alone, it
    /// takes half, leaving the rest to a dispatcher that starts at the same moment (or to its own next claim, at once).
    /// Never none, so that new webhooks do not wait for the holds of a dispatcher that has stopped to lapse.
    /// </summary>
    public static async Task<int> ShareAsync(DbContext context, string owner, int unheld, DateTime now, CancellationToken cancellationToken)
    {
        var holders = await context.Set<WebhookDispatchLease>()
            .Where(lease => lease.LeaseUntil >= now)
            .GroupBy(lease => lease.Owner)
            .Select(group => new { Owner = group.Key, Held = group.Count() })
            .ToListAsync(cancellationToken)
            .ConfigureAwait(false);
        int mine = holders.Where(holder => holder.Owner == owner).Sum(holder => holder.Held);
        int others = holders.Count(holder => holder.Owner != owner);
        if (others == 0)
        {
            return (unheld + 1) / 2;
        }
        int dispatchers = others + 1;
        int share = (unheld + holders.Sum(holder => holder.Held) + dispatchers - 1) / dispatchers;
        return Math.Clamp(share - mine, 1, unheld);
    }

    /// <summary>Gives up every webhook <paramref name="owner"/> holds, so that another dispatcher takes them at once.</summary>
    public static Task ReleaseAsync(DbContext context, string owner, CancellationToken cancellationToken) =>
        context.Set<WebhookDispatchLease>().Where(lease => lease.Owner == owner).ExecuteDeleteAsync(cancellationToken);
}
