using System.Text.Json.Serialization;
using Hooks.Sdk.Catalogue;

public sealed class Todo
{
    public long Id { get; set; }
    public required string Title { get; set; }
    public bool Done { get; set; }
}

public sealed record TodoInput(string Title);

[WebhookActions(JsonContext = typeof(TodoJsonContext))]
public static partial class TodoActions
{
    [WebhookAction("Todo created", Key = "todo", Model = typeof(Todo))]
    public const string TodoCreated = "TODO_CREATED";

    [WebhookAction("Todo deleted", Key = "todo", Model = typeof(Todo), OnlyIds = true)]
    public const string TodoDeleted = "TODO_DELETED";
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(Todo))]
public sealed partial class TodoJsonContext : JsonSerializerContext;
