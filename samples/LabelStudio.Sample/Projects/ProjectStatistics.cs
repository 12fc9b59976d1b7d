using LabelStudio.Sample.Data;
using LabelStudio.Sample.Domain;
using Microsoft.EntityFrameworkCore;

namespace LabelStudio.Sample.Projects;

/// <summary>Counts Label Studio's eight project counters from the stored rows, at the time they are read.</summary>
public sealed class ProjectStatistics(SampleDbContext db)
{
    public async Task<ProjectCounters> CountAsync(long projectId, CancellationToken cancellationToken)
    {
        IQueryable<TaskItem> tasks = db.Tasks.Where(task => task.ProjectId == projectId);
        IQueryable<Annotation> annotations = db.Annotations.Where(annotation => annotation.ProjectId == projectId);
        IQueryable<Annotation> useful = annotations.Where(annotation => !annotation.WasCancelled && !annotation.GroundTruth && annotation.Result != null);
        return new ProjectCounters(
            TaskNumber: await tasks.CountAsync(cancellationToken),
            FinishedTaskNumber: await tasks.CountAsync(task => task.IsLabeled, cancellationToken),
            TotalPredictionsNumber: await db.Predictions.CountAsync(prediction => prediction.ProjectId == projectId, cancellationToken),
            TotalAnnotationsNumber: await annotations.CountAsync(annotation => !annotation.WasCancelled, cancellationToken),
            NumTasksWithAnnotations: await useful.Select(annotation => annotation.TaskId).Distinct().CountAsync(cancellationToken),
            UsefulAnnotationNumber: await useful.CountAsync(cancellationToken),
            GroundTruthNumber: await annotations.CountAsync(annotation => annotation.GroundTruth, cancellationToken),
            SkippedAnnotationsNumber: await annotations.CountAsync(annotation => annotation.WasCancelled, cancellationToken));
    }

    public async Task<Project> WithCountersAsync(Project project, CancellationToken cancellationToken)
    {
        project.Counters = await CountAsync(project.Id, cancellationToken);
        return project;
    }
}
