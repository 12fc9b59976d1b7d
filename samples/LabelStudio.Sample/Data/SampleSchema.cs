using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace LabelStudio.Sample.Data;

/// <summary>
/// Brings the database to the current schema on every start with the provider's EF Core migrations (under
/// <c>Data/Sqlite/Migrations</c> and <c>Data/PostgreSql/Migrations</c>); EF Core's migration lock lets several
/// processes start on one database at once. A SQLite file made by a release from before migrations (its schema from
/// <c>EnsureCreated</c>) has exactly the first migration's schema, so that migration is recorded as applied and the
/// file upgrades in place, keeping its data.
/// </summary>
internal static class SampleSchema
{
    public static async Task MigrateAsync(SampleDbContext db, CancellationToken cancellationToken)
    {
        if (db.Database.IsSqlite() && await CreatedBeforeMigrationsAsync(db, cancellationToken))
        {
            IHistoryRepository history = db.GetService<IHistoryRepository>();
            string first = db.Database.GetMigrations().First();
            // EF Core's own scripts for its history table: no outside value in them.
            string baseline = history.GetCreateIfNotExistsScript() + history.GetInsertScript(new HistoryRow(first, ProductInfo.GetVersion()));
            await db.Database.ExecuteSqlRawAsync(baseline, cancellationToken);
        }
        // Created first, so that EF Core's look at which migrations are applied does not fail (and log an error) on a
        // new database.
        await db.GetService<IHistoryRepository>().CreateIfNotExistsAsync(cancellationToken);
        await db.Database.MigrateAsync(cancellationToken);
    }

    private static async Task<bool> CreatedBeforeMigrationsAsync(SampleDbContext db, CancellationToken cancellationToken) =>
        !await db.GetService<IHistoryRepository>().ExistsAsync(cancellationToken)
        && await db.Database.SqlQueryRaw<int>("SELECT count(*) AS \"Value\" FROM sqlite_master WHERE type = 'table' AND name = 'webhook'")
            .SingleAsync(cancellationToken) == 1;
}
