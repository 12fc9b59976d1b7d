using Hooks.Sdk.Catalogue;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers declared catalogues; the generated <c>Add{ClassName}</c> extensions call it.</summary>
public static class WebhookCatalogueServiceCollectionExtensions
{
    /// <summary>
    /// Adds <paramref name="catalogue"/> to the app's actions (once, however often it is called) and the
    /// <see cref="WebhookActionRegistry"/> that merges every registered catalogue.
    /// </summary>
    /// <param name="services">The app's services.</param>
    /// <param name="catalogue">A generated catalogue.</param>
    /// <returns><paramref name="services"/>, for chaining.</returns>
    public static IServiceCollection AddWebhookCatalogue(this IServiceCollection services, WebhookCatalogue catalogue)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(catalogue);
        if (!services.Any(service => service.ServiceType == typeof(WebhookCatalogue) && ReferenceEquals(service.ImplementationInstance, catalogue)))
        {
            services.AddSingleton(catalogue);
        }
        services.TryAddSingleton<WebhookActionRegistry>();
        return services;
    }
}
