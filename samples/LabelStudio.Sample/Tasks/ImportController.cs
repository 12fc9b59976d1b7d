using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using LabelStudio.Sample.Data;
using LabelStudio.Sample.Domain;
using LabelStudio.Sample.Hosting;
using LabelStudio.Sample.Webhooks;
using Hooks.Sdk;
using Microsoft.AspNetCore.Mvc;
using Microsoft.VisualBasic.FileIO;

namespace LabelStudio.Sample.Tasks;

/// <summary>
/// <c>POST /api/projects/{id}/import</c>: a JSON array of tasks (each <c>{"data": {...}}</c> or a bare data object),
/// or multipart files (<c>.json</c>, or <c>.csv</c> whose header row names the data keys). All tasks are stored in one
/// transaction and announced by one <c>TASKS_CREATED</c> (batched by <c>WEBHOOK_BATCH_SIZE</c>).
/// </summary>
[Route("api/projects/{id:long}/import")]
public sealed class ImportController(SampleDbContext db, IWebhookEmitter emitter, TimeProvider timeProvider) : SampleControllerBase(db)
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
        (List<JsonObject>? rows, string? problem) = Request.HasFormContentType
            ? await ReadFilesAsync()
            : Request.HasJsonContentType() ? await ReadJsonAsync(Request.Body) : (null, "Send a JSON array of tasks or multipart files (.json, .csv).");
        if (rows is null)
        {
            return FieldError("non_field_errors", problem!);
        }
        if (rows.Count == 0)
        {
            return FieldError("non_field_errors", "No tasks found in the import.");
        }

        DateTime now = timeProvider.GetUtcNow().UtcDateTime;
        List<TaskItem> tasks = rows.Select(data => new TaskItem { ProjectId = id, Data = data, CreatedAt = now, UpdatedAt = now }).ToList();
        Db.Tasks.AddRange(tasks);
        await Db.SaveChangesAsync();
        await LabelStudioActions.EmitTasksCreatedAsync(emitter, OrganizationId, tasks, HttpContext.RequestAborted);
        return StatusCode(StatusCodes.Status201Created, new ImportResult(tasks.Count, 0, 0, stopwatch.Elapsed.TotalSeconds));
    }

    private async Task<(List<JsonObject>? Rows, string? Problem)> ReadFilesAsync()
    {
        IFormCollection form = await Request.ReadFormAsync(HttpContext.RequestAborted);
        var rows = new List<JsonObject>();
        foreach (IFormFile file in form.Files)
        {
            await using Stream stream = file.OpenReadStream();
            (List<JsonObject>? fileRows, string? problem) = Path.GetExtension(file.FileName).ToLowerInvariant() switch
            {
                ".json" => await ReadJsonAsync(stream),
                ".csv" => ReadCsv(stream),
                var extension => (null, $"Files of type '{extension}' cannot be imported; use .json or .csv."),
            };
            if (fileRows is null)
            {
                return (null, $"{file.FileName}: {problem}");
            }
            rows.AddRange(fileRows);
        }
        return form.Files.Count == 0 ? (null, "No file was uploaded.") : (rows, null);
    }

    private async Task<(List<JsonObject>? Rows, string? Problem)> ReadJsonAsync(Stream stream)
    {
        JsonNode? document;
        try
        {
            document = await JsonNode.ParseAsync(stream, cancellationToken: HttpContext.RequestAborted);
        }
        catch (JsonException exception)
        {
            return (null, "JSON parse error - " + exception.Message);
        }
        IEnumerable<JsonNode?> items = document switch
        {
            JsonArray array => array,
            JsonObject single => [single],
            _ => [null],
        };
        var rows = new List<JsonObject>();
        foreach (JsonNode? item in items)
        {
            if (item is not JsonObject task)
            {
                return (null, "Every task must be a JSON object.");
            }
            JsonNode? data = task.TryGetPropertyValue("data", out JsonNode? nested) ? nested : task;
            if (data is not JsonObject dataObject)
            {
                return (null, "A task's \"data\" must be a JSON object.");
            }
            rows.Add((JsonObject)dataObject.DeepClone());
        }
        return (rows, null);
    }

    private static (List<JsonObject>? Rows, string? Problem) ReadCsv(Stream stream)
    {
        using var parser = new TextFieldParser(stream) { Delimiters = [","], HasFieldsEnclosedInQuotes = true, TrimWhiteSpace = false };
        string[]? header = parser.ReadFields();
        if (header is null || header.Any(string.IsNullOrWhiteSpace) || header.Distinct().Count() != header.Length)
        {
            return (null, "The first row must name every column, each once.");
        }
        var rows = new List<JsonObject>();
        try
        {
            while (parser.ReadFields() is { } fields)
            {
                if (fields.Length != header.Length)
                {
                    return (null, $"Line {parser.LineNumber - 1} has {fields.Length} values for {header.Length} columns.");
                }
                var data = new JsonObject();
                for (int column = 0; column < header.Length; column++)
                {
                    data[header[column]] = fields[column];
                }
                rows.Add(data);
            }
        }
        catch (MalformedLineException exception)
        {
            return (null, "Malformed CSV: " + exception.Message);
        }
        return (rows, null);
    }
}

/// <summary>Label Studio's import answer.</summary>
public sealed record ImportResult(int TaskCount, int AnnotationCount, int PredictionCount, double Duration);
