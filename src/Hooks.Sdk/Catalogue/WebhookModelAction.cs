using System.Text.Json;

namespace Hooks.Sdk;

/// <summary>
/// An action whose payload carries <typeparamref name="TModel"/> objects. The generator implements it for each
/// declared action with a model, with a reflection-free project accessor and a <see cref="Utf8JsonWriter"/>
/// serializer that writes Label Studio's key order.
/// </summary>
/// <typeparam name="TModel">The model sent under <see cref="WebhookActionDescriptor.Key"/>.</typeparam>
public abstract class WebhookModelAction<TModel> : WebhookActionDescriptor
    where TModel : class
{
    /// <summary>Creates the descriptor.</summary>
    /// <param name="metadata">The declared options.</param>
    protected WebhookModelAction(WebhookActionMetadata metadata) : base(metadata, typeof(TModel))
    {
    }

    /// <summary>The id of the project <paramref name="instance"/> belongs to, or <see langword="null"/> when the action has no project path or the path is null.</summary>
    /// <param name="instance">The model.</param>
    public abstract long? GetProjectId(TModel instance);

    /// <summary>
    /// Writes <c>{"action": A, key: ..., "project": ..., nested...}</c>. A single-model action takes exactly one
    /// instance; <paramref name="project"/> is the project object's JSON, or empty to leave <c>"project"</c> out.
    /// </summary>
    /// <param name="writer">The destination.</param>
    /// <param name="instances">The models of this message.</param>
    /// <param name="project">The project object as UTF-8 JSON, or empty.</param>
    public abstract void WritePayload(Utf8JsonWriter writer, ReadOnlySpan<TModel> instances, ReadOnlySpan<byte> project);

    /// <summary>Serializes the payload of <see cref="WritePayload"/> to UTF-8 bytes.</summary>
    /// <param name="instances">The models of this message.</param>
    /// <param name="project">The project object as UTF-8 JSON, or empty.</param>
    public byte[] SerializePayload(ReadOnlySpan<TModel> instances, ReadOnlySpan<byte> project)
    {
        using PayloadWriter lease = PayloadWriter.Rent();
        WritePayload(lease.Writer, instances, project);
        return lease.ToArray();
    }

    internal override WebhookCapture Capture(object instance) => new WebhookCapture.Model<TModel>(this, (TModel)instance);

    /// <summary>Throws unless a single-model action got exactly one instance; called by generated serializers.</summary>
    /// <param name="instances">The models passed to <see cref="WritePayload"/>.</param>
    protected TModel Single(ReadOnlySpan<TModel> instances) => instances.Length == 1
        ? instances[0]
        : throw new ArgumentException(
            $"{Action} carries one {typeof(TModel).Name}, but {instances.Length} were given; emit one message per instance.",
            nameof(instances));
}
