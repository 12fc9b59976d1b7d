using Hooks.Sdk.Catalogue;
using Hooks.Sdk.Delivery;
using Hooks.Sdk.Emitting;
using Hooks.Sdk.Identity;
using Hooks.Sdk.Store;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Hooks.Sdk.Filters;

/// <summary>
/// The work behind <see cref="ApiWebhookAttribute"/> and <see cref="ApiWebhookForDeleteAttribute"/>, shared by the
/// MVC filters and the endpoint filters: before the action it decides whether anything could be sent and, when
/// emission is atomic, opens the transaction the action runs in (<see cref="ApiWebhookRun"/>).
/// </summary>
/// <remarks>
/// Emission is atomic with <see cref="WebhookDeliveryMode.Background"/> delivery, <see cref="WebhookOptions.EmitInTransaction"/>
/// and a store that offers <see cref="IWebhookTransactions"/>: the change and its messages then commit together, and a
/// failure to emit rolls the change back. Otherwise it is Label Studio's order: the change first, the event after it,
/// best effort, a failure only logged.
/// </remarks>
internal sealed partial class ApiWebhookInvoker(
    WebhookActionRegistry registry,
    IWebhookEmitter emitter,
    IWebhookStore store,
    IWebhookInstanceLoader loader,
    IWebhookOrganizationAccessor organizations,
    IOptions<WebhookOptions> options,
    ILogger<ApiWebhookInvoker> logger,
    IWebhookTransactions? transactions = null)
{
    private bool Atomic => transactions is not null && options.Value.EmitInTransaction && options.Value.Delivery == WebhookDeliveryMode.Background;

    /// <summary>
    /// Before the action: what emitting <paramref name="action"/> needs. A run with nothing to send (no webhook could
    /// receive it, or the filter is misused) still runs the action, untouched.
    /// </summary>
    /// <param name="action">The declared action.</param>
    /// <param name="context">The request.</param>
    /// <param name="forDelete">Whether this is the delete filter, which needs an ids-only action.</param>
    public async Task<ApiWebhookRun> BeginAsync(string action, HttpContext context, bool forDelete)
    {
        if (Describe(action, forDelete) is not { } descriptor || Organization(action, context) is not { } organizationId
            || !await store.AnyActiveAsync(organizationId, action, context.RequestAborted).ConfigureAwait(false))
        {
            return ApiWebhookRun.Nothing;
        }
        IWebhookTransaction? transaction = Atomic ? await transactions!.BeginAsync(context.RequestAborted).ConfigureAwait(false) : null;
        return new ApiWebhookRun(this, descriptor, organizationId, context, transaction);
    }

    /// <summary>Loads the object named by <paramref name="id"/> and captures what emitting it needs; null when there is none.</summary>
    internal async Task<WebhookCapture?> CaptureAsync(WebhookActionDescriptor descriptor, object? id, CancellationToken cancellationToken)
    {
        if (id is null)
        {
            return null;
        }
        object? instance = await loader.LoadAsync(descriptor.ModelType!, id, cancellationToken).ConfigureAwait(false);
        if (instance is null)
        {
            LogNotFound(descriptor.Action, descriptor.ModelType!.Name, id);
            return null;
        }
        return WebhookCapture.Of(descriptor, instance);
    }

    /// <summary>The id the response carries, or null (logged) when it carries none.</summary>
    internal object? ReadId(WebhookActionDescriptor descriptor, HttpContext context, object? value)
    {
        object? id = ResponseReader.ReadId(value);
        if (id is null)
        {
            LogNoId(descriptor.Action, context.Request.Path, value?.GetType().Name ?? "nothing");
        }
        return id;
    }

    internal ValueTask EmitAsync(WebhookCapture capture, long organizationId, CancellationToken cancellationToken) =>
        capture.EmitAsync(emitter, organizationId, cancellationToken);

    internal void Failed(Exception exception, string action, HttpContext context, bool rolledBack)
    {
        if (rolledBack)
        {
            LogRolledBack(exception, action, context.Request.Path);
        }
        else
        {
            LogFailed(exception, action, context.Request.Path);
        }
    }

    private WebhookActionDescriptor? Describe(string action, bool forDelete)
    {
        if (!registry.TryGetAction(action, out WebhookActionDescriptor? descriptor))
        {
            LogUnknown(action);
            return null;
        }
        if (ApiWebhookKinds.Mismatch(descriptor, forDelete) is { } reason)
        {
            LogWrongKind(action, reason);
            return null;
        }
        return descriptor;
    }

    private long? Organization(string action, HttpContext context)
    {
        long? organizationId = organizations.GetOrganizationId(context);
        if (organizationId is null)
        {
            LogNoOrganization(action, context.Request.Path);
        }
        return organizationId;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Webhook action {Action} is not declared by any registered catalogue; nothing was sent")]
    private partial void LogUnknown(string action);

    [LoggerMessage(Level = LogLevel.Error, Message = "Webhook action {Action} cannot be used here: {Reason}; nothing was sent")]
    private partial void LogWrongKind(string action, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Path} answered without an 'id' ({ValueType}), so {Action} was not sent")]
    private partial void LogNoId(string action, PathString path, string valueType);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Path} has no organization for the caller, so {Action} was not sent")]
    private partial void LogNoOrganization(string action, PathString path);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Action}: no {Model} with id {Id} to reload; nothing was sent")]
    private partial void LogNotFound(string action, string model, object id);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Action} after {Path} could not be emitted")]
    private partial void LogFailed(Exception exception, string action, PathString path);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Action} after {Path} could not be written, so the change was rolled back")]
    private partial void LogRolledBack(Exception exception, string action, PathString path);
}
