using System.Data.Common;
using System.Runtime.CompilerServices;
using Hooks.Sdk.Delivery;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Hooks.Sdk.EntityFrameworkCore;

/// <summary>
/// Wakes the dispatcher when a transaction that wrote outbox messages commits. Messages written inside the app's
/// transaction are invisible until then, so waking at the write would find nothing and leave them to the next poll.
/// </summary>
internal sealed class OutboxCommitSignal(WebhookDispatchSignal signal) : DbTransactionInterceptor
{
    private static readonly object Written = new();

    // Keyed weakly by context: an abandoned context (never committed nor rolled back) leaves nothing behind.
    private readonly ConditionalWeakTable<DbContext, object> _pending = [];

    /// <summary>Wakes the dispatcher when <paramref name="context"/>'s current transaction commits.</summary>
    public void WakeOnCommit(DbContext context) => _pending.AddOrUpdate(context, Written);

    public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Committed(eventData.Context);

    public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Committed(eventData.Context);
        return Task.CompletedTask;
    }

    public override void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Forget(eventData.Context);

    public override Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    private void Committed(DbContext? context)
    {
        if (context is not null && _pending.Remove(context))
        {
            signal.MessagesWritten();
        }
    }

    private void Forget(DbContext? context)
    {
        if (context is not null)
        {
            _pending.Remove(context);
        }
    }
}
