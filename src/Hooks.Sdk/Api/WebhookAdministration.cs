using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Hooks.Sdk;

/// <summary>
/// Creates, changes and deletes an organization's webhooks with Label Studio's rules and messages. The REST API
/// (<c>MapWebhooksApi</c>) is a thin layer over it; an app's own pages call it too, so that their forms validate
/// exactly as the API does. Bodies are the API's JSON (snake_case field names).
/// </summary>
public sealed partial class WebhookAdministration(
    IWebhookStore store,
    IWebhookProjects projects,
    WebhookActionRegistry registry,
    WebhookAddressPolicy addresses,
    WebhookSecrets secrets,
    IOptions<WebhookOptions> options,
    TimeProvider timeProvider,
    WebhookDispatchSignal dispatch,
    ILogger<WebhookAdministration> logger,
    IWebhookOutbox? outbox = null)
{
    // Properties, not fields: each answer carries its own error id.
    private static ApiError ProjectNotFound => ApiError.NotFound("Project not found.");

    /// <summary>The organization's webhooks, by id.</summary>
    /// <param name="organizationId">The caller's organization.</param>
    /// <param name="filter">All, one project's, or organization-level ones.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    public Task<IReadOnlyList<Webhook>> ListAsync(long organizationId, WebhookProjectFilter filter, CancellationToken cancellationToken = default) =>
        store.ListAsync(organizationId, filter, cancellationToken);

    /// <summary>One of the organization's webhooks, or <see langword="null"/>.</summary>
    /// <param name="organizationId">The caller's organization.</param>
    /// <param name="id">The webhook.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    public Task<Webhook?> FindAsync(long organizationId, long id, CancellationToken cancellationToken = default) =>
        store.FindAsync(organizationId, id, cancellationToken);

    /// <summary>
    /// Creates a webhook from <paramref name="body"/> (<c>url</c> required; <c>project</c>, <c>send_payload</c>,
    /// <c>send_for_all_actions</c>, <c>headers</c>, <c>is_active</c>, <c>actions</c> optional). A project that is not the
    /// organization's is a 400 on <c>project</c> (<c>Invalid pk "N" - object does not exist.</c>, whether it exists
    /// elsewhere or not); none when organization-level webhooks are not allowed, a 404 "Project not found.".
    /// </summary>
    /// <param name="organizationId">The caller's organization.</param>
    /// <param name="body">The fields.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    public async Task<WebhookChange> CreateAsync(long organizationId, JsonObject body, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(body);
        WebhookRequest request = WebhookRequest.Parse(body, registry, urlRequired: true, readProject: true);
        if (await RefusalAsync(request, cancellationToken).ConfigureAwait(false) is { } refusal)
        {
            return refusal;
        }
        // As Label Studio: a webhook belongs to a project of the caller's organization, unless organization-level
        // webhooks are allowed and none is named. Another organization's project is indistinguishable from none.
        if (request.Project is { } projectId)
        {
            if (!await projects.ExistsAsync(organizationId, projectId, cancellationToken).ConfigureAwait(false))
            {
                return WebhookChange.Failed(ApiError.Validation(new Dictionary<string, IReadOnlyList<string>>
                {
                    ["project"] = [$"Invalid pk \"{projectId}\" - object does not exist."],
                }));
            }
        }
        else if (!options.Value.AllowOrganizationWebhooks)
        {
            return WebhookChange.Failed(ProjectNotFound);
        }
        List<string> actions = request.Actions ?? [];
        if (request.Project is not null && ContainsOrganizationOnly(actions))
        {
            return WebhookChange.Failed(OrganizationOnlyError);
        }

        DateTime now = timeProvider.GetUtcNow().UtcDateTime;
        var webhook = new Webhook
        {
            OrganizationId = organizationId,
            ProjectId = request.Project,
            Url = request.Url!,
            SendPayload = request.SendPayload ?? true,
            SendForAllActions = request.SendForAllActions ?? true,
            Headers = request.Headers ?? [],
            IsActive = request.IsActive ?? true,
            Actions = actions.Select(action => new WebhookSubscription { Action = action }).ToList(),
            CreatedAt = now,
            UpdatedAt = now,
        };
        secrets.Assign(webhook);
        await store.AddAsync(webhook, cancellationToken).ConfigureAwait(false);
        return new WebhookChange(webhook, null);
    }

    /// <summary>
    /// Changes a webhook. The project never changes (Label Studio makes it read-only on update). A partial update
    /// (PATCH) changes only the fields it names; a full one (PUT) needs <c>url</c> and, as in Label Studio, clears
    /// <c>actions</c> when it leaves them out. Re-activating a webhook or changing its url or headers resets its
    /// failure counter.
    /// </summary>
    /// <param name="organizationId">The caller's organization.</param>
    /// <param name="id">The webhook.</param>
    /// <param name="body">The fields.</param>
    /// <param name="partial">PATCH rather than PUT.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    public async Task<WebhookChange> UpdateAsync(long organizationId, long id, JsonObject body, bool partial, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (await store.FindAsync(organizationId, id, cancellationToken).ConfigureAwait(false) is not { } webhook)
        {
            return WebhookChange.Failed(ApiError.NoMatch("Webhook"));
        }
        WebhookRequest request = WebhookRequest.Parse(body, registry, urlRequired: !partial, readProject: false);
        if (await RefusalAsync(request, cancellationToken).ConfigureAwait(false) is { } refusal)
        {
            return refusal;
        }
        List<string>? actions = request.Actions ?? (partial ? null : []);
        if (webhook.ProjectId is not null && ContainsOrganizationOnly(actions ?? webhook.Actions.Select(subscription => subscription.Action)))
        {
            return WebhookChange.Failed(OrganizationOnlyError);
        }

        bool reactivated = request.IsActive == true && !webhook.IsActive;
        bool retargeted = request.Url is not null && request.Url != webhook.Url
            || request.Headers is not null && !SameHeaders(request.Headers, webhook.Headers);
        if (reactivated || retargeted)
        {
            webhook.ConsecutiveFailures = 0;
        }
        webhook.Url = request.Url ?? webhook.Url;
        webhook.SendPayload = request.SendPayload ?? webhook.SendPayload;
        webhook.SendForAllActions = request.SendForAllActions ?? webhook.SendForAllActions;
        webhook.IsActive = request.IsActive ?? webhook.IsActive;
        webhook.Headers = request.Headers ?? webhook.Headers;
        if (actions is not null)
        {
            webhook.Actions.RemoveAll(subscription => !actions.Contains(subscription.Action));
            webhook.Actions.AddRange(actions
                .Where(action => !webhook.Actions.Exists(subscription => subscription.Action == action))
                .Select(action => new WebhookSubscription { WebhookId = webhook.Id, Action = action }));
        }
        webhook.UpdatedAt = timeProvider.GetUtcNow().UtcDateTime;
        await store.UpdateAsync(webhook, cancellationToken).ConfigureAwait(false);
        dispatch.WebhookChanged(webhook.Id);
        return new WebhookChange(webhook, null);
    }

    /// <summary>The webhook's signing secret (<c>whsec_...</c>), or <see langword="null"/> when there is no such webhook of the organization.</summary>
    /// <param name="organizationId">The caller's organization.</param>
    /// <param name="id">The webhook.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <remarks>A webhook without one (imported unsigned) gets one now: asking for the secret is asking for signed messages.</remarks>
    public async Task<WebhookSecret?> GetSecretAsync(long organizationId, long id, CancellationToken cancellationToken = default)
    {
        if (await store.FindAsync(organizationId, id, cancellationToken).ConfigureAwait(false) is not { } webhook)
        {
            return null;
        }
        if (webhook.ProtectedSecret is null)
        {
            secrets.Assign(webhook);
            await store.UpdateAsync(webhook, cancellationToken).ConfigureAwait(false);
            dispatch.WebhookChanged(webhook.Id);
        }
        return secrets.Current(webhook);
    }

    /// <summary>Replaces the webhook's secret; the old one keeps signing for <see cref="WebhookOptions.SecretRotationOverlap"/>.</summary>
    /// <param name="organizationId">The caller's organization.</param>
    /// <param name="id">The webhook.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    public async Task<WebhookSecret?> RotateSecretAsync(long organizationId, long id, CancellationToken cancellationToken = default)
    {
        if (await store.FindAsync(organizationId, id, cancellationToken).ConfigureAwait(false) is not { } webhook)
        {
            return null;
        }
        secrets.Rotate(webhook);
        webhook.UpdatedAt = timeProvider.GetUtcNow().UtcDateTime;
        await store.UpdateAsync(webhook, cancellationToken).ConfigureAwait(false);
        dispatch.WebhookChanged(webhook.Id);
        return secrets.Current(webhook);
    }

    /// <summary>Deletes one of the organization's webhooks; false when there is none.</summary>
    /// <param name="organizationId">The caller's organization.</param>
    /// <param name="id">The webhook.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    public async Task<bool> DeleteAsync(long organizationId, long id, CancellationToken cancellationToken = default)
    {
        // The webhook's undelivered messages go with it and its delivery log, as Label Studio's related rows do; the
        // log says how many, so that none vanishes unnoticed.
        int undelivered = outbox is null || await store.FindAsync(organizationId, id, cancellationToken).ConfigureAwait(false) is null
            ? 0
            : (await outbox.ListAsync(id, WebhookDeliveryStatus.Pending, 0, 0, cancellationToken).ConfigureAwait(false)).Count
              + (await outbox.ListAsync(id, WebhookDeliveryStatus.Waiting, 0, 0, cancellationToken).ConfigureAwait(false)).Count;
        bool deleted = await store.DeleteAsync(organizationId, id, cancellationToken).ConfigureAwait(false);
        if (deleted)
        {
            dispatch.WebhookChanged(id);
        }
        if (deleted && undelivered > 0)
        {
            LogDiscarded(id, undelivered);
        }
        return deleted;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook {WebhookId} was deleted with {Count} undelivered messages; they were discarded with its delivery log")]
    private partial void LogDiscarded(long webhookId, int count);

    private static ApiError OrganizationOnlyError => ApiError.Validation(new Dictionary<string, IReadOnlyList<string>>
    {
        ["non_field_errors"] = ["Project webhook can't contain organization-only action."],
    });

    /// <summary>The field errors of a request, the address policy's verdict on its URL included.</summary>
    private async Task<WebhookChange?> RefusalAsync(WebhookRequest request, CancellationToken cancellationToken)
    {
        if (request.IsValid && request.Url is not null
            && await addresses.CheckUrlAsync(new Uri(request.Url), cancellationToken).ConfigureAwait(false) is { } problem)
        {
            request.AddError("url", problem);
        }
        return request.IsValid ? null : WebhookChange.Failed(ApiError.Validation(request.Errors));
    }

    private bool ContainsOrganizationOnly(IEnumerable<string> actions) =>
        actions.Any(action => registry.TryGetAction(action, out WebhookActionDescriptor? descriptor) && descriptor.OrganizationOnly);

    private static bool SameHeaders(Dictionary<string, string> left, Dictionary<string, string> right) =>
        left.Count == right.Count && left.All(header => right.TryGetValue(header.Key, out string? value) && value == header.Value);
}

/// <summary>The outcome of a webhook change: the stored webhook, or the error to show.</summary>
/// <param name="Webhook">The webhook after the change.</param>
/// <param name="Error">Why nothing was written.</param>
public sealed record WebhookChange(Webhook? Webhook, ApiError? Error)
{
    internal static WebhookChange Failed(ApiError error) => new(null, error);

    /// <summary>Whether the change was written.</summary>
    public bool Succeeded => Error is null;

    /// <summary>Messages by field when the change was refused for its input; empty otherwise.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> FieldErrors =>
        Error?.ValidationErrors ?? (Error is null ? new Dictionary<string, IReadOnlyList<string>>() : new Dictionary<string, IReadOnlyList<string>> { ["non_field_errors"] = [Error.Detail] });
}
