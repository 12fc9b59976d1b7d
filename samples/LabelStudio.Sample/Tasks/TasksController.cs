using System.Text.Json.Nodes;
using Hooks.Sdk.Emitting;
using Hooks.Sdk.Filters;
using Hooks.Sdk.Http;
using LabelStudio.Sample.Data;
using LabelStudio.Sample.Domain;
using LabelStudio.Sample.Hosting;
using LabelStudio.Sample.Webhooks;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace LabelStudio.Sample.Tasks;

/// <summary>
/// Tasks: single creates and deletes emit through the SDK's filters; deleting all tasks of a project emits through
/// the typed helper, as Label Studio does, to organization-level webhooks only and without a project.
/// </summary>
[Route("api")]
public sealed class TasksController(SampleDbContext db, IWebhookEmitter emitter, TaskStatistics statistics, TimeProvider timeProvider) : SampleControllerBase(db)
{
    [HttpPost("tasks")]
    [ApiWebhook(LabelStudioActions.TasksCreated)]
    public async Task<IActionResult> Create(TaskInput input)
    {
        if (input.Project is not { } projectId)
        {
            return FieldError("project", "This field is required.");
        }
        if (!await OwnsProjectAsync(projectId))
        {
            return UnknownReference("project", projectId);
        }
        return await CreateInAsync(projectId, input);
    }

    [HttpPost("projects/{id:long}/tasks")]
    [ApiWebhook(LabelStudioActions.TasksCreated)]
    public async Task<IActionResult> CreateInProject(long id, TaskInput input) =>
        await OwnsProjectAsync(id) ? await CreateInAsync(id, input) : NotFoundError("Project");

    /// <summary>Label Studio's page size for tasks, and the most a page holds here.</summary>
    private const int PageSize = 100;
    private const int MaxPageSize = 1_000;

    [HttpGet("tasks")]
    public async Task<IActionResult> List([FromQuery] long? project)
    {
        if (PageRequest.Read(Request.Query, PageSize, MaxPageSize) is not { } page)
        {
            return NotFound(ApiError.NotFound(PageRequest.InvalidPage));
        }
        if (project is { } projectId && !await OwnsProjectAsync(projectId))
        {
            return UnknownReference("project", projectId);
        }
        IQueryable<TaskItem> listed = OwnTasks.AsNoTracking().Where(task => project == null || task.ProjectId == project);
        int total = await listed.CountAsync();
        if (page.IsPastEnd(total))
        {
            return NotFound(ApiError.NotFound(PageRequest.InvalidPage));
        }
        IQueryable<long> ids = listed.Select(task => task.Id);
        int annotations = await Db.Annotations.CountAsync(annotation => ids.Contains(annotation.TaskId) && !annotation.WasCancelled);
        int predictions = await Db.Predictions.CountAsync(prediction => ids.Contains(prediction.TaskId));
        List<TaskItem> tasks = await listed.OrderBy(task => task.Id).Skip((int)page.Skip).Take(page.Size).ToListAsync();
        await statistics.WithCountersAsync(tasks, HttpContext.RequestAborted);
        return Ok(new TaskList(annotations, predictions, total, tasks));
    }

    [HttpGet("tasks/{id:long}")]
    public async Task<IActionResult> Get(long id)
    {
        if (await OwnTasks.AsNoTracking().FirstOrDefaultAsync(task => task.Id == id) is not { } task)
        {
            return NotFoundError("Task");
        }
        await statistics.WithCountersAsync([task], HttpContext.RequestAborted);
        return Ok(task);
    }

    [HttpPatch("tasks/{id:long}")]
    public async Task<IActionResult> Update(long id, TaskInput input)
    {
        if (await OwnTasks.FirstOrDefaultAsync(task => task.Id == id) is not { } task)
        {
            return NotFoundError("Task");
        }
        task.Data = input.Data ?? task.Data;
        task.Meta = input.Meta ?? task.Meta;
        task.UpdatedAt = timeProvider.GetUtcNow().UtcDateTime;
        task.UpdatedBy = UserId;
        await Db.SaveChangesAsync();
        await statistics.WithCountersAsync([task], HttpContext.RequestAborted);
        return Ok(task);
    }

    [HttpDelete("tasks/{id:long}")]
    [ApiWebhookForDelete(LabelStudioActions.TasksDeleted)]
    public async Task<IActionResult> Delete(long id) =>
        await OwnTasks.Where(task => task.Id == id).ExecuteDeleteAsync() == 0 ? NotFoundError("Task") : NoContent();

    [HttpDelete("projects/{id:long}/tasks")]
    public async Task<IActionResult> DeleteAll(long id)
    {
        if (!await OwnsProjectAsync(id))
        {
            return NotFoundError("Project");
        }
        CancellationToken cancellationToken = HttpContext.RequestAborted;
        await using var transaction = await Db.Database.BeginTransactionAsync(cancellationToken);
        List<long> ids = await Db.Tasks.Where(task => task.ProjectId == id).Select(task => task.Id).ToListAsync(cancellationToken);
        await Db.Tasks.Where(task => task.ProjectId == id).ExecuteDeleteAsync(cancellationToken);
        // Label Studio emits this one with no project: only organization-level webhooks get it, and no "project" key.
        await LabelStudioActions.EmitTasksDeletedAsync(emitter, OrganizationId, projectId: null, ids, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return NoContent();
    }

    private async Task<IActionResult> CreateInAsync(long projectId, TaskInput input)
    {
        if (input.Data is null)
        {
            return FieldError("data", "This field is required.");
        }
        DateTime now = timeProvider.GetUtcNow().UtcDateTime;
        var task = new TaskItem { ProjectId = projectId, Data = input.Data, Meta = input.Meta ?? [], CreatedAt = now, UpdatedAt = now };
        Db.Tasks.Add(task);
        await Db.SaveChangesAsync();
        return CreatedAtAction(nameof(Get), new { id = task.Id }, task);
    }
}

/// <summary>A task to create or change; <c>project</c> is read only by <c>POST /api/tasks/</c>.</summary>
public sealed record TaskInput(long? Project, JsonObject? Data, JsonObject? Meta);

/// <summary>Label Studio's task list shape.</summary>
public sealed record TaskList(int TotalAnnotations, int TotalPredictions, int Total, IReadOnlyList<TaskItem> Tasks);
