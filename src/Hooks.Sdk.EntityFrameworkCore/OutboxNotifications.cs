using Microsoft.EntityFrameworkCore;

namespace Hooks.Sdk.EntityFrameworkCore;

/// <summary>
/// On PostgreSQL, tells every listening node (Hooks.Sdk.EntityFrameworkCore.PostgreSql) that messages were written or
/// webhooks released: <c>pg_notify</c> in the writing transaction, which PostgreSQL delivers at commit and drops on
/// rollback, once per transaction however often it is called with the same payload.
/// </summary>
internal static class OutboxNotifications
{
    /// <summary>The channel the nodes listen on.</summary>
    public const string Channel = "hooks_outbox";

    private const string Notify = "SELECT pg_notify('" + Channel + "', '')";

    public static Task NotifyAsync(DbContext context, CancellationToken cancellationToken) =>
        PostgreSqlOutbox.Runs(context)
            ? context.Database.ExecuteSqlRawAsync(Notify, cancellationToken)
            : Task.CompletedTask;
}
