using Hooks.Sdk.Emitting;
using LabelStudio.Sample.Data;
using LabelStudio.Sample.Domain;
using LabelStudio.Sample.Projects;
using LabelStudio.Sample.Webhooks;
using Microsoft.EntityFrameworkCore;

namespace LabelStudio.Sample.Labeling;

/// <summary>
/// What follows a change to annotations: tasks' <c>is_labeled</c> (enough finished annotations for their overlap),
/// and the sample's own events, <c>TASK_COMPLETED</c> for a task's first finished annotation and
/// <c>PROJECT_COMPLETED</c> when the last task of a project gets labeled. Take a snapshot before the change, then
/// <see cref="CommitAsync"/> after it.
/// </summary>
public sealed class Labeling(SampleDbContext db, ProjectStatistics statistics, Tasks.TaskStatistics taskStatistics, IWebhookEmitter emitter)
{
    public async Task<LabelingSnapshot> SnapshotAsync(long projectId, IReadOnlyCollection<long> taskIds, CancellationToken cancellationToken)
    {
        HashSet<long> finished = await FinishedAsync(taskIds, cancellationToken);
        ProjectCounters counters = await statistics.CountAsync(projectId, cancellationToken);
        return new LabelingSnapshot(projectId, taskIds, finished, IsComplete(counters));
    }

    public async Task CommitAsync(long organizationId, LabelingSnapshot before, long? annotatedBy, CancellationToken cancellationToken)
    {
        List<TaskItem> tasks = await db.Tasks.Where(task => before.TaskIds.Contains(task.Id)).ToListAsync(cancellationToken);
        Dictionary<long, int> finishedCounts = await db.Annotations
            .Where(annotation => before.TaskIds.Contains(annotation.TaskId) && !annotation.WasCancelled)
            .GroupBy(annotation => annotation.TaskId)
            .ToDictionaryAsync(group => group.Key, group => group.Count(), cancellationToken);
        foreach (TaskItem task in tasks)
        {
            task.IsLabeled = finishedCounts.GetValueOrDefault(task.Id) >= task.Overlap;
            // As Label Studio: a task's updated_by is whoever last annotated it.
            task.UpdatedBy = annotatedBy ?? task.UpdatedBy;
        }
        await db.SaveChangesAsync(cancellationToken);

        List<TaskItem> completed = [.. tasks.Where(task => finishedCounts.ContainsKey(task.Id) && !before.FinishedTaskIds.Contains(task.Id))];
        await taskStatistics.WithCountersAsync(completed, cancellationToken);
        foreach (TaskItem task in completed)
        {
            await SampleActions.EmitTaskCompletedAsync(emitter, organizationId, task, cancellationToken);
        }
        if (!before.ProjectComplete && IsComplete(await statistics.CountAsync(before.ProjectId, cancellationToken))
            && await db.Projects.AsNoTracking().FirstOrDefaultAsync(project => project.Id == before.ProjectId, cancellationToken) is { } project)
        {
            await SampleActions.EmitProjectCompletedAsync(emitter, organizationId, project, cancellationToken);
        }
    }

    private async Task<HashSet<long>> FinishedAsync(IReadOnlyCollection<long> taskIds, CancellationToken cancellationToken) =>
        (await db.Annotations
            .Where(annotation => taskIds.Contains(annotation.TaskId) && !annotation.WasCancelled)
            .Select(annotation => annotation.TaskId)
            .Distinct()
            .ToListAsync(cancellationToken)).ToHashSet();

    private static bool IsComplete(ProjectCounters counters) => counters.TaskNumber > 0 && counters.FinishedTaskNumber == counters.TaskNumber;
}

/// <summary>The state <see cref="Labeling.CommitAsync"/> compares with.</summary>
public sealed record LabelingSnapshot(long ProjectId, IReadOnlyCollection<long> TaskIds, IReadOnlySet<long> FinishedTaskIds, bool ProjectComplete);
