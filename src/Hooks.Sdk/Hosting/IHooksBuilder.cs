using Hooks.Sdk.Store;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>
/// What <c>AddHooks()</c> returns, as <c>AddMvc()</c> returns an <c>IMvcBuilder</c>: the store, the catalogues
/// (<c>Add{ClassName}()</c>) and the app's projects hang off it.
/// </summary>
public interface IHooksBuilder
{
    /// <summary>The app's services.</summary>
    IServiceCollection Services { get; }
}

/// <summary>The app's parts of the webhook runtime, on <see cref="IHooksBuilder"/>.</summary>
public static class HooksBuilderExtensions
{
    /// <summary>Registers the app's <see cref="IWebhookProjects"/>, scoped, so that it can use the app's <c>DbContext</c>.</summary>
    /// <typeparam name="TProjects">The app's projects.</typeparam>
    /// <param name="builder">The runtime.</param>
    /// <returns><paramref name="builder"/>, for chaining.</returns>
    public static IHooksBuilder AddProjects<TProjects>(this IHooksBuilder builder)
        where TProjects : class, IWebhookProjects
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddScoped<IWebhookProjects, TProjects>();
        return builder;
    }

    /// <summary>
    /// Registers <paramref name="projects"/> as the app's <see cref="IWebhookProjects"/>: for an app without projects,
    /// <see cref="WebhookProjects.None"/>.
    /// </summary>
    /// <param name="builder">The runtime.</param>
    /// <param name="projects">The one instance.</param>
    /// <returns><paramref name="builder"/>, for chaining.</returns>
    public static IHooksBuilder AddProjects(this IHooksBuilder builder, IWebhookProjects projects)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(projects);
        builder.Services.TryAddSingleton(projects);
        return builder;
    }
}

/// <summary>The builder over the app's services.</summary>
internal sealed class HooksBuilder(IServiceCollection services) : IHooksBuilder
{
    public IServiceCollection Services { get; } = services;
}
