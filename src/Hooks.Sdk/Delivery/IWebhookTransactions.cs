namespace Hooks.Sdk.Delivery;

/// <summary>
/// Opens the transaction in which a filter runs its action and writes the action's messages, so that the change and
/// its messages commit together or not at all. <c>Hooks.Sdk.EntityFrameworkCore</c> implements it over the app's
/// <c>DbContext</c>: the transaction is the context's own, and the outbox writes on the same connection.
/// </summary>
public interface IWebhookTransactions
{
    /// <summary>
    /// Begins a transaction on the app's store, or joins the one the app already opened; in that case
    /// <see cref="IWebhookTransaction.CommitAsync"/> does nothing and the app's own commit decides.
    /// </summary>
    /// <param name="cancellationToken">Cancels the start.</param>
    Task<IWebhookTransaction> BeginAsync(CancellationToken cancellationToken);
}

/// <summary>A transaction from <see cref="IWebhookTransactions.BeginAsync"/>; disposed without a commit, it rolls back.</summary>
public interface IWebhookTransaction : IAsyncDisposable
{
    /// <summary>Whether it joined a transaction the app opened, which the app commits or rolls back itself.</summary>
    bool Joined { get; }

    /// <summary>Commits the change and the messages written in it; a joined transaction is left to the app.</summary>
    /// <param name="cancellationToken">Cancels the commit.</param>
    Task CommitAsync(CancellationToken cancellationToken);
}
