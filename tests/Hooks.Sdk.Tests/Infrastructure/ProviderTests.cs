using Hooks.Sdk.TestInfrastructure;

namespace Hooks.Sdk.Tests.Infrastructure;

/// <summary>
/// A test class that runs once per database provider: it is abstract, and each provider has a sealed class deriving
/// from it, so one suite proves the store, outbox and dispatcher on SQLite and PostgreSQL alike.
/// </summary>
public abstract class ProviderTests(DatabaseProvider provider)
{
    protected DatabaseProvider Provider { get; } = provider;

    /// <summary>Starts an app on a fresh database of this class's provider, or on <paramref name="database"/>.</summary>
    protected Task<TestApp> StartAppAsync(Action<WebhookOptions>? configure = null, TimeProvider? timeProvider = null, TestDatabase? database = null) =>
        TestApp.StartAsync(configure, timeProvider, database, Provider);

    /// <summary>A database of this class's provider for several apps to share.</summary>
    protected Task<TestDatabase> CreateDatabaseAsync() => TestDatabase.CreateAsync(Provider);
}
