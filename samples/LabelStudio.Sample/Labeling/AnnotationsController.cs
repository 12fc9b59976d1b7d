using System.Text.Json.Nodes;
using Hooks.Sdk.Filters;
using LabelStudio.Sample.Data;
using LabelStudio.Sample.Domain;
using LabelStudio.Sample.Hosting;
using LabelStudio.Sample.Webhooks;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace LabelStudio.Sample.Labeling;

/// <summary>Annotations; <c>ANNOTATION_*</c> go out through the SDK's filters, with the task nested.</summary>
[Route("api")]
public sealed class AnnotationsController(SampleDbContext db, Labeling labeling, TimeProvider timeProvider) : SampleControllerBase(db)
{
    [HttpPost("tasks/{id:long}/annotations")]
    [ApiWebhook(LabelStudioActions.AnnotationCreated)]
    public async Task<IActionResult> Create(long id, AnnotationInput input)
    {
        if (await OwnTasks.AsNoTracking().FirstOrDefaultAsync(task => task.Id == id) is not { } task)
        {
            return NotFoundError("Task");
        }
        LabelingSnapshot before = await labeling.SnapshotAsync(task.ProjectId, [task.Id], HttpContext.RequestAborted);
        DateTime now = timeProvider.GetUtcNow().UtcDateTime;
        var annotation = new Annotation { TaskId = task.Id, ProjectId = task.ProjectId, CompletedBy = UserId, UpdatedBy = UserId, CreatedAt = now };
        Apply(annotation, input, now);
        Db.Annotations.Add(annotation);
        await Db.SaveChangesAsync();
        await labeling.CommitAsync(OrganizationId, before, annotatedBy: UserId, HttpContext.RequestAborted);
        return CreatedAtAction(nameof(Get), new { id = annotation.Id }, annotation);
    }

    [HttpGet("tasks/{id:long}/annotations")]
    public async Task<IActionResult> ListForTask(long id) =>
        await OwnTasks.AnyAsync(task => task.Id == id)
            ? Ok(await Db.Annotations.AsNoTracking().Where(annotation => annotation.TaskId == id).OrderBy(annotation => annotation.Id).ToListAsync())
            : NotFoundError("Task");

    [HttpGet("annotations/{id:long}")]
    public async Task<IActionResult> Get(long id) =>
        await OwnAnnotations.AsNoTracking().FirstOrDefaultAsync(annotation => annotation.Id == id) is { } annotation ? Ok(annotation) : NotFoundError("Annotation");

    [HttpPut("annotations/{id:long}")]
    [HttpPatch("annotations/{id:long}")]
    [ApiWebhook(LabelStudioActions.AnnotationUpdated)]
    public async Task<IActionResult> Update(long id, AnnotationInput input)
    {
        if (await OwnAnnotations.FirstOrDefaultAsync(annotation => annotation.Id == id) is not { } annotation)
        {
            return NotFoundError("Annotation");
        }
        LabelingSnapshot before = await labeling.SnapshotAsync(annotation.ProjectId, [annotation.TaskId], HttpContext.RequestAborted);
        Apply(annotation, input, timeProvider.GetUtcNow().UtcDateTime);
        annotation.UpdatedBy = UserId;
        await Db.SaveChangesAsync();
        await labeling.CommitAsync(OrganizationId, before, annotatedBy: UserId, HttpContext.RequestAborted);
        return Ok(annotation);
    }

    [HttpDelete("annotations/{id:long}")]
    [ApiWebhookForDelete(LabelStudioActions.AnnotationsDeleted)]
    public async Task<IActionResult> Delete(long id)
    {
        if (await OwnAnnotations.AsNoTracking().FirstOrDefaultAsync(annotation => annotation.Id == id) is not { } annotation)
        {
            return NotFoundError("Annotation");
        }
        LabelingSnapshot before = await labeling.SnapshotAsync(annotation.ProjectId, [annotation.TaskId], HttpContext.RequestAborted);
        await Db.Annotations.Where(candidate => candidate.Id == id).ExecuteDeleteAsync();
        await labeling.CommitAsync(OrganizationId, before, annotatedBy: null, HttpContext.RequestAborted);
        return NoContent();
    }

    private static void Apply(Annotation annotation, AnnotationInput input, DateTime now)
    {
        annotation.Result = input.Result ?? annotation.Result;
        annotation.ResultCount = annotation.Result?.Count ?? 0;
        annotation.WasCancelled = input.WasCancelled ?? annotation.WasCancelled;
        annotation.GroundTruth = input.GroundTruth ?? annotation.GroundTruth;
        annotation.LeadTime = input.LeadTime ?? annotation.LeadTime;
        annotation.UpdatedAt = now;
    }
}

/// <summary>The writable annotation fields; a field left out is left unchanged on update.</summary>
public sealed record AnnotationInput(JsonArray? Result, bool? WasCancelled, bool? GroundTruth, double? LeadTime);
