using System.Diagnostics;
using System.Text.Json.Nodes;
using Hooks.Sdk.Http;
using LabelStudio.Sample.Data;
using LabelStudio.Sample.Domain;
using LabelStudio.Sample.Hosting;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;

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
    public async Task<IActionResult> Import(long id, [FromQuery(Name = "return_task_ids")] string? returnTaskIds = null)
    {
        if (!await OwnsProjectAsync(id))
        {
            return NotFoundError("Project");
        }
        var stopwatch = Stopwatch.StartNew();
        CancellationToken cancellationToken = HttpContext.RequestAborted;
        IAsyncEnumerable<JsonObject> rows;
        if (Request.HasFormContentType)
        {
            rows = TaskImporter.ReadFilesAsync((await Request.ReadFormAsync(cancellationToken)).Files, cancellationToken);
        }
        else if (Request.HasJsonContentType())
        {
            // Read whole (to disk past 30 KB) before the import's transaction starts, so a slow upload never holds the
            // database's write lock; then parsed from there one task at a time.
            Request.EnableBuffering(bufferThreshold: 30 * 1024, bufferLimit: RequestSizeLimits.ImportBytes);
            await Request.Body.DrainAsync(cancellationToken);
            Request.Body.Position = 0;
            rows = TaskImporter.ReadJsonAsync(Request.Body, cancellationToken);
        }
        else
        {
            return FieldError("non_field_errors", "Send a JSON array of tasks or multipart files (.json, .csv).");
        }
        // Label Studio's client sends "1", its newer one "true"; Django reads any of these as yes.
        List<long>? ids = returnTaskIds?.ToLowerInvariant() is "1" or "true" or "yes" or "on" ? [] : null;
        int imported;
        try
        {
            imported = await importer.ImportAsync(OrganizationId, id, rows, settings.MaxImportTasks, ids, cancellationToken);
        }
        catch (ImportRefusedException refused)
        {
            return refused.StatusCode == StatusCodes.Status413PayloadTooLarge
                ? StatusCode(refused.StatusCode, new ApiError(refused.StatusCode, refused.Message))
                : FieldError("non_field_errors", refused.Message);
        }
        return StatusCode(StatusCodes.Status201Created, new ImportResult(imported, 0, 0, stopwatch.Elapsed.TotalSeconds) { TaskIds = ids });
    }
}

/// <summary>
/// Label Studio's import answer, in its key order. The sample keeps no uploaded files and does not inspect formats, so
/// <c>file_upload_ids</c>, <c>found_formats</c> and <c>data_columns</c> are empty, as Label Studio's are for a JSON
/// body; <c>task_ids</c> is there when the request asks for it with <c>return_task_ids</c>.
/// </summary>
public sealed record ImportResult(int TaskCount, int AnnotationCount, int PredictionCount, double Duration)
{
    public IReadOnlyList<long> FileUploadIds { get; } = [];

    public bool CouldBeTasksList => false;

    public IReadOnlyList<string> FoundFormats { get; } = [];

    public IReadOnlyList<string> DataColumns { get; } = [];

    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<long>? TaskIds { get; init; }
}
