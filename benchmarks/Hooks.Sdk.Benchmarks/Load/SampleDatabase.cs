using Microsoft.Data.Sqlite;

namespace Hooks.Sdk.Benchmarks.Load;

/// <summary>Reads the sample's SQLite file from outside the sample: its size on disk, and the outbox's state.</summary>
public static class SampleDatabase
{
    /// <summary>
    /// The file's size with its write-ahead log folded in (<c>wal_checkpoint(TRUNCATE)</c>), plus any journal: what
    /// the database takes on disk. Call it while the sample is stopped, so that the checkpoint can complete.
    /// </summary>
    public static async Task<long> SizeAsync(string file)
    {
        await using (SqliteConnection connection = await OpenAsync(file))
        {
            await ScalarAsync(connection, "PRAGMA wal_checkpoint(TRUNCATE);");
        }
        return new[] { file, file + "-wal", file + "-journal" }.Where(File.Exists).Sum(path => new FileInfo(path).Length);
    }

    /// <summary>Rows and bytes in <c>webhook_payload</c>, where the outbox keeps each body.</summary>
    public static async Task<(long Rows, long Bytes)> PayloadsAsync(string file)
    {
        await using SqliteConnection connection = await OpenAsync(file);
        return (await ScalarAsync(connection, "SELECT COUNT(*) FROM webhook_payload;"),
            await ScalarAsync(connection, "SELECT COALESCE(SUM(LENGTH(Body)), 0) FROM webhook_payload;"));
    }

    /// <summary>Messages not yet finished: each successful delivery's outcome and attempt are written after its arrival.</summary>
    public static async Task<long> PendingAsync(string file)
    {
        await using SqliteConnection connection = await OpenAsync(file);
        return await ScalarAsync(connection, "SELECT COUNT(*) FROM webhook_delivery WHERE Status = 0;");
    }

    // Not pooled: a pooled connection would keep the file open after the scenario deletes its folder.
    private static async Task<SqliteConnection> OpenAsync(string file)
    {
        var connection = new SqliteConnection($"Data Source={file};Pooling=False");
        await connection.OpenAsync();
        return connection;
    }

    private static async Task<long> ScalarAsync(SqliteConnection connection, string sql)
    {
        await using SqliteCommand command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
