using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Hooks.Sdk.Delivery;

/// <summary>Every hour, deletes finished messages older than <see cref="WebhookOptions.DeliveryRetention"/> from the delivery log.</summary>
internal sealed partial class WebhookDeliveryCleanup(
    IServiceScopeFactory scopes, IOptions<WebhookOptions> options, TimeProvider timeProvider, ILogger<WebhookDeliveryCleanup> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.Delivery != WebhookDeliveryMode.Background)
        {
            return;
        }
        using var timer = new PeriodicTimer(TimeSpan.FromHours(1), timeProvider);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                try
                {
                    await using AsyncServiceScope scope = scopes.CreateAsyncScope();
                    int deleted = await scope.ServiceProvider.GetRequiredService<IWebhookOutbox>()
                        .DeleteFinishedBeforeAsync(timeProvider.GetUtcNow().UtcDateTime - options.Value.DeliveryRetention, stoppingToken)
                        .ConfigureAwait(false);
                    LogDeleted(deleted);
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    LogFailed(exception);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted {Count} webhook messages past their retention")]
    private partial void LogDeleted(int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "Cleaning the webhook delivery log failed")]
    private partial void LogFailed(Exception exception);
}
