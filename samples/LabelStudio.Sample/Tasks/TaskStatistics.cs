using LabelStudio.Sample.Data;
using LabelStudio.Sample.Domain;
using Microsoft.EntityFrameworkCore;

namespace LabelStudio.Sample.Tasks;

/// <summary>Counts Label Studio's task counters (<see cref="TaskCounters"/>) from the stored rows, at the time they are read.</summary>
public sealed class TaskStatistics(SampleDbContext db)
{
    /// <summary>Sets the counters of <paramref name="tasks"/>, in two grouped queries whatever their number.</summary>
    public async Task WithCountersAsync(IReadOnlyCollection<TaskItem> tasks, CancellationToken cancellationToken)
    {
        if (tasks.Count == 0)
        {
            return;
        }
        long[] ids = [.. tasks.Select(task => task.Id).Distinct()];
        var annotations = await db.Annotations.Where(annotation => ids.Contains(annotation.TaskId))
            .GroupBy(annotation => annotation.TaskId)
            .Select(group => new { Task = group.Key, Total = group.Count(annotation => !annotation.WasCancelled), Cancelled = group.Count(annotation => annotation.WasCancelled) })
            .ToDictionaryAsync(counts => counts.Task, cancellationToken);
        Dictionary<long, int> predictions = await db.Predictions.Where(prediction => ids.Contains(prediction.TaskId))
            .GroupBy(prediction => prediction.TaskId)
            .Select(group => new { Task = group.Key, Count = group.Count() })
            .ToDictionaryAsync(counts => counts.Task, counts => counts.Count, cancellationToken);
        foreach (TaskItem task in tasks)
        {
            var counted = annotations.GetValueOrDefault(task.Id);
            task.Counters = new TaskCounters(counted?.Total ?? 0, counted?.Cancelled ?? 0, predictions.GetValueOrDefault(task.Id));
        }
    }
}
