using Hooks.Sdk.Delivery;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Hooks.Sdk.EntityFrameworkCore;

/// <summary>
/// Transactions on <typeparamref name="TContext"/> for the filters: one it begins itself,
/// or the transaction the app already opened on it, so the outbox's writes (on the same connection) are part of it.
/// </summary>
/// <typeparam name="TContext">The app's context.</typeparam>
internal sealed class EfWebhookTransactions<TContext>(TContext context) : IWebhookTransactions
    where TContext : DbContext
{
    public async Task<IWebhookTransaction> BeginAsync(CancellationToken cancellationToken) =>
        context.Database.CurrentTransaction is not null
            ? JoinedTransaction.Instance
            : new OwnedTransaction(await context.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false));

    private sealed class OwnedTransaction(IDbContextTransaction transaction) : IWebhookTransaction
    {
        public bool Joined => false;

        public Task CommitAsync(CancellationToken cancellationToken) => transaction.CommitAsync(cancellationToken);

        // Disposing an uncommitted EF Core transaction rolls it back; disposing twice does nothing.
        public ValueTask DisposeAsync() => transaction.DisposeAsync();
    }

    private sealed class JoinedTransaction : IWebhookTransaction
    {
        public static readonly JoinedTransaction Instance = new();

        public bool Joined => true;

        public Task CommitAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
