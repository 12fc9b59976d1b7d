using Hooks.Sdk.Catalogue;
using Hooks.Sdk.Emitting;

namespace Hooks.Sdk.Filters;

/// <summary>
/// What a filter captured of one instance, ready to emit later: the instance itself for a model action, its id and
/// project for an ids-only action. Lets the filters call the typed emitter without reflection.
/// </summary>
internal abstract class WebhookCapture
{
    /// <summary>The capture of <paramref name="instance"/> for <paramref name="descriptor"/>; null for a raw action.</summary>
    public static WebhookCapture? Of(WebhookActionDescriptor descriptor, object instance) => descriptor.Visit(Capturing.Instance, instance);

    public abstract ValueTask EmitAsync(IWebhookEmitter emitter, long organizationId, CancellationToken cancellationToken);

    private sealed class Capturing : IWebhookInstanceVisitor<WebhookCapture>
    {
        public static Capturing Instance { get; } = new();

        public WebhookCapture VisitModel<TModel>(WebhookModelAction<TModel> action, TModel instance)
            where TModel : class => new Model<TModel>(action, instance);

        public WebhookCapture VisitId<TModel, TId>(WebhookIdAction<TModel, TId> action, TId id, long? projectId)
            where TModel : class
            where TId : struct => new Id<TModel, TId>(action, id, projectId);
    }

    private sealed class Model<TModel>(WebhookModelAction<TModel> action, TModel instance) : WebhookCapture
        where TModel : class
    {
        public override ValueTask EmitAsync(IWebhookEmitter emitter, long organizationId, CancellationToken cancellationToken) =>
            emitter.EmitAsync(action, organizationId, [instance], cancellationToken);
    }

    private sealed class Id<TModel, TId>(WebhookIdAction<TModel, TId> action, TId id, long? projectId) : WebhookCapture
        where TModel : class
        where TId : struct
    {
        public override ValueTask EmitAsync(IWebhookEmitter emitter, long organizationId, CancellationToken cancellationToken) =>
            emitter.EmitIdsAsync(action, organizationId, projectId, [id], cancellationToken);
    }
}
