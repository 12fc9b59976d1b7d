using Hooks.Sdk.Delivery;
using Hooks.Sdk.EntityFrameworkCore;
using Hooks.Sdk.Filters;
using Hooks.Sdk.Store;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers EF Core storage for the webhook runtime.</summary>
public static class HooksEntityFrameworkCoreServiceCollectionExtensions
{
    /// <summary>
    /// Stores webhooks and the durable outbox in <typeparamref name="TContext"/>, as
    /// <see cref="AddHooksEntityFrameworkCore{TContext}(IServiceCollection)"/> does, off <c>AddHooks()</c>.
    /// </summary>
    /// <typeparam name="TContext">The app's context, registered with <c>AddDbContext</c>.</typeparam>
    /// <param name="builder">The runtime, as <c>AddHooks()</c> returns it.</param>
    /// <returns><paramref name="builder"/>, for chaining.</returns>
    public static IHooksBuilder AddHooksEntityFrameworkCore<TContext>(this IHooksBuilder builder)
        where TContext : DbContext
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddHooksEntityFrameworkCore<TContext>();
        return builder;
    }

    /// <summary>
    /// Stores webhooks and the durable outbox in <typeparamref name="TContext"/> (whose <c>OnModelCreating</c> calls <c>AddWebhooks()</c>),
    /// runs the filters' actions in its transactions so that a change and its messages commit together, and reloads
    /// the filters' instances from it.
    /// </summary>
    /// <typeparam name="TContext">The app's context, registered with <c>AddDbContext</c>.</typeparam>
    /// <param name="services">The app's services.</param>
    /// <returns><paramref name="services"/>, for chaining.</returns>
    public static IServiceCollection AddHooksEntityFrameworkCore<TContext>(this IServiceCollection services)
        where TContext : DbContext
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddHostedService<WebhookModelCheck<TContext>>();
        services.TryAddScoped<IWebhookStore, EfWebhookStore<TContext>>();
        services.TryAddScoped<IWebhookInstanceLoader, EfWebhookInstanceLoader<TContext>>();
        services.TryAddScoped<IWebhookOutbox, EfWebhookOutbox<TContext>>();
        services.TryAddScoped<IWebhookTransactions, EfWebhookTransactions<TContext>>();
        // Wakes the dispatcher when the app's transaction that wrote messages commits, not at the write.
        services.TryAddSingleton<OutboxCommitSignal>();
        services.ConfigureDbContext<TContext>((provider, options) => options.AddInterceptors(provider.GetRequiredService<OutboxCommitSignal>()));
        return services;
    }
}
