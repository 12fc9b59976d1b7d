using Hooks.Sdk.EntityFrameworkCore;
using Hooks.Sdk.Filters;
using LabelStudio.Sample.Data;
using LabelStudio.Sample.Domain;
using LabelStudio.Sample.Projects;
using LabelStudio.Sample.Tasks;

namespace LabelStudio.Sample.Webhooks;

/// <summary>
/// The SDK's EF Core reload, plus the counters the objects carry: <c>PROJECT_CREATED</c> sends the reloaded project
/// itself, and a task (alone, or nested in an annotation's payload) its own counters, so they are read too. Shows how
/// an app replaces <see cref="IWebhookInstanceLoader"/>.
/// </summary>
public sealed class SampleInstanceLoader(EfWebhookInstanceLoader<SampleDbContext> inner, ProjectStatistics projects, TaskStatistics tasks) : IWebhookInstanceLoader
{
    public async ValueTask<object?> LoadAsync(Type modelType, object id, CancellationToken cancellationToken)
    {
        object? instance = await inner.LoadAsync(modelType, id, cancellationToken);
        switch (instance)
        {
            case Project project:
                return await projects.WithCountersAsync(project, cancellationToken);
            case TaskItem task:
                await tasks.WithCountersAsync([task], cancellationToken);
                break;
            case Annotation { Task: { } task }:
                await tasks.WithCountersAsync([task], cancellationToken);
                break;
        }
        return instance;
    }
}
