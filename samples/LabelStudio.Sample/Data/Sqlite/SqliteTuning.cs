using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace LabelStudio.Sample.Data.Sqlite;

/// <summary>
/// SQLite settings for many concurrent writers, applied on every connection the context opens: write-ahead logging
/// (readers never block the writer, nor it them), <c>synchronous=NORMAL</c> (with WAL, durable across a process crash
/// and a kill -9; only an OS crash or power loss can undo the last commits), and SQLite's own busy handler, which
/// retries a locked write within milliseconds where Microsoft.Data.Sqlite's retry loop would sleep far longer.
/// </summary>
internal sealed class SqliteTuning : DbConnectionInterceptor
{
    /// <summary>How long a writer waits for the database's write lock before its statement fails.</summary>
    public static readonly TimeSpan BusyTimeout = TimeSpan.FromSeconds(10);

    private static readonly string Pragmas = $"PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout={(int)BusyTimeout.TotalMilliseconds};";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (ReadOnly(connection))
        {
            return;
        }
        using DbCommand command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (ReadOnly(connection))
        {
            return;
        }
        await using DbCommand command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    // EF Core's existence check opens the file read-only, where journal_mode cannot be set (the mode persists in the
    // file anyway, from the first writable connection).
    private static bool ReadOnly(DbConnection connection) =>
        new SqliteConnectionStringBuilder(connection.ConnectionString).Mode == SqliteOpenMode.ReadOnly;
}
