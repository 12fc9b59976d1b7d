using System.Text.Json;
using System.Text.Json.Nodes;
using Hooks.Sdk;
using LabelStudio.Sample.Data;
using LabelStudio.Sample.Domain;
using LabelStudio.Sample.Webhooks;
using Microsoft.Extensions.Options;
using Microsoft.VisualBasic.FileIO;

namespace LabelStudio.Sample.Tasks;

/// <summary>
/// Imports tasks into a project: parses JSON and CSV, stores every task and announces them with one
/// <c>TASKS_CREATED</c> (batched by <c>WEBHOOK_BATCH_SIZE</c>) in one transaction, so the tasks and their event commit
/// together. Used by the import route and the project page.
/// </summary>
public sealed class TaskImporter(SampleDbContext db, IWebhookEmitter emitter, IOptions<WebhookOptions> options, TimeProvider timeProvider)
{
    /// <summary>Why an import is refused for its size (<paramref name="max"/>: <c>TASKS_MAX_NUMBER</c>); a 413.</summary>
    public static string TooManyTasks(int max) => $"An import takes at most {max} tasks; split it into several requests.";

    // Saved and announced this many at a time, the change tracker cleared between: memory stays bounded by one chunk
    // whatever the import's size, and the messages are the same as one emit of them all (split by the same size).
    private readonly int _chunk = Math.Max(1, options.Value.BatchSize);

    /// <summary>Stores the tasks and announces them, in one transaction; returns how many.</summary>
    public async Task<int> ImportAsync(long organizationId, long projectId, IReadOnlyList<JsonObject> rows, CancellationToken cancellationToken)
    {
        DateTime now = timeProvider.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        foreach (JsonObject[] chunk in rows.Chunk(_chunk))
        {
            List<TaskItem> tasks = chunk.Select(data => new TaskItem { ProjectId = projectId, Data = data, CreatedAt = now, UpdatedAt = now }).ToList();
            db.Tasks.AddRange(tasks);
            await db.SaveChangesAsync(cancellationToken);
            await LabelStudioActions.EmitTasksCreatedAsync(emitter, organizationId, tasks, cancellationToken);
            db.ChangeTracker.Clear();
        }
        await transaction.CommitAsync(cancellationToken);
        return rows.Count;
    }

    /// <summary>Tasks from uploaded files: <c>.json</c> as for a JSON body, <c>.csv</c> with a header row of data keys.</summary>
    public static async Task<(List<JsonObject>? Rows, string? Problem)> ReadFilesAsync(IReadOnlyList<IFormFile> files, int maxTasks, CancellationToken cancellationToken)
    {
        var rows = new List<JsonObject>();
        foreach (IFormFile file in files)
        {
            await using Stream stream = file.OpenReadStream();
            (List<JsonObject>? fileRows, string? problem) = Path.GetExtension(file.FileName).ToLowerInvariant() switch
            {
                ".json" => await ReadJsonAsync(stream, maxTasks - rows.Count, cancellationToken),
                ".csv" => ReadCsv(stream),
                var extension => (null, $"Files of type '{extension}' cannot be imported; use .json or .csv."),
            };
            if (fileRows is null && problem == TooManyTasks(maxTasks - rows.Count))
            {
                // Counted over all the files, not this one's share.
                return (null, TooManyTasks(maxTasks));
            }
            if (fileRows is null)
            {
                return (null, $"{file.FileName}: {problem}");
            }
            rows.AddRange(fileRows);
            if (rows.Count > maxTasks)
            {
                return (null, TooManyTasks(maxTasks));
            }
        }
        return files.Count == 0 ? (null, "No file was uploaded.") : (rows, null);
    }

    /// <summary>
    /// Tasks from JSON: an array (or one object) of <c>{"data": {...}}</c> or bare data objects, read one task at a time
    /// (an array is never held whole), at most <paramref name="maxTasks"/>, each under the API's <see cref="JsonInputRules"/>.
    /// The stream must be seekable: its first byte says array or object.
    /// </summary>
    public static async Task<(List<JsonObject>? Rows, string? Problem)> ReadJsonAsync(Stream stream, int maxTasks, CancellationToken cancellationToken)
    {
        var rows = new List<JsonObject>();
        try
        {
            if (await FirstByteAsync(stream, cancellationToken) == '[')
            {
                await foreach (JsonElement item in JsonSerializer.DeserializeAsyncEnumerable<JsonElement>(stream, ImportJson, cancellationToken))
                {
                    if (rows.Count == maxTasks)
                    {
                        return (null, TooManyTasks(maxTasks));
                    }
                    if (Row(item) is not { } row)
                    {
                        return (null, Problem(item));
                    }
                    rows.Add(row);
                }
            }
            else
            {
                using JsonDocument single = await JsonDocument.ParseAsync(stream, JsonInputRules.DocumentOptions, cancellationToken);
                if (Row(single.RootElement) is not { } row)
                {
                    return (null, Problem(single.RootElement));
                }
                rows.Add(row);
            }
        }
        catch (JsonException exception)
        {
            return (null, "JSON parse error - " + exception.Message);
        }
        catch (InvalidOperationException)
        {
            // Unescaping a key to check it is unique fails on an unpaired surrogate.
            return (null, "JSON parse error - A JSON string contains an unpaired UTF-16 surrogate (such as \\ud800).");
        }
        return (rows, null);
    }

    private static readonly JsonSerializerOptions ImportJson = new() { MaxDepth = JsonInputRules.MaxDepth, AllowDuplicateProperties = false };

    /// <summary>A task's data, detached from the parsed text, or <see langword="null"/> when the item breaks a rule.</summary>
    private static JsonObject? Row(JsonElement item)
    {
        if (item.ValueKind != JsonValueKind.Object || JsonInputRules.Check(item) is not null)
        {
            return null;
        }
        JsonElement data = item.TryGetProperty("data", out JsonElement nested) ? nested : item;
        return data.ValueKind == JsonValueKind.Object ? JsonObject.Create(data.Clone()) : null;
    }

    private static string Problem(JsonElement item) =>
        item.ValueKind != JsonValueKind.Object ? "Every task must be a JSON object."
        : JsonInputRules.Check(item) is { } problem ? "JSON parse error - " + problem
        : "A task's \"data\" must be a JSON object.";

    /// <summary>The first byte that is not white space, the stream rewound to where it was.</summary>
    private static async Task<int> FirstByteAsync(Stream stream, CancellationToken cancellationToken)
    {
        long start = stream.Position;
        byte[] one = new byte[1];
        int first = -1;
        while (await stream.ReadAsync(one, cancellationToken) == 1)
        {
            if (one[0] is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n' or 0xEF or 0xBB or 0xBF))
            {
                first = one[0];
                break;
            }
        }
        stream.Position = start;
        return first;
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
