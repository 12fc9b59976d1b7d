namespace Hooks.Sdk.Catalogue;

/// <summary>
/// Something made from one instance of an action's model, by the action's kind, with its type arguments known. Lets
/// object-typed callers (the filters) reach typed code without reflection, and without the catalogue knowing them.
/// </summary>
/// <typeparam name="TResult">What is made.</typeparam>
internal interface IWebhookInstanceVisitor<out TResult>
    where TResult : class
{
    /// <summary>An instance of a model action's model.</summary>
    TResult VisitModel<TModel>(WebhookModelAction<TModel> action, TModel instance)
        where TModel : class;

    /// <summary>The id and project of an instance of an ids-only action's model.</summary>
    TResult VisitId<TModel, TId>(WebhookIdAction<TModel, TId> action, TId id, long? projectId)
        where TModel : class
        where TId : struct;
}
