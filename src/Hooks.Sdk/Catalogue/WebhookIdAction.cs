using System.Text.Json;

namespace Hooks.Sdk;

/// <summary>
/// An action whose payload carries only <c>{"id": N}</c> items of <typeparamref name="TModel"/>, captured before the
/// models are deleted (Label Studio's <c>OnlyIDWebhookSerializer</c>).
/// </summary>
/// <typeparam name="TModel">The deleted model; used to capture its id and project before the delete.</typeparam>
/// <typeparam name="TId">The type of the model's <c>Id</c>.</typeparam>
public abstract class WebhookIdAction<TModel, TId> : WebhookActionDescriptor, IWebhookIdAction
    where TModel : class
    where TId : struct
{
    /// <summary>Creates the descriptor.</summary>
    /// <param name="metadata">The declared options.</param>
    protected WebhookIdAction(WebhookActionMetadata metadata) : base(metadata, typeof(TModel))
    {
    }

    /// <summary>The id of <paramref name="instance"/>.</summary>
    /// <param name="instance">The model about to be deleted.</param>
    public abstract TId GetId(TModel instance);

    /// <summary>The id of the project <paramref name="instance"/> belongs to, or <see langword="null"/>.</summary>
    /// <param name="instance">The model about to be deleted.</param>
    public abstract long? GetProjectId(TModel instance);

    /// <summary>
    /// Writes <c>{"action": A, key: {"id": N} or [{"id": N}, ...], "project": ...}</c>; <paramref name="project"/> is
    /// the project object's JSON, or empty to leave <c>"project"</c> out.
    /// </summary>
    /// <param name="writer">The destination.</param>
    /// <param name="ids">The ids of this message.</param>
    /// <param name="project">The project object as UTF-8 JSON, or empty.</param>
    public abstract void WritePayload(Utf8JsonWriter writer, ReadOnlySpan<TId> ids, ReadOnlySpan<byte> project);

    /// <summary>Serializes the payload of <see cref="WritePayload"/> to UTF-8 bytes.</summary>
    /// <param name="ids">The ids of this message.</param>
    /// <param name="project">The project object as UTF-8 JSON, or empty.</param>
    public byte[] SerializePayload(ReadOnlySpan<TId> ids, ReadOnlySpan<byte> project)
    {
        using PayloadWriter lease = PayloadWriter.Rent();
        WritePayload(lease.Writer, ids, project);
        return lease.ToArray();
    }

    internal override WebhookCapture Capture(object instance)
    {
        var model = (TModel)instance;
        return new WebhookCapture.Id<TModel, TId>(this, GetId(model), GetProjectId(model));
    }

    /// <summary>Throws unless a single-model action got exactly one id; called by generated serializers.</summary>
    /// <param name="ids">The ids passed to <see cref="WritePayload"/>.</param>
    protected TId Single(ReadOnlySpan<TId> ids) => ids.Length == 1
        ? ids[0]
        : throw new ArgumentException(
            $"{Action} carries one id, but {ids.Length} were given; emit one message per id.", nameof(ids));
}
