using Hooks.Sdk.Delivery;
using Hooks.Sdk.Store;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Hooks.Sdk.EntityFrameworkCore;

/// <summary>
/// Fails the host's start, before any hosted service runs, when <typeparamref name="TContext"/>'s model lacks the
/// webhook tables, naming the call that adds them: otherwise every decorated request and every dispatcher turn would
/// fail on a table EF Core does not know.
/// </summary>
internal sealed class WebhookModelCheck<TContext>(IServiceScopeFactory scopes) : IHostedLifecycleService
    where TContext : DbContext
{
    public async Task StartingAsync(CancellationToken cancellationToken)
    {
        await using AsyncServiceScope scope = scopes.CreateAsyncScope();
        TContext context = scope.ServiceProvider.GetService<TContext>()
            ?? throw new InvalidOperationException(
                $"AddHooksEntityFrameworkCore<{typeof(TContext).Name}>() needs the context registered: call services.AddDbContext<{typeof(TContext).Name}>(...).");
        if (context.Model.FindEntityType(typeof(Webhook)) is null || context.Model.FindEntityType(typeof(WebhookDeliveryRecord)) is null)
        {
            throw new InvalidOperationException(
                $"{typeof(TContext).Name} has no webhook tables: call modelBuilder.AddWebhooks() in its OnModelCreating, then add a migration "
                + "(dotnet ef migrations add AddWebhooks) or create the schema.");
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
