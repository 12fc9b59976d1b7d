using Hooks.Sdk.Emitting;
using LabelStudio.Sample.Data;
using LabelStudio.Sample.Domain;
using LabelStudio.Sample.Hosting;
using LabelStudio.Sample.Webhooks;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace LabelStudio.Sample.Labeling;

/// <summary>
/// The data manager's bulk actions. Ids are captured before anything is deleted, and each action sends exactly one
/// event (batched by <c>WEBHOOK_BATCH_SIZE</c>) through the typed helpers. Each action runs in one transaction: the
/// helpers write the event's messages in it, so the change and its event commit together or not at all.
/// </summary>
[Route("api/dm/actions")]
public sealed class DataManagerController(SampleDbContext db, IWebhookEmitter emitter, Labeling labeling, Tasks.TaskStatistics taskStatistics, TimeProvider timeProvider) : SampleControllerBase(db)
{
    [HttpPost]
    public async Task<IActionResult> Run([FromQuery] string? id, [FromQuery] long? project, DataManagerRequest request)
    {
        if (project is not { } projectId)
        {
            return FieldError("project", "This field is required.");
        }
        if (!await OwnsProjectAsync(projectId))
        {
            return NotFoundError("Project");
        }
        if (request.SelectedItems is not { } selection)
        {
            return FieldError("selectedItems", "This field is required.");
        }
        IQueryable<TaskItem> selected = Db.Tasks.Where(task => task.ProjectId == projectId);
        selected = selection.All
            ? selected.Where(task => !(selection.Excluded ?? Array.Empty<long>()).Contains(task.Id))
            : selected.Where(task => (selection.Included ?? Array.Empty<long>()).Contains(task.Id));
        CancellationToken cancellationToken = HttpContext.RequestAborted;
        if (id is not ("delete_tasks" or "delete_tasks_annotations" or "predictions_to_annotations"))
        {
            return FieldError("id", $"\"{id}\" is not a known action; use delete_tasks, delete_tasks_annotations or predictions_to_annotations.");
        }
        await using var transaction = await Db.Database.BeginTransactionAsync(cancellationToken);
        List<long> taskIds = await selected.Select(task => task.Id).ToListAsync(cancellationToken);
        DataManagerResult result = await RunAsync(id, projectId, taskIds, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Ok(result);
    }

    private async Task<DataManagerResult> RunAsync(string id, long projectId, List<long> taskIds, CancellationToken cancellationToken)
    {
        switch (id)
        {
            case "delete_tasks":
                await Db.Tasks.Where(task => taskIds.Contains(task.Id)).ExecuteDeleteAsync(cancellationToken);
                await LabelStudioActions.EmitTasksDeletedAsync(emitter, OrganizationId, projectId, taskIds, cancellationToken);
                return new DataManagerResult(taskIds.Count, Reload: true);

            case "delete_tasks_annotations":
            {
                LabelingSnapshot before = await labeling.SnapshotAsync(projectId, taskIds, cancellationToken);
                List<long> annotationIds = await Db.Annotations.Where(annotation => taskIds.Contains(annotation.TaskId)).Select(annotation => annotation.Id).ToListAsync(cancellationToken);
                await Db.Annotations.Where(annotation => annotationIds.Contains(annotation.Id)).ExecuteDeleteAsync(cancellationToken);
                await labeling.CommitAsync(OrganizationId, before, annotatedBy: null, cancellationToken);
                await LabelStudioActions.EmitAnnotationsDeletedAsync(emitter, OrganizationId, projectId, annotationIds, cancellationToken);
                return new DataManagerResult(annotationIds.Count, Reload: false);
            }

            case "predictions_to_annotations":
            {
                LabelingSnapshot before = await labeling.SnapshotAsync(projectId, taskIds, cancellationToken);
                DateTime now = timeProvider.GetUtcNow().UtcDateTime;
                List<Annotation> created = (await Db.Predictions.AsNoTracking()
                        .Where(prediction => taskIds.Contains(prediction.TaskId))
                        .ToListAsync(cancellationToken))
                    .GroupBy(prediction => prediction.TaskId)
                    .Select(predictions => predictions.OrderByDescending(prediction => prediction.Id).First())
                    .Select(prediction => new Annotation
                    {
                        TaskId = prediction.TaskId,
                        ProjectId = projectId,
                        Result = (System.Text.Json.Nodes.JsonArray)prediction.Result.DeepClone(),
                        ResultCount = prediction.Result.Count,
                        CompletedBy = UserId,
                        ParentPrediction = prediction.Id,
                        CreatedAt = now,
                        UpdatedAt = now,
                    })
                    .ToList();
                Db.Annotations.AddRange(created);
                await Db.SaveChangesAsync(cancellationToken);
                await labeling.CommitAsync(OrganizationId, before, annotatedBy: UserId, cancellationToken);
                Dictionary<long, TaskItem> tasks = await Db.Tasks.AsNoTracking().Where(task => taskIds.Contains(task.Id)).ToDictionaryAsync(task => task.Id, cancellationToken);
                await taskStatistics.WithCountersAsync(tasks.Values, cancellationToken);
                created.ForEach(annotation => annotation.Task = tasks[annotation.TaskId]);
                await LabelStudioActions.EmitAnnotationsCreatedAsync(emitter, OrganizationId, created, cancellationToken);
                return new DataManagerResult(created.Count, Reload: true);
            }

            default:
                throw new ArgumentOutOfRangeException(nameof(id), id, "Not a data manager action.");
        }
    }
}

/// <summary>The data manager's selection: everything but <c>excluded</c>, or only <c>included</c>.</summary>
public sealed record DataManagerRequest([property: System.Text.Json.Serialization.JsonPropertyName("selectedItems")] DataManagerSelection? SelectedItems);

public sealed record DataManagerSelection(bool All, long[]? Included, long[]? Excluded);

public sealed record DataManagerResult(int ProcessedItems, bool Reload);
