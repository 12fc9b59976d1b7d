using Hooks.Sdk.Delivery;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Hooks.Sdk.EntityFrameworkCore.PostgreSql;

/// <summary>
/// Listens on the outbox's notification channel with a connection of its own and wakes this process's dispatcher
/// whenever any node commits messages or releases webhooks: the outbox sends <c>pg_notify</c> inside the writing
/// transaction, which PostgreSQL delivers at commit, and only then. A lost connection is opened again after a pause,
/// with one wake-up for what was committed meanwhile; the dispatcher's poll covers the pause.
/// </summary>
/// <typeparam name="TContext">The app's context, whose connection string names the database.</typeparam>
internal sealed partial class PostgreSqlWakeUps<TContext>(
    IServiceScopeFactory scopes, WebhookDispatchSignal signal, IOptions<WebhookOptions> options, TimeProvider timeProvider,
    ILogger<PostgreSqlWakeUps<TContext>> logger) : BackgroundService
    where TContext : DbContext
{
    private static readonly TimeSpan Pause = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.Delivery != WebhookDeliveryMode.Background || ConnectionString() is not { } connectionString)
        {
            return;
        }
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ListenAsync(connectionString, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception) when (exception is NpgsqlException or InvalidOperationException or IOException or TimeoutException)
            {
                LogListenFailed(exception, Pause);
                try
                {
                    await Task.Delay(Pause, timeProvider, stoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private async Task ListenAsync(string connectionString, CancellationToken stoppingToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        connection.Notification += (_, _) => signal.MessagesWritten();
        await connection.OpenAsync(stoppingToken).ConfigureAwait(false);
        await using (var listen = new NpgsqlCommand($"LISTEN {OutboxNotifications.Channel}", connection))
        {
            await listen.ExecuteNonQueryAsync(stoppingToken).ConfigureAwait(false);
        }
        // What was committed while nobody listened here is due now.
        signal.MessagesWritten();
        while (true)
        {
            await connection.WaitAsync(stoppingToken).ConfigureAwait(false);
        }
    }

    /// <summary>The context's connection string when it runs on PostgreSQL; on another provider there is nothing to listen to.</summary>
    private string? ConnectionString()
    {
        using IServiceScope scope = scopes.CreateScope();
        DbContext context = scope.ServiceProvider.GetRequiredService<TContext>();
        if (!PostgreSqlOutbox.Runs(context))
        {
            LogNotPostgreSql(typeof(TContext).Name, context.Database.ProviderName);
            return null;
        }
        // Its own physical connection, kept open: a pooled one would be handed back with its LISTEN.
        return new NpgsqlConnectionStringBuilder(context.Database.GetConnectionString()) { Pooling = false, KeepAlive = 30 }.ConnectionString;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Listening for other nodes' webhook messages failed; listening again in {Pause}, polling meanwhile")]
    private partial void LogListenFailed(Exception exception, TimeSpan pause);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Context} runs on {Provider}, not PostgreSQL: cross-node wake-ups are off, and each dispatcher polls")]
    private partial void LogNotPostgreSql(string context, string? provider);
}
