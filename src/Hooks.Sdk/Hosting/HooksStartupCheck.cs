using Hooks.Sdk.Delivery;
using Hooks.Sdk.Store;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Hooks.Sdk.Hosting;

/// <summary>
/// Fails the host's start, before any hosted service runs, when the runtime lacks a service it needs, with a message
/// naming the call that adds it: otherwise the app's decorated requests would fail one by one and the dispatcher
/// every second, each with a stack trace that does not say what is missing.
/// </summary>
internal sealed class HooksStartupCheck(IServiceProviderIsService registered, IOptions<WebhookOptions> options) : IHostedLifecycleService
{
    public Task StartingAsync(CancellationToken cancellationToken)
    {
        if (!registered.IsService(typeof(IWebhookStore)))
        {
            throw new InvalidOperationException(
                "Hooks.Sdk has no webhook store (IWebhookStore). Add one after AddHooks(): services.AddHooksEntityFrameworkCore<YourDbContext>() "
                + "from the Hooks.Sdk.EntityFrameworkCore package, whose OnModelCreating calls modelBuilder.AddWebhooks(); or register your own IWebhookStore.");
        }
        if (options.Value.Delivery == WebhookDeliveryMode.Background && !registered.IsService(typeof(IWebhookOutbox)))
        {
            throw new InvalidOperationException(
                "Hooks.Sdk delivers in the background (WebhookOptions.Delivery), which needs an outbox (IWebhookOutbox): call "
                + "services.AddHooksEntityFrameworkCore<YourDbContext>(), which adds one, or set Delivery = WebhookDeliveryMode.Inline.");
        }
        if (!registered.IsService(typeof(IWebhookProjects)))
        {
            throw new InvalidOperationException(
                "Hooks.Sdk has no IWebhookProjects: the emitter needs it to check an event's project and write it into payloads. Register yours "
                + "(.AddProjects<YourProjects>() after AddHooks()), or .AddProjects(WebhookProjects.None) if your app has no projects.");
        }
        return Task.CompletedTask;
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
