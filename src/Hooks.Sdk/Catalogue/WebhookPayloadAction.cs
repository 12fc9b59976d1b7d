using System.Text.Json;

namespace Hooks.Sdk.Catalogue;

/// <summary>
/// An action whose payload the generator writes from a list of items: models for
/// <see cref="WebhookModelAction{TModel}"/>, ids for <see cref="WebhookIdAction{TModel, TId}"/>.
/// </summary>
/// <typeparam name="TItem">What one payload is written from: a model, or the id of a deleted one.</typeparam>
public abstract class WebhookPayloadAction<TItem> : WebhookActionDescriptor
{
    private readonly string _itemName;

    private protected WebhookPayloadAction(WebhookActionMetadata metadata, Type modelType, string itemName) : base(metadata, modelType)
    {
        _itemName = itemName;
    }

    /// <summary>
    /// Writes the payload, <c>{"action": A, key: ..., "project": ..., nested...}</c> in Label Studio's key order. A
    /// single-item action takes exactly one item; <paramref name="project"/> is the project object's JSON, or empty
    /// to leave <c>"project"</c> out.
    /// </summary>
    /// <param name="writer">The destination.</param>
    /// <param name="items">The items of this message.</param>
    /// <param name="project">The project object as UTF-8 JSON, or empty.</param>
    public abstract void WritePayload(Utf8JsonWriter writer, ReadOnlySpan<TItem> items, ReadOnlySpan<byte> project);

    /// <summary>Serializes the payload of <see cref="WritePayload"/> to UTF-8 bytes.</summary>
    /// <param name="items">The items of this message.</param>
    /// <param name="project">The project object as UTF-8 JSON, or empty.</param>
    public byte[] SerializePayload(ReadOnlySpan<TItem> items, ReadOnlySpan<byte> project)
    {
        using PayloadWriter lease = PayloadWriter.Rent();
        WritePayload(lease.Writer, items, project);
        return lease.ToArray();
    }

    /// <summary>Throws unless a single-item action got exactly one item; called by generated serializers.</summary>
    /// <param name="items">The items passed to <see cref="WritePayload"/>.</param>
    protected TItem Single(ReadOnlySpan<TItem> items) => items.Length == 1
        ? items[0]
        : throw new ArgumentException(
            $"{Action} carries one {_itemName}, but {items.Length} were given; emit one message per {_itemName}.", nameof(items));
}
