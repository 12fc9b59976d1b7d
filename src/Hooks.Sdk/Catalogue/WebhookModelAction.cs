using System.Text.Json.Serialization.Metadata;

namespace Hooks.Sdk.Catalogue;

/// <summary>
/// An action whose payload carries <typeparamref name="TModel"/> objects. The generator implements it for each
/// declared action with a model, with a reflection-free project accessor and a <see cref="System.Text.Json.Utf8JsonWriter"/>
/// serializer that writes Label Studio's key order.
/// </summary>
/// <typeparam name="TModel">The model sent under <see cref="WebhookActionDescriptor.Key"/>.</typeparam>
public abstract class WebhookModelAction<TModel> : WebhookPayloadAction<TModel>, IWebhookModelContracts
    where TModel : class
{
    /// <summary>Creates the descriptor.</summary>
    /// <param name="metadata">The declared options.</param>
    /// <param name="modelTypeInfo">The model's JSON contract from the catalogue's <c>JsonContext</c>.</param>
    /// <param name="nestedFieldTypeInfos">The nested fields' JSON contracts, in the order of their declaration.</param>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("ApiDesign", "RS0022", Justification =
        "The generated descriptors derive from this class; its bases stay closed to other code (internal abstract members).")]
    protected WebhookModelAction(WebhookActionMetadata metadata, JsonTypeInfo<TModel> modelTypeInfo, params JsonTypeInfo[] nestedFieldTypeInfos)
        : base(metadata, typeof(TModel), typeof(TModel).Name)
    {
        ArgumentNullException.ThrowIfNull(modelTypeInfo);
        ArgumentNullException.ThrowIfNull(nestedFieldTypeInfos);
        ModelTypeInfo = modelTypeInfo;
        NestedFieldTypeInfos = nestedFieldTypeInfos;
    }

    /// <summary>
    /// The model's JSON contract from the catalogue's <c>JsonContext</c>: what the payload writes under
    /// <see cref="WebhookActionDescriptor.Key"/>, and what a schema of the payload describes.
    /// </summary>
    public JsonTypeInfo<TModel> ModelTypeInfo { get; }

    /// <summary>The JSON contracts of the nested fields' values, in the order of <see cref="WebhookActionDescriptor.NestedFields"/>.</summary>
    public IReadOnlyList<JsonTypeInfo> NestedFieldTypeInfos { get; }

    JsonTypeInfo IWebhookModelContracts.ModelTypeInfo => ModelTypeInfo;

    /// <summary>The id of the project <paramref name="instance"/> belongs to, or <see langword="null"/> when the action has no project path or the path is null.</summary>
    /// <param name="instance">The model.</param>
    public abstract long? GetProjectId(TModel instance);

    internal override TResult Visit<TResult>(IWebhookInstanceVisitor<TResult> visitor, object instance) =>
        visitor.VisitModel(this, (TModel)instance);
}
