using System.Diagnostics;
using System.Text.Json.Nodes;
using LabelStudio.Sample.Data;
using LabelStudio.Sample.Domain;
using LabelStudio.Sample.Hosting;
using Microsoft.AspNetCore.Mvc;

namespace LabelStudio.Sample.Tasks;

/// <summary>
/// <c>POST /api/projects/{id}/import</c>: a JSON array of tasks, or multipart <c>.json</c> / <c>.csv</c> files; see
/// <see cref="TaskImporter"/>.
/// </summary>
[Route("api/projects/{id:long}/import")]
public sealed class ImportController(SampleDbContext db, TaskImporter importer, LabelStudioSettings settings) : SampleControllerBase(db)
{
    [HttpPost]
    [RequestSizeLimit(RequestSizeLimits.ImportBytes)]
    [RequestFormLimits(MultipartBodyLengthLimit = RequestSizeLimits.ImportBytes)]
    public async Task<IActionResult> Import(long id)
    {
        if (!await OwnsProjectAsync(id))
        {
            return NotFoundError("Project not found.");
        }
        var stopwatch = Stopwatch.StartNew();
        CancellationToken cancellationToken = HttpContext.RequestAborted;
        // Buffered (to disk past 30 KB) so that the reader can look at the first byte before it streams the tasks.
        Request.EnableBuffering(bufferThreshold: 30 * 1024, bufferLimit: RequestSizeLimits.ImportBytes);
        (List<JsonObject>? rows, string? problem) = Request.HasFormContentType
            ? await TaskImporter.ReadFilesAsync((await Request.ReadFormAsync(cancellationToken)).Files, settings.MaxImportTasks, cancellationToken)
            : Request.HasJsonContentType() ? await TaskImporter.ReadJsonAsync(Request.Body, settings.MaxImportTasks, cancellationToken) : (null, "Send a JSON array of tasks or multipart files (.json, .csv).");
        if (rows is null)
        {
            return problem == TaskImporter.TooManyTasks(settings.MaxImportTasks)
                ? StatusCode(StatusCodes.Status413PayloadTooLarge, new Hooks.Sdk.ApiError(StatusCodes.Status413PayloadTooLarge, problem))
                : FieldError("non_field_errors", problem!);
        }
        if (rows.Count == 0)
        {
            return FieldError("non_field_errors", "No tasks found in the import.");
        }

        int imported = await importer.ImportAsync(OrganizationId, id, rows, cancellationToken);
        return StatusCode(StatusCodes.Status201Created, new ImportResult(imported, 0, 0, stopwatch.Elapsed.TotalSeconds));
    }
}

/// <summary>Label Studio's import answer.</summary>
public sealed record ImportResult(int TaskCount, int AnnotationCount, int PredictionCount, double Duration);
