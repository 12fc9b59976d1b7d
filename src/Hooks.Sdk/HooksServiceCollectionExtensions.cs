using Hooks.Sdk;
using Hooks.Sdk.Api;
using Hooks.Sdk.Catalogue;
using Hooks.Sdk.Delivery;
using Hooks.Sdk.Emitting;
using Hooks.Sdk.Filters;
using Hooks.Sdk.Hosting;
using Hooks.Sdk.Identity;
using Hooks.Sdk.Operations;
using Hooks.Sdk.Security;
using Hooks.Sdk.Store;
using Hooks.Sdk.Telemetry;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the webhook runtime.</summary>
public static class HooksServiceCollectionExtensions
{
    /// <summary>
    /// Adds the emitter, delivery, the filters' services and the default organization accessor
    /// (the <see cref="WebhookOptions.OrganizationClaimType"/> claim, or <see cref="WebhookOptions.SingleOrganizationId"/>
    /// for an app without tenants), with options bound from the <c>Hooks</c>
    /// configuration section. Delivery follows <see cref="WebhookOptions.Delivery"/>: by default
    /// <see cref="WebhookDeliveryMode.Background"/>, the durable outbox sent by the dispatcher with retries;
    /// <see cref="WebhookDeliveryMode.Inline"/> is Label Studio's, one POST per message before the emitting call returns.
    /// A store (<c>AddHooksEntityFrameworkCore</c>), an <see cref="IWebhookProjects"/>
    /// and the app's catalogues (<c>Add{ClassName}</c>) complete it.
    /// </summary>
    /// <param name="services">The app's services.</param>
    /// <param name="configure">Changes to the options, applied after configuration.</param>
    /// <returns>The runtime's builder, which the store, the catalogues and the projects hang off.</returns>
    public static IHooksBuilder AddHooks(this IServiceCollection services, Action<WebhookOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        OptionsBuilder<WebhookOptions> options = services.AddOptions<WebhookOptions>().BindConfiguration(WebhookOptions.SectionName);
        if (configure is not null)
        {
            options.Configure(configure);
        }
        options.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<WebhookOptions>, WebhookOptionsValidator>());

        // First: its check runs before every hosted service starts, the dispatcher included.
        services.AddHostedService<HooksStartupCheck>();
        services.AddHostedService<WebhookEndpointCheck>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddHooksActions();
        ListHooksActionsLast(services);
        services.TryAddSingleton<WebhookAddressPolicy>();
        services.AddDataProtection();
        services.TryAddSingleton<WebhookSecrets>();
        services.TryAddSingleton<WebhookHeaderProtection>();
        // Redirects are failures, never followed; every connection goes through the address policy. Receivers known
        // to keep connections open get pooled ones, idle for at most a second so that a receiver's own idle timeout
        // (2 s for gunicorn, 5 s for Node) never closes one under a request; others a fresh one each time.
        AddWebhookClient(services, WebhookSender.HttpClientName, pooled: true);
        AddWebhookClient(services, WebhookSender.FreshConnectionClientName, pooled: false);
        services.TryAddSingleton<WebhookSender>();
        services.TryAddSingleton<IWebhookOrganizationAccessor, ClaimsOrganizationAccessor>();
        services.TryAddSingleton<WebhookDispatchSignal>();
        services.AddMetrics();
        services.TryAddSingleton<WebhookTelemetry>();
        services.AddHealthChecks().AddCheck<WebhookDispatcherHealthCheck>("hooks-dispatcher");
        services.TryAddSingleton(provider => new WebhookRetryPolicy(provider.GetRequiredService<IOptions<WebhookOptions>>(), Random.Shared));
        services.TryAddScoped<IWebhookOutcomeEvents, OperatorEvents>();
        services.TryAddScoped<WebhookOutcomes>();
        services.TryAddScoped<InlineWebhookDelivery>();
        services.TryAddScoped<IWebhookDelivery>(provider =>
            provider.GetRequiredService<IOptions<WebhookOptions>>().Value.Delivery == WebhookDeliveryMode.Background
                ? ActivatorUtilities.CreateInstance<OutboxWebhookDelivery>(provider)
                : provider.GetRequiredService<InlineWebhookDelivery>());
        services.TryAddSingleton<WebhookLanes>();
        services.TryAddSingleton<WebhookAttemptRunner>();
        services.AddHostedService<WebhookDispatcher>();
        services.AddHostedService<WebhookDeliveryCleanup>();
        services.TryAddScoped<IWebhookEmitter, WebhookEmitter>();
        services.TryAddScoped<ApiWebhookInvoker>();
        // Its constructor is internal (it takes the runtime's own services), which the container does not call itself.
        services.TryAddScoped(provider => new WebhookAdministration(
            provider.GetRequiredService<IWebhookStore>(),
            provider.GetRequiredService<IWebhookProjects>(),
            provider.GetRequiredService<WebhookActionRegistry>(),
            provider.GetRequiredService<WebhookAddressPolicy>(),
            provider.GetRequiredService<WebhookSecrets>(),
            provider.GetRequiredService<IOptions<WebhookOptions>>(),
            provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<WebhookDispatchSignal>(),
            provider.GetRequiredService<Microsoft.Extensions.Logging.ILogger<WebhookAdministration>>(),
            provider.GetService<IWebhookOutbox>()));
        return new HooksBuilder(services);
    }

    /// <summary>
    /// Registers the registry so that the SDK's operator events come after the app's actions, whichever was registered
    /// first; a catalogue's own registration (the plain type) gives way, a registry the app built itself is kept.
    /// </summary>
    private static void ListHooksActionsLast(IServiceCollection services)
    {
        if (services.FirstOrDefault(service => service.ServiceType == typeof(WebhookActionRegistry)) is { } registered)
        {
            if (registered.ImplementationType != typeof(WebhookActionRegistry))
            {
                return;
            }
            services.Remove(registered);
        }
        services.AddSingleton(provider => new WebhookActionRegistry(
            provider.GetServices<WebhookCatalogue>().OrderBy(catalogue => ReferenceEquals(catalogue, HooksActions.Catalogue))));
    }

    private static void AddWebhookClient(IServiceCollection services, string name, bool pooled) =>
        services.AddHttpClient(name, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .AddWebhookAddressPolicy(pooled)
            // WebhookSender logs what went wrong itself; the factory's two log lines and scope per request only cost.
            .RemoveAllLoggers();
}
