using Hooks.Sdk.EntityFrameworkCore.PostgreSql;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers what Hooks.Sdk's EF Core storage adds on PostgreSQL.</summary>
public static class HooksPostgreSqlServiceCollectionExtensions
{
    /// <summary>
    /// Wakes every node's dispatcher when messages commit, as
    /// <see cref="AddHooksPostgreSqlWakeUps{TContext}(IServiceCollection)"/> does, off <c>AddHooks()</c>.
    /// </summary>
    /// <typeparam name="TContext">The app's context, on PostgreSQL.</typeparam>
    /// <param name="builder">The runtime, as <c>AddHooks()</c> returns it.</param>
    /// <returns><paramref name="builder"/>, for chaining.</returns>
    public static IHooksBuilder AddHooksPostgreSqlWakeUps<TContext>(this IHooksBuilder builder)
        where TContext : DbContext
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddHooksPostgreSqlWakeUps<TContext>();
        return builder;
    }

    /// <summary>
    /// Wakes this process's dispatcher when any process on the same PostgreSQL database commits webhook messages, so that
    /// a message written on one node is sent at once by whichever node holds its webhook, instead of at that node's
    /// next poll. Uses one connection per process (<c>LISTEN</c>); call it after
    /// <c>AddHooksEntityFrameworkCore&lt;TContext&gt;()</c>. On another provider it logs a warning and does nothing.
    /// </summary>
    /// <typeparam name="TContext">The app's context, registered with <c>AddDbContext</c> on Npgsql.</typeparam>
    /// <param name="services">The app's services.</param>
    /// <returns><paramref name="services"/>, for chaining.</returns>
    public static IServiceCollection AddHooksPostgreSqlWakeUps<TContext>(this IServiceCollection services)
        where TContext : DbContext
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddHostedService<PostgreSqlWakeUps<TContext>>();
        return services;
    }
}
