using Hooks.Sdk.Catalogue;
using Hooks.Sdk.Filters;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Hosting;

namespace Hooks.Sdk.Hosting;

/// <summary>
/// Fails the host's start when an endpoint's webhook filter names an action that no registered catalogue declares,
/// or one of the wrong kind: the analyzer reports the names it can see at compile time (HOOK020, HOOK023, HOOK024),
/// but not a catalogue that is declared and never registered (<c>Add{ClassName}()</c>), nor a name computed at run
/// time. Without this, every such request would log an error and send nothing.
/// </summary>
/// <remarks>
/// It runs once the host has started: the web host builds its endpoints when it starts, after the other hosted
/// services' <c>StartAsync</c>.
/// </remarks>
internal sealed class WebhookEndpointCheck(WebhookActionRegistry registry, EndpointDataSource? endpoints = null) : IHostedLifecycleService
{
    public Task StartedAsync(CancellationToken cancellationToken)
    {
        if (endpoints is null)
        {
            return Task.CompletedTask;
        }
        string[] problems =
        [
            .. from endpoint in endpoints.Endpoints
               from filter in endpoint.Metadata.OfType<IApiWebhookMetadata>()
               let problem = Problem(filter)
               where problem is not null
               select $"{endpoint.DisplayName ?? "an endpoint"}: {problem}",
        ];
        if (problems.Length > 0)
        {
            throw new InvalidOperationException("Webhook filters that could never send anything:" + Environment.NewLine
                + string.Join(Environment.NewLine, problems.Distinct().Select(problem => "- " + problem)));
        }
        return Task.CompletedTask;
    }

    private string? Problem(IApiWebhookMetadata filter) => registry.TryGetAction(filter.Action, out WebhookActionDescriptor? descriptor)
        ? ApiWebhookKinds.Mismatch(descriptor, filter.ForDelete) is { } mismatch ? $"{filter.Action}: {mismatch}" : null
        : $"{filter.Action} is not declared by any registered catalogue. Register the catalogue that declares it after AddHooks() "
            + "(services.Add{ClassName}(), generated for each [WebhookActions] class), or fix the name.";

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
