namespace Hooks.Sdk.Tests.Infrastructure;

/// <summary>A SQLite database directory that several <see cref="TestApp"/>s open in turn or at once; deleted with every pooled connection to it closed.</summary>
public sealed class SharedDatabase : IDisposable
{
    public DirectoryInfo Directory { get; } = System.IO.Directory.CreateTempSubdirectory("hooks-shared-");

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(recursive: true);
    }
}
