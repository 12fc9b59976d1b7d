using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Hooks.Sdk;
using Hooks.Sdk.Emitting;
using Hooks.Sdk.Http;
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

    /// <summary>
    /// Stores the tasks as they are read and announces them, in one transaction; returns how many. A row that breaks a
    /// rule, more than <paramref name="maxTasks"/> rows or none at all throw <see cref="ImportRefusedException"/>, and
    /// the transaction rolls back: nothing is stored. Only one chunk of rows is ever held, and the new tasks' ids only
    /// when <paramref name="ids"/> collects them.
    /// </summary>
    public async Task<int> ImportAsync(
        long organizationId, long projectId, IAsyncEnumerable<JsonObject> rows, int maxTasks, List<long>? ids, CancellationToken cancellationToken)
    {
        DateTime now = timeProvider.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var chunk = new List<TaskItem>(_chunk);
        int count = 0;
        await foreach (JsonObject data in rows.WithCancellation(cancellationToken))
        {
            if (++count > maxTasks)
            {
                throw new ImportRefusedException(TooManyTasks(maxTasks), StatusCodes.Status413PayloadTooLarge);
            }
            chunk.Add(new TaskItem { ProjectId = projectId, Data = data, CreatedAt = now, UpdatedAt = now });
            if (chunk.Count == _chunk)
            {
                await SaveAsync(organizationId, chunk, ids, cancellationToken);
            }
        }
        await SaveAsync(organizationId, chunk, ids, cancellationToken);
        if (count == 0)
        {
            throw new ImportRefusedException("No tasks found in the import.");
        }
        await transaction.CommitAsync(cancellationToken);
        return count;
    }

    private async Task SaveAsync(long organizationId, List<TaskItem> chunk, List<long>? ids, CancellationToken cancellationToken)
    {
        if (chunk.Count == 0)
        {
            return;
        }
        db.Tasks.AddRange(chunk);
        await db.SaveChangesAsync(cancellationToken);
        ids?.AddRange(chunk.Select(task => task.Id));
        await LabelStudioActions.EmitTasksCreatedAsync(emitter, organizationId, chunk, cancellationToken);
        db.ChangeTracker.Clear();
        chunk.Clear();
    }

    /// <summary>Tasks from uploaded files: <c>.json</c> as for a JSON body, <c>.csv</c> with a header row of data keys.</summary>
    public static async IAsyncEnumerable<JsonObject> ReadFilesAsync(IReadOnlyList<IFormFile> files, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (files.Count == 0)
        {
            throw new ImportRefusedException("No file was uploaded.");
        }
        foreach (IFormFile file in files)
        {
            await using Stream stream = file.OpenReadStream();
            IAsyncEnumerable<JsonObject> rows;
            try
            {
                rows = Path.GetExtension(file.FileName).ToLowerInvariant() switch
                {
                    ".json" => ReadJsonAsync(stream, cancellationToken),
                    ".csv" => ReadCsv(stream).ToAsyncEnumerable(),
                    var extension => throw new ImportRefusedException($"Files of type '{extension}' cannot be imported; use .json or .csv."),
                };
            }
            catch (ImportRefusedException refused)
            {
                throw new ImportRefusedException($"{file.FileName}: {refused.Message}", refused.StatusCode);
            }
            await using IAsyncEnumerator<JsonObject> each = rows.GetAsyncEnumerator(cancellationToken);
            while (true)
            {
                try
                {
                    if (!await each.MoveNextAsync())
                    {
                        break;
                    }
                }
                catch (ImportRefusedException refused)
                {
                    throw new ImportRefusedException($"{file.FileName}: {refused.Message}", refused.StatusCode);
                }
                yield return each.Current;
            }
        }
    }

    /// <summary>
    /// Tasks from JSON: an array (or one object) of <c>{"data": {...}}</c> or bare data objects, read one task at a time
    /// (an array is never held whole), each under the API's <see cref="JsonInputRules"/>; a breach throws
    /// <see cref="ImportRefusedException"/>. The stream must be seekable: its first byte says array or object.
    /// </summary>
    public static async IAsyncEnumerable<JsonObject> ReadJsonAsync(Stream stream, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        if (await FirstByteAsync(stream, cancellationToken) != '[')
        {
            JsonElement single = await ParseAsync(() => ParseSingleAsync(stream, cancellationToken));
            yield return Row(single) ?? throw new ImportRefusedException(Problem(single));
            yield break;
        }
        await using IAsyncEnumerator<JsonElement> items = JsonSerializer.DeserializeAsyncEnumerable<JsonElement>(stream, ImportJson, cancellationToken).GetAsyncEnumerator(cancellationToken);
        while (await ParseAsync(async () => await items.MoveNextAsync()))
        {
            yield return Row(items.Current) ?? throw new ImportRefusedException(Problem(items.Current));
        }
    }

    private static async Task<JsonElement> ParseSingleAsync(Stream stream, CancellationToken cancellationToken)
    {
        using JsonDocument single = await JsonDocument.ParseAsync(stream, JsonInputRules.DocumentOptions, cancellationToken);
        return single.RootElement.Clone();
    }

    /// <summary>Runs a step of the parser, turning its failures into the import's 400.</summary>
    private static async Task<T> ParseAsync<T>(Func<Task<T>> step)
    {
        try
        {
            return await step();
        }
        catch (JsonException exception)
        {
            throw new ImportRefusedException("JSON parse error - " + exception.Message);
        }
        catch (InvalidOperationException)
        {
            // Unescaping a key to check it is unique fails on an unpaired surrogate.
            throw new ImportRefusedException("JSON parse error - A JSON string contains an unpaired UTF-16 surrogate (such as \\ud800).");
        }
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

    private static List<JsonObject> ReadCsv(Stream stream)
    {
        using var parser = new TextFieldParser(stream) { Delimiters = [","], HasFieldsEnclosedInQuotes = true, TrimWhiteSpace = false };
        string[]? header = parser.ReadFields();
        if (header is null || header.Any(string.IsNullOrWhiteSpace) || header.Distinct().Count() != header.Length)
        {
            throw new ImportRefusedException("The first row must name every column, each once.");
        }
        var rows = new List<JsonObject>();
        try
        {
            while (parser.ReadFields() is { } fields)
            {
                if (fields.Length != header.Length)
                {
                    throw new ImportRefusedException($"Line {parser.LineNumber - 1} has {fields.Length} values for {header.Length} columns.");
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
            throw new ImportRefusedException("Malformed CSV: " + exception.Message);
        }
        return rows;
    }
}

/// <summary>An import refused before anything of it was stored: a 400 naming the problem, or a 413 for its size.</summary>
public sealed class ImportRefusedException(string message, int statusCode = StatusCodes.Status400BadRequest) : Exception(message)
{
    public int StatusCode { get; } = statusCode;
}
