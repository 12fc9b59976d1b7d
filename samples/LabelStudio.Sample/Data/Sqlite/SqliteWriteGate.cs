using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace LabelStudio.Sample.Data.Sqlite;

/// <summary>
/// Queues this process's writers to the SQLite file in turn, instead of letting them race for its single write lock.
/// SQLite's busy handler polls the lock with sleeps that grow from 1 ms to 100 ms, so with a dozen writers (requests,
/// the webhook dispatcher) most of them sleep while the lock is free; a waiter here is woken the moment the writer before
/// it ends. Covers transactions (taken as <c>BEGIN IMMEDIATE</c>, Microsoft.Data.Sqlite's default) and statements that
/// write outside one. A writer that waits longer than the busy timeout goes on without the gate, to SQLite's own
/// handling, so a writer that never ends cannot hang the others; other processes are still kept out by SQLite's lock.
/// </summary>
internal sealed class SqliteWriteGate
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    // Which connections hold the gate: keyed weakly, so a connection dropped while holding it leaves nothing behind.
    private readonly ConditionalWeakTable<DbConnection, object> _holders = [];
    private readonly TimeSpan _patience;

    /// <param name="patience">How long a writer waits here before it goes on to SQLite's busy handler.</param>
    public SqliteWriteGate(TimeSpan patience)
    {
        _patience = patience;
        Interceptors = [new TransactionGate(this), new StatementGate(this), new ClosingGate(this)];
    }

    /// <summary>The interceptors to add to the context's options.</summary>
    public IReadOnlyList<IInterceptor> Interceptors { get; }

    private async ValueTask EnterAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        // Re-entrant: a connection that still holds it (a transaction disposed without ending) must not wait for itself.
        if (_holders.TryGetValue(connection, out _))
        {
            return;
        }
        if (await _gate.WaitAsync(_patience, cancellationToken).ConfigureAwait(false))
        {
            _holders.AddOrUpdate(connection, connection);
        }
    }

    private void Enter(DbConnection connection)
    {
        if (!_holders.TryGetValue(connection, out _) && _gate.Wait(_patience))
        {
            _holders.AddOrUpdate(connection, connection);
        }
    }

    private void Exit(DbConnection? connection)
    {
        if (connection is not null && _holders.Remove(connection))
        {
            _gate.Release();
        }
    }

    private static bool Writes(DbCommand command) =>
        command.Transaction is null && command.CommandText.AsSpan().TrimStart() is var text
        && (text.StartsWith("INSERT", StringComparison.OrdinalIgnoreCase)
            || text.StartsWith("UPDATE", StringComparison.OrdinalIgnoreCase)
            || text.StartsWith("DELETE", StringComparison.OrdinalIgnoreCase));

    private sealed class TransactionGate(SqliteWriteGate gate) : DbTransactionInterceptor
    {
        // A finished ADO.NET transaction no longer knows its connection; the context does.
        private static DbConnection? ConnectionOf(DbTransaction transaction, DbContextEventData eventData) =>
            eventData.Context?.Database.GetDbConnection() ?? transaction.Connection;

        public override InterceptionResult<DbTransaction> TransactionStarting(DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result)
        {
            gate.Enter(connection);
            return result;
        }

        public override async ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(
            DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result, CancellationToken cancellationToken = default)
        {
            await gate.EnterAsync(connection, cancellationToken).ConfigureAwait(false);
            return result;
        }

        public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => gate.Exit(ConnectionOf(transaction, eventData));

        public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            gate.Exit(ConnectionOf(transaction, eventData));
            return Task.CompletedTask;
        }

        public override void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => gate.Exit(ConnectionOf(transaction, eventData));

        public override Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            gate.Exit(ConnectionOf(transaction, eventData));
            return Task.CompletedTask;
        }

        public override void TransactionFailed(DbTransaction transaction, TransactionErrorEventData eventData) => gate.Exit(ConnectionOf(transaction, eventData));

        public override Task TransactionFailedAsync(DbTransaction transaction, TransactionErrorEventData eventData, CancellationToken cancellationToken = default)
        {
            gate.Exit(ConnectionOf(transaction, eventData));
            return Task.CompletedTask;
        }
    }

    /// <summary>A write outside a transaction holds the gate for its statement.</summary>
    private sealed class StatementGate(SqliteWriteGate gate) : DbCommandInterceptor
    {
        public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
        {
            EnterFor(command);
            return result;
        }

        public override async ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            await EnterForAsync(command, cancellationToken).ConfigureAwait(false);
            return result;
        }

        public override int NonQueryExecuted(DbCommand command, CommandExecutedEventData eventData, int result)
        {
            ExitFor(command);
            return result;
        }

        public override ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default)
        {
            ExitFor(command);
            return ValueTask.FromResult(result);
        }

        public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
        {
            EnterFor(command);
            return result;
        }

        public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            await EnterForAsync(command, cancellationToken).ConfigureAwait(false);
            return result;
        }

        // A statement's write ends when its reader is done with it (RETURNING rows are read first).
        public override InterceptionResult DataReaderClosing(DbCommand command, DataReaderClosingEventData eventData, InterceptionResult result)
        {
            ExitFor(command);
            return result;
        }

        public override ValueTask<InterceptionResult> DataReaderClosingAsync(DbCommand command, DataReaderClosingEventData eventData, InterceptionResult result)
        {
            ExitFor(command);
            return ValueTask.FromResult(result);
        }

        public override InterceptionResult DataReaderDisposing(DbCommand command, DataReaderDisposingEventData eventData, InterceptionResult result)
        {
            ExitFor(command);
            return result;
        }

        public override void CommandFailed(DbCommand command, CommandErrorEventData eventData) => ExitFor(command);

        public override Task CommandFailedAsync(DbCommand command, CommandErrorEventData eventData, CancellationToken cancellationToken = default)
        {
            ExitFor(command);
            return Task.CompletedTask;
        }

        public override void CommandCanceled(DbCommand command, CommandEndEventData eventData) => ExitFor(command);

        public override Task CommandCanceledAsync(DbCommand command, CommandEndEventData eventData, CancellationToken cancellationToken = default)
        {
            ExitFor(command);
            return Task.CompletedTask;
        }

        private void EnterFor(DbCommand command)
        {
            if (Writes(command) && command.Connection is { } connection)
            {
                gate.Enter(connection);
            }
        }

        private async ValueTask EnterForAsync(DbCommand command, CancellationToken cancellationToken)
        {
            if (Writes(command) && command.Connection is { } connection)
            {
                await gate.EnterAsync(connection, cancellationToken).ConfigureAwait(false);
            }
        }

        private void ExitFor(DbCommand command)
        {
            if (command.Transaction is null)
            {
                gate.Exit(command.Connection);
            }
        }
    }

    /// <summary>A transaction disposed without commit or rollback ends when EF Core closes its connection.</summary>
    private sealed class ClosingGate(SqliteWriteGate gate) : DbConnectionInterceptor
    {
        public override InterceptionResult ConnectionClosing(DbConnection connection, ConnectionEventData eventData, InterceptionResult result)
        {
            gate.Exit(connection);
            return result;
        }

        public override ValueTask<InterceptionResult> ConnectionClosingAsync(DbConnection connection, ConnectionEventData eventData, InterceptionResult result)
        {
            gate.Exit(connection);
            return ValueTask.FromResult(result);
        }
    }
}
