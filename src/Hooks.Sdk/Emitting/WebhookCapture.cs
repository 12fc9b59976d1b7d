namespace Hooks.Sdk;

/// <summary>
/// What an object-typed caller (a filter) captured of one instance, ready to emit later: the instance itself for a
/// model action, its id and project for an ids-only action. Lets the filters call the typed emitter without
/// reflection.
/// </summary>
internal abstract class WebhookCapture
{
    public abstract ValueTask EmitAsync(IWebhookEmitter emitter, long organizationId, CancellationToken cancellationToken);

    public sealed class Model<TModel>(WebhookModelAction<TModel> action, TModel instance) : WebhookCapture
        where TModel : class
    {
        public override ValueTask EmitAsync(IWebhookEmitter emitter, long organizationId, CancellationToken cancellationToken) =>
            emitter.EmitAsync(action, organizationId, [instance], cancellationToken);
    }

    public sealed class Id<TModel, TId>(WebhookIdAction<TModel, TId> action, TId id, long? projectId) : WebhookCapture
        where TModel : class
        where TId : struct
    {
        public override ValueTask EmitAsync(IWebhookEmitter emitter, long organizationId, CancellationToken cancellationToken) =>
            emitter.EmitIdsAsync(action, organizationId, projectId, [id], cancellationToken);
    }
}
