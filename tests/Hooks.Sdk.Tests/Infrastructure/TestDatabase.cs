using Hooks.Sdk.TestInfrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Hooks.Sdk.Tests.Infrastructure;

/// <summary>
/// A fresh, empty database that one <see cref="TestApp"/> uses, or several open in turn or at once (a restart, two
/// dispatchers); removed on dispose.
/// </summary>
public abstract class TestDatabase : IAsyncDisposable
{
    public abstract DatabaseProvider Provider { get; }

    /// <summary>Interceptors every app on this database adds to its context (to watch its commands, say).</summary>
    public List<IInterceptor> Interceptors { get; } = [];

    /// <summary>The connection string of this database.</summary>
    public abstract string ConnectionString { get; }

    /// <summary>Points a context's options at this database.</summary>
    public void Configure(DbContextOptionsBuilder options)
    {
        ConfigureProvider(options);
        options.AddInterceptors(Interceptors);
    }

    protected abstract void ConfigureProvider(DbContextOptionsBuilder options);

    public static async Task<TestDatabase> CreateAsync(DatabaseProvider provider) => provider switch
    {
        DatabaseProvider.Sqlite => new SqliteDatabase(),
        DatabaseProvider.PostgreSql => new PostgresDatabase(await (await PostgresServer.SharedAsync()).CreateDatabaseAsync()),
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, null),
    };

    public abstract ValueTask DisposeAsync();

    private sealed class SqliteDatabase : TestDatabase
    {
        private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("hooks-tests-");

        public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

        public override string ConnectionString => $"Data Source={Path.Combine(_directory.FullName, "app.db")}";

        protected override void ConfigureProvider(DbContextOptionsBuilder options) => options.UseSqlite(ConnectionString);

        public override ValueTask DisposeAsync()
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            _directory.Delete(recursive: true);
            return ValueTask.CompletedTask;
        }
    }

    private sealed class PostgresDatabase(string connectionString) : TestDatabase
    {
        public override DatabaseProvider Provider => DatabaseProvider.PostgreSql;

        public override string ConnectionString => connectionString;

        protected override void ConfigureProvider(DbContextOptionsBuilder options) => options.UseNpgsql(connectionString);

        // The server is the test run's, thrown away with it; clearing the pool lets nothing linger on this database.
        public override ValueTask DisposeAsync()
        {
            using var connection = new Npgsql.NpgsqlConnection(connectionString);
            Npgsql.NpgsqlConnection.ClearPool(connection);
            return ValueTask.CompletedTask;
        }
    }
}
