namespace Hooks.Sdk.Catalogue;

/// <summary>
/// An action whose payload carries only <c>{"id": N}</c> items of <typeparamref name="TModel"/>, captured before the
/// models are deleted (Label Studio's <c>OnlyIDWebhookSerializer</c>).
/// </summary>
/// <typeparam name="TModel">The deleted model; used to capture its id and project before the delete.</typeparam>
/// <typeparam name="TId">The type of the model's <c>Id</c>.</typeparam>
public abstract class WebhookIdAction<TModel, TId> : WebhookPayloadAction<TId>, IWebhookIdAction
    where TModel : class
    where TId : struct
{
    /// <summary>Creates the descriptor.</summary>
    /// <param name="metadata">The declared options.</param>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("ApiDesign", "RS0022", Justification =
        "The generated descriptors derive from this class; its bases stay closed to other code (internal abstract members).")]
    protected WebhookIdAction(WebhookActionMetadata metadata) : base(metadata, typeof(TModel), "id")
    {
    }

    /// <summary>The id of <paramref name="instance"/>.</summary>
    /// <param name="instance">The model about to be deleted.</param>
    public abstract TId GetId(TModel instance);

    /// <summary>The id of the project <paramref name="instance"/> belongs to, or <see langword="null"/>.</summary>
    /// <param name="instance">The model about to be deleted.</param>
    public abstract long? GetProjectId(TModel instance);

    /// <summary>The type of the ids the payload carries: an integer type, written as a JSON number, or <see cref="Guid"/>, as a string.</summary>
    public Type IdType => typeof(TId);

    internal override TResult Visit<TResult>(IWebhookInstanceVisitor<TResult> visitor, object instance)
    {
        var model = (TModel)instance;
        return visitor.VisitId(this, GetId(model), GetProjectId(model));
    }
}
