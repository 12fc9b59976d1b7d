using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Hooks.Sdk;

/// <summary>
/// The work behind <see cref="ApiWebhookAttribute"/> and <see cref="ApiWebhookForDeleteAttribute"/>, shared by the
/// MVC filters and the endpoint filters. A misconfiguration or a failure is logged and never turns the caller's
/// success into an error: the change has happened whatever becomes of its webhook.
/// </summary>
internal sealed partial class ApiWebhookInvoker(
    WebhookActionRegistry registry,
    IWebhookEmitter emitter,
    IWebhookStore store,
    IWebhookInstanceLoader loader,
    IWebhookOrganizationAccessor organizations,
    ILogger<ApiWebhookInvoker> logger)
{
    /// <summary>After a POST, PUT or PATCH: reloads the object whose id the 2xx response carries and emits it.</summary>
    public async Task EmitAfterSuccessAsync(string action, HttpContext context, int status, object? value)
    {
        if (status is < 200 or > 299)
        {
            return;
        }
        try
        {
            if (Describe(action, requireIds: false) is not { } descriptor || Organization(action, context) is not { } organizationId)
            {
                return;
            }
            if (ResponseReader.ReadId(value) is not { } id)
            {
                LogNoId(action, context.Request.Path, value?.GetType().Name ?? "nothing");
                return;
            }
            if (!await store.AnyActiveAsync(organizationId, action, CancellationToken.None).ConfigureAwait(false))
            {
                return;
            }
            // The emission must not depend on the caller staying connected: the change is committed.
            object? instance = await loader.LoadAsync(descriptor.ModelType!, id, CancellationToken.None).ConfigureAwait(false);
            if (instance is null)
            {
                LogNotFound(action, descriptor.ModelType!.Name, id);
                return;
            }
            await descriptor.Capture(instance)!.EmitAsync(emitter, organizationId, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            LogFailed(exception, action, context.Request.Path);
        }
    }

    /// <summary>Before a DELETE: loads the object and captures its id and project; null when there is nothing to emit.</summary>
    public async Task<PendingDelete?> CaptureBeforeDeleteAsync(string action, HttpContext context, object? id)
    {
        try
        {
            if (id is null || Describe(action, requireIds: true) is not { } descriptor || Organization(action, context) is not { } organizationId
                || !await store.AnyActiveAsync(organizationId, action, context.RequestAborted).ConfigureAwait(false))
            {
                return null;
            }
            object? instance = await loader.LoadAsync(descriptor.ModelType!, id, context.RequestAborted).ConfigureAwait(false);
            // A missing object is the action's own 404 to answer; there is nothing to send.
            return instance is null ? null : new PendingDelete(descriptor.Capture(instance)!, organizationId);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogFailed(exception, action, context.Request.Path);
            return null;
        }
    }

    /// <summary>After the DELETE: emits what was captured when the action answered 2xx.</summary>
    public async Task EmitAfterDeleteAsync(string action, HttpContext context, PendingDelete pending, int status)
    {
        if (status is < 200 or > 299)
        {
            return;
        }
        try
        {
            await pending.Capture.EmitAsync(emitter, pending.OrganizationId, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            LogFailed(exception, action, context.Request.Path);
        }
    }

    private WebhookActionDescriptor? Describe(string action, bool requireIds)
    {
        if (!registry.TryGetAction(action, out WebhookActionDescriptor? descriptor))
        {
            LogUnknown(action);
            return null;
        }
        if (descriptor.ModelType is null || requireIds && !descriptor.OnlyIds)
        {
            LogWrongKind(action, requireIds ? "[ApiWebhookForDelete] needs an OnlyIds action" : "[ApiWebhook] needs an action with a Model");
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
}

/// <summary>What a delete filter captured before the action ran.</summary>
/// <param name="Capture">The id and project.</param>
/// <param name="OrganizationId">The caller's organization.</param>
internal sealed record PendingDelete(WebhookCapture Capture, long OrganizationId);
