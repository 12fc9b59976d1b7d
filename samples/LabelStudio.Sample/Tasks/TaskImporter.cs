using System.Text.Json;
using System.Text.Json.Nodes;
using Hooks.Sdk;
using LabelStudio.Sample.Data;
using LabelStudio.Sample.Domain;
using LabelStudio.Sample.Webhooks;
using Microsoft.VisualBasic.FileIO;

namespace LabelStudio.Sample.Tasks;

/// <summary>
/// Imports tasks into a project: parses JSON and CSV, stores every task and announces them with one
/// <c>TASKS_CREATED</c> (batched by <c>WEBHOOK_BATCH_SIZE</c>) in one transaction, so the tasks and their event commit
/// together. Used by the import route and the project page.
/// </summary>
public sealed class TaskImporter(SampleDbContext db, IWebhookEmitter emitter, TimeProvider timeProvider)
{
    public async Task<List<TaskItem>> ImportAsync(long organizationId, long projectId, IReadOnlyList<JsonObject> rows, CancellationToken cancellationToken)
    {
        DateTime now = timeProvider.GetUtcNow().UtcDateTime;
        List<TaskItem> tasks = rows.Select(data => new TaskItem { ProjectId = projectId, Data = data, CreatedAt = now, UpdatedAt = now }).ToList();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.Tasks.AddRange(tasks);
        await db.SaveChangesAsync(cancellationToken);
        await LabelStudioActions.EmitTasksCreatedAsync(emitter, organizationId, tasks, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return tasks;
    }

    /// <summary>Tasks from uploaded files: <c>.json</c> as for a JSON body, <c>.csv</c> with a header row of data keys.</summary>
    public static async Task<(List<JsonObject>? Rows, string? Problem)> ReadFilesAsync(IReadOnlyList<IFormFile> files, CancellationToken cancellationToken)
    {
        var rows = new List<JsonObject>();
        foreach (IFormFile file in files)
        {
            await using Stream stream = file.OpenReadStream();
            (List<JsonObject>? fileRows, string? problem) = Path.GetExtension(file.FileName).ToLowerInvariant() switch
            {
                ".json" => await ReadJsonAsync(stream, cancellationToken),
                ".csv" => ReadCsv(stream),
                var extension => (null, $"Files of type '{extension}' cannot be imported; use .json or .csv."),
            };
            if (fileRows is null)
            {
                return (null, $"{file.FileName}: {problem}");
            }
            rows.AddRange(fileRows);
        }
        return files.Count == 0 ? (null, "No file was uploaded.") : (rows, null);
    }

    /// <summary>Tasks from JSON: an array (or one object) of <c>{"data": {...}}</c> or bare data objects.</summary>
    public static async Task<(List<JsonObject>? Rows, string? Problem)> ReadJsonAsync(Stream stream, CancellationToken cancellationToken)
    {
        JsonNode? document;
        try
        {
            // The API's rules for what can be stored and read back: depth, unique keys, then finite numbers and text.
            using JsonDocument parsed = await JsonDocument.ParseAsync(stream, JsonInputRules.DocumentOptions, cancellationToken);
            if (JsonInputRules.Check(parsed.RootElement) is { } problem)
            {
                return (null, "JSON parse error - " + problem);
            }
            document = JsonNode.Parse(parsed.RootElement.GetRawText());
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
