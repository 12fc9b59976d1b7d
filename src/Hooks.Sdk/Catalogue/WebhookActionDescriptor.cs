using System.Text.Json.Serialization.Metadata;

namespace Hooks.Sdk.Catalogue;

/// <summary>
/// What a catalogue knows about one declared action: the metadata <c>GET /api/webhooks/info/</c> lists and the
/// matching rules use. Generated code derives from <see cref="WebhookModelAction{TModel}"/> or
/// <see cref="WebhookIdAction{TModel, TId}"/>, or uses <see cref="WebhookRawAction"/> for actions without a model.
/// </summary>
public abstract class WebhookActionDescriptor
{
    private protected WebhookActionDescriptor(WebhookActionMetadata metadata, Type? modelType)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        ArgumentException.ThrowIfNullOrEmpty(metadata.Action);
        Metadata = metadata;
        ModelType = modelType;
    }

    private WebhookActionMetadata Metadata { get; }

    /// <summary>The action name sent as <c>"action"</c>, for example <c>TASKS_CREATED</c>.</summary>
    public string Action => Metadata.Action;

    /// <summary>Human-readable name, for example "Task created".</summary>
    public string Name => Metadata.Name;

    /// <summary>Longer description; often empty.</summary>
    public string Description => Metadata.Description;

    /// <summary>The payload member that carries the model; empty for raw actions.</summary>
    public string Key => Metadata.Key;

    /// <summary>Only organization-level webhooks receive the action, and it never carries a project.</summary>
    public bool OrganizationOnly => Metadata.OrganizationOnly;

    /// <summary>Only webhooks that list the action receive it, not those that send all actions (<see cref="WebhookActionAttribute.OptIn"/>).</summary>
    public bool OptIn => Metadata.OptIn;

    /// <summary>Whether <see cref="Key"/> holds a list.</summary>
    public bool Many => Metadata.Many;

    /// <summary>The model type, or <see langword="null"/> for a raw action.</summary>
    public Type? ModelType { get; }

    /// <summary>Whether the payload carries only <c>{"id": N}</c> items.</summary>
    public bool OnlyIds => this is IWebhookIdAction;

    /// <summary>The declared member path from the model to its project, or <see langword="null"/>.</summary>
    public string? ProjectPath => Metadata.ProjectPath;

    /// <summary>The payload members added after <c>"project"</c>, in declaration order.</summary>
    public IReadOnlyList<string> NestedFields => Metadata.NestedFields;

    /// <inheritdoc />
    public override string ToString() => Action;

    /// <summary>What <paramref name="visitor"/> makes of <paramref name="instance"/>, a <see cref="ModelType"/>; null for a raw action.</summary>
    internal abstract TResult? Visit<TResult>(IWebhookInstanceVisitor<TResult> visitor, object instance)
        where TResult : class;
}

/// <summary>The declared options of an action, as written in its <see cref="WebhookActionAttribute"/>.</summary>
/// <param name="Action">The action name, for example <c>TASKS_CREATED</c>.</param>
/// <param name="Name">Human-readable name.</param>
/// <param name="Description">Longer description.</param>
/// <param name="Key">The payload member that carries the model; empty for raw actions.</param>
/// <param name="OrganizationOnly">Only organization-level webhooks receive the action.</param>
/// <param name="Many">Whether the key holds a list.</param>
/// <param name="ProjectPath">The member path from the model to its project.</param>
/// <param name="NestedFields">The payload members added after <c>"project"</c>.</param>
public sealed record WebhookActionMetadata(
    string Action,
    string Name,
    string Description,
    string Key,
    bool OrganizationOnly,
    bool Many,
    string? ProjectPath,
    IReadOnlyList<string> NestedFields)
{
    /// <summary>Only webhooks that list the action receive it (<see cref="WebhookActionAttribute.OptIn"/>).</summary>
    public bool OptIn { get; init; }
}

/// <summary>An action without a model: its payload is built by the caller and emitted raw.</summary>
/// <param name="metadata">The declared options.</param>
public sealed class WebhookRawAction(WebhookActionMetadata metadata) : WebhookActionDescriptor(metadata, modelType: null)
{
    internal override TResult? Visit<TResult>(IWebhookInstanceVisitor<TResult> visitor, object instance)
        where TResult : class => null;
}

/// <summary>Marks descriptors whose payload carries ids only; lets <see cref="WebhookActionDescriptor.OnlyIds"/> stay derived.</summary>
internal interface IWebhookIdAction
{
    /// <summary>The type of the ids.</summary>
    Type IdType { get; }
}

/// <summary>The JSON contracts of a model action, for code that does not know its model type.</summary>
internal interface IWebhookModelContracts
{
    JsonTypeInfo ModelTypeInfo { get; }

    IReadOnlyList<JsonTypeInfo> NestedFieldTypeInfos { get; }
}
