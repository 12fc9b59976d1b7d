using Hooks.Sdk;
using Hooks.Sdk.EntityFrameworkCore;
using LabelStudio.Sample.Data;
using LabelStudio.Sample.Domain;
using LabelStudio.Sample.Projects;

namespace LabelStudio.Sample.Webhooks;

/// <summary>
/// The SDK's EF Core reload, plus the counters a project carries: <c>PROJECT_CREATED</c> sends the reloaded project
/// itself, so its counters must be read too. Shows how an app replaces <see cref="IWebhookInstanceLoader"/>.
/// </summary>
public sealed class SampleInstanceLoader(EfWebhookInstanceLoader<SampleDbContext> inner, ProjectStatistics statistics) : IWebhookInstanceLoader
{
    public async ValueTask<object?> LoadAsync(Type modelType, object id, CancellationToken cancellationToken) =>
        await inner.LoadAsync(modelType, id, cancellationToken) switch
        {
            Project project => await statistics.WithCountersAsync(project, cancellationToken),
            var instance => instance,
        };
}
