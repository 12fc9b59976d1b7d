namespace Hooks.Sdk.TestInfrastructure;

/// <summary>The database engines the SDK's store, outbox and dispatcher are proved on.</summary>
public enum DatabaseProvider
{
    /// <summary>A SQLite file, the embedded default.</summary>
    Sqlite,

    /// <summary>A database of its own on the test run's real PostgreSQL server.</summary>
    PostgreSql,
}
