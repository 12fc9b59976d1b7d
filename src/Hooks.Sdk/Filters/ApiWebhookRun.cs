using Hooks.Sdk.Catalogue;
using Hooks.Sdk.Delivery;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Hooks.Sdk.Filters;

/// <summary>
/// One decorated request's emission, from before its action runs to after it answers. When emission is atomic it
/// holds the transaction the action runs in: the change and its messages are committed together by
/// <see cref="CompleteAsync"/>, and disposing it without that (the action threw) rolls the change back.
/// </summary>
internal sealed class ApiWebhookRun : IAsyncDisposable
{
    /// <summary>A run with nothing to send: the action runs as if undecorated.</summary>
    public static readonly ApiWebhookRun Nothing = new(null, null!, 0, null!, null);

    private readonly ApiWebhookInvoker? _invoker;
    private readonly WebhookActionDescriptor _descriptor;
    private readonly long _organizationId;
    private readonly HttpContext _context;
    private readonly IWebhookTransaction? _transaction;
    private WebhookCapture? _beforeDelete;

    internal ApiWebhookRun(ApiWebhookInvoker? invoker, WebhookActionDescriptor descriptor, long organizationId, HttpContext context, IWebhookTransaction? transaction)
    {
        _invoker = invoker;
        _descriptor = descriptor;
        _organizationId = organizationId;
        _context = context;
        _transaction = transaction;
    }

    /// <summary>Before a delete: captures the id and project of the object <paramref name="id"/> names, if it exists.</summary>
    public async Task CaptureBeforeDeleteAsync(object? id)
    {
        if (_invoker is null)
        {
            return;
        }
        try
        {
            // A missing object is the action's own 404 to answer; there is nothing to send.
            _beforeDelete = await _invoker.CaptureAsync(_descriptor, id, _context.RequestAborted).ConfigureAwait(false);
        }
        catch (Exception exception) when (_transaction is null && exception is not OperationCanceledException)
        {
            _invoker.Failed(exception, _descriptor.Action, _context, rolledBack: false);
        }
    }

    /// <summary>
    /// After the action answered <paramref name="status"/>: on 2xx, emits the event (the object the response's id
    /// names, or what a delete captured); then commits. False when the change was rolled back because its event
    /// could not be written or committed: the caller answers <see cref="Problem"/> instead.
    /// </summary>
    /// <param name="status">The action's status code.</param>
    /// <param name="value">The action's response value, whose <c>id</c> names the object to reload.</param>
    /// <param name="forDelete">Whether to emit what <see cref="CaptureBeforeDeleteAsync"/> captured.</param>
    public async Task<bool> CompleteAsync(int status, object? value, bool forDelete)
    {
        if (_invoker is null)
        {
            return true;
        }
        if (_transaction is null)
        {
            // Label Studio's order: the change is committed whatever becomes of its event, which must not depend on
            // the caller staying connected.
            try
            {
                await EmitAsync(status, value, forDelete, strict: false, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception exception)
            {
                _invoker.Failed(exception, _descriptor.Action, _context, rolledBack: false);
            }
            return true;
        }
        try
        {
            await EmitAsync(status, value, forDelete, strict: true, _context.RequestAborted).ConfigureAwait(false);
            await _transaction.CommitAsync(_context.RequestAborted).ConfigureAwait(false);
            return true;
        }
        catch (Exception exception) when (!_transaction.Joined)
        {
            await _transaction.DisposeAsync().ConfigureAwait(false);
            _invoker.Failed(exception, _descriptor.Action, _context, rolledBack: true);
            return false;
        }
    }

    /// <summary>The answer for a change rolled back because its event could not be written.</summary>
    public ProblemDetails Problem() => new()
    {
        Status = StatusCodes.Status500InternalServerError,
        Title = "The change was not saved because its webhook event could not be written.",
        Detail = $"Writing {_descriptor.Action} failed, so the change was rolled back and nothing was saved. The server log has the cause; the request can be retried.",
    };

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _transaction?.DisposeAsync() ?? ValueTask.CompletedTask;

    private async Task EmitAsync(int status, object? value, bool forDelete, bool strict, CancellationToken cancellationToken)
    {
        if (status is < 200 or > 299)
        {
            return;
        }
        WebhookCapture? capture = forDelete
            ? _beforeDelete
            : await _invoker!.CaptureAsync(_descriptor, _invoker.ReadId(_descriptor, _context, value), cancellationToken).ConfigureAwait(false);
        if (capture is null)
        {
            // Within a transaction the event must not be lost: a created or updated object that cannot be named or
            // reloaded fails the request. A delete of nothing has nothing to announce.
            if (strict && !forDelete)
            {
                throw new InvalidOperationException($"{_descriptor.Action}: the response of {_context.Request.Path} names no object to reload; see the log above.");
            }
            return;
        }
        await _invoker!.EmitAsync(capture, _organizationId, cancellationToken).ConfigureAwait(false);
    }
}
