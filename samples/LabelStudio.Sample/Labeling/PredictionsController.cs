using System.Text.Json.Nodes;
using LabelStudio.Sample.Data;
using LabelStudio.Sample.Domain;
using LabelStudio.Sample.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace LabelStudio.Sample.Labeling;

/// <summary>Predictions; Label Studio sends no webhook for them, and neither does the sample.</summary>
[Route("api/predictions")]
public sealed class PredictionsController(SampleDbContext db, TimeProvider timeProvider) : SampleControllerBase(db)
{
    [HttpPost]
    public async Task<IActionResult> Create(PredictionInput input)
    {
        if (input.Task is not { } taskId)
        {
            return FieldError("task", "This field is required.");
        }
        if (await OwnTasks.AsNoTracking().FirstOrDefaultAsync(task => task.Id == taskId) is not { } task)
        {
            return UnknownReference("task", taskId);
        }
        if (input.Score is < 0 or > 1 || input.Score is double score && !double.IsFinite(score))
        {
            return FieldError("score", "Ensure this value is between 0 and 1.");
        }
        var prediction = new Prediction
        {
            TaskId = task.Id,
            ProjectId = task.ProjectId,
            Result = input.Result ?? [],
            Score = input.Score,
            ModelVersion = input.ModelVersion ?? "",
            CreatedAt = timeProvider.GetUtcNow().UtcDateTime,
        };
        Db.Predictions.Add(prediction);
        await Db.SaveChangesAsync();
        return CreatedAtAction(nameof(Get), new { id = prediction.Id }, prediction);
    }

    /// <summary>
    /// Label Studio's list: every prediction of the caller's organization, or of one task or one project
    /// (<c>task__project</c> is the client's other spelling of <c>project</c>), by id, unpaginated.
    /// </summary>
    [HttpGet]
    public async Task<IActionResult> List([FromQuery] long? task, [FromQuery] long? project, [FromQuery(Name = "task__project")] long? taskProject)
    {
        IQueryable<Prediction> predictions = OwnPredictions;
        if (task is { } taskId)
        {
            predictions = predictions.Where(prediction => prediction.TaskId == taskId);
        }
        if ((project ?? taskProject) is { } projectId)
        {
            predictions = predictions.Where(prediction => prediction.ProjectId == projectId);
        }
        return Ok(await predictions.AsNoTracking().OrderBy(prediction => prediction.Id).ToListAsync(HttpContext.RequestAborted));
    }

    [HttpGet("{id:long}")]
    public async Task<IActionResult> Get(long id) =>
        await OwnPredictions.AsNoTracking().FirstOrDefaultAsync(prediction => prediction.Id == id) is { } prediction ? Ok(prediction) : NotFoundError("Prediction");

    [HttpDelete("{id:long}")]
    public async Task<IActionResult> Delete(long id) =>
        await OwnPredictions.Where(prediction => prediction.Id == id).ExecuteDeleteAsync() == 0 ? NotFoundError("Prediction") : NoContent();

    private IQueryable<Prediction> OwnPredictions => Db.Predictions.Where(prediction => OwnProjects.Any(project => project.Id == prediction.ProjectId));
}

/// <summary>A prediction to store.</summary>
public sealed record PredictionInput(long? Task, JsonArray? Result, double? Score, string? ModelVersion);
