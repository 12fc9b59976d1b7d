using LabelStudio.Sample.Data.PostgreSql;
using LabelStudio.Sample.Data.Sqlite;
using LabelStudio.Sample.Hosting;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace LabelStudio.Sample.Data;

/// <summary>
/// Where the sample keeps its data. By default a SQLite file in the data directory, with the Data Protection key ring
/// beside it, which needs nothing installed; <c>ConnectionStrings__Default</c> set to a PostgreSQL connection string
/// moves both into that database, which any number of the sample's processes can share.
/// </summary>
internal static class SampleStorage
{
    /// <summary>The configuration key of the PostgreSQL connection string (<c>ConnectionStrings__Default</c> in the environment).</summary>
    public const string ConnectionStringName = "Default";

    /// <summary>The Data Protection application name the nodes on one PostgreSQL database share.</summary>
    public const string DataProtectionApplicationName = "LabelStudio.Sample";

    public static IServiceCollection AddSampleStorage(this IServiceCollection services, IConfiguration configuration, LabelStudioSettings settings)
    {
        if (configuration.GetConnectionString(ConnectionStringName) is { Length: > 0 } connectionString)
        {
            services.AddStorage<PostgreSqlSampleDbContext>(options => options.UseNpgsql(connectionString));
            // A message committed by one process wakes the dispatchers of all.
            services.AddHooksPostgreSqlWakeUps<PostgreSqlSampleDbContext>();
            // One application name for every node: the default is the install's content root, which may differ
            // between machines and would keep one node from reading what another encrypted.
            services.AddDataProtection().SetApplicationName(DataProtectionApplicationName).PersistKeysToDbContext<PostgreSqlSampleDbContext>();
            return services;
        }
        string databaseFile = Path.Combine(settings.DataDirectory, "label_studio.sqlite3");
        string keysDirectory = Path.Combine(settings.DataDirectory, "keys");
        PrivateFiles.Prepare(settings.DataDirectory, databaseFile, keysDirectory);
        // One per process and database file: every context instance queues on the same gate.
        var writeGate = new SqliteWriteGate(SqliteTuning.BusyTimeout);
        services.AddStorage<SqliteSampleDbContext>(options => options
            .UseSqlite($"Data Source={databaseFile}")
            .AddInterceptors(new SqliteTuning())
            .AddInterceptors(writeGate.Interceptors));
        // Webhook secrets are encrypted with Data Protection: keep its key ring beside the database so they survive
        // restarts. The ring is readable by this account only (PrivateFiles); to encrypt it at rest as well, add
        // ProtectKeysWithCertificate (docs/security.md). The application name stays the default (the content root),
        // as in the releases before, whose data directories must keep reading their secrets.
        services.AddDataProtection().PersistKeysToFileSystem(new DirectoryInfo(keysDirectory));
        return services;
    }

    /// <summary>The provider's context, also served as <see cref="SampleDbContext"/> (one instance per scope), under the SDK's store.</summary>
    private static void AddStorage<TContext>(this IServiceCollection services, Action<DbContextOptionsBuilder> configure)
        where TContext : SampleDbContext
    {
        services.AddDbContext<TContext>(configure);
        services.AddScoped<SampleDbContext>(provider => provider.GetRequiredService<TContext>());
        services.AddHooksEntityFrameworkCore<TContext>();
    }
}
