using LabelStudio.Sample.Data;
using LabelStudio.Sample.Domain;
using Microsoft.EntityFrameworkCore;

namespace LabelStudio.Sample.Projects;

/// <summary>Counts Label Studio's eight project counters from the stored rows, at the time they are read.</summary>
public sealed class ProjectStatistics(SampleDbContext db)
{
    /// <summary>The counters in one query: every webhook payload that names a project carries them.</summary>
    public async Task<ProjectCounters> CountAsync(long projectId, CancellationToken cancellationToken)
    {
        IQueryable<TaskItem> tasks = db.Tasks.Where(task => task.ProjectId == projectId);
        IQueryable<Annotation> annotations = db.Annotations.Where(annotation => annotation.ProjectId == projectId);
        IQueryable<Annotation> useful = annotations.Where(annotation => !annotation.WasCancelled && !annotation.GroundTruth && annotation.Result != null);
        return await db.Projects.Where(project => project.Id == projectId)
            .Select(project => new ProjectCounters(
                tasks.Count(),
                tasks.Count(task => task.IsLabeled),
                db.Predictions.Count(prediction => prediction.ProjectId == projectId),
                annotations.Count(annotation => !annotation.WasCancelled),
                useful.Select(annotation => annotation.TaskId).Distinct().Count(),
                useful.Count(),
                annotations.Count(annotation => annotation.GroundTruth),
                annotations.Count(annotation => annotation.WasCancelled)))
            .FirstOrDefaultAsync(cancellationToken) ?? new ProjectCounters(0, 0, 0, 0, 0, 0, 0, 0);
    }

    public async Task<Project> WithCountersAsync(Project project, CancellationToken cancellationToken)
    {
        project.Counters = await CountAsync(project.Id, cancellationToken);
        return project;
    }
}
