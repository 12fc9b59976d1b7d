using Hooks.Sdk.Catalogue;
using Hooks.Sdk.Delivery;
using Hooks.Sdk.Security;
using Hooks.Sdk.Signatures;
using Hooks.Sdk.Store;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Hooks.Sdk.Api;

/// <summary>
/// Creates, changes and deletes an organization's webhooks with Label Studio's rules and messages, and reads and
/// redelivers their messages. The REST API (<c>MapWebhooksApi</c>) is a thin layer over it that reads JSON; an app's
/// own pages call it too, so that their forms validate exactly as the API does. Tells the dispatcher about changes.
/// </summary>
public sealed partial class WebhookAdministration
{
    private readonly IWebhookStore _store;
    private readonly IWebhookProjects _projects;
    private readonly WebhookActionRegistry _registry;
    private readonly WebhookAddressPolicy _addresses;
    private readonly WebhookSecrets _secrets;
    private readonly IOptions<WebhookOptions> _options;
    private readonly TimeProvider _timeProvider;
    private readonly WebhookDispatchSignal _dispatch;
    private readonly ILogger<WebhookAdministration> _logger;
    private readonly IWebhookOutbox? _outbox;

    /// <summary>Created by the container (<c>AddHooks()</c>); its dependencies include the runtime's own, which apps do not see.</summary>
    internal WebhookAdministration(
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
        _store = store;
        _projects = projects;
        _registry = registry;
        _addresses = addresses;
        _secrets = secrets;
        _options = options;
        _timeProvider = timeProvider;
        _dispatch = dispatch;
        _logger = logger;
        _outbox = outbox;
    }

    /// <summary>The organization's webhooks, by id.</summary>
    /// <param name="organizationId">The caller's organization.</param>
    /// <param name="filter">All, one project's, or organization-level ones.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    public Task<IReadOnlyList<Webhook>> ListAsync(long organizationId, WebhookProjectFilter filter, CancellationToken cancellationToken = default) =>
        _store.ListAsync(organizationId, filter, cancellationToken);

    /// <summary>One of the organization's webhooks, or <see langword="null"/>.</summary>
    /// <param name="organizationId">The caller's organization.</param>
    /// <param name="id">The webhook.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    public Task<Webhook?> FindAsync(long organizationId, long id, CancellationToken cancellationToken = default) =>
        _store.FindAsync(organizationId, id, cancellationToken);

    /// <summary>
    /// Creates a webhook (<see cref="WebhookInput.Url"/> required; the other members default to Label Studio's: send
    /// the payload, for every action, active, no headers). A project that is not the organization's is refused on
    /// <c>project</c> (<c>Invalid pk "N" - object does not exist.</c>, whether it exists elsewhere or not); none, when
    /// organization-level webhooks are turned off, is <see cref="WebhookChangeOutcome.ProjectRequired"/>.
    /// </summary>
    /// <param name="organizationId">The caller's organization.</param>
    /// <param name="input">The fields.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    public Task<WebhookChange> CreateAsync(long organizationId, WebhookInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        return CreateAsync(organizationId, new WebhookRequest(input, FieldErrors.None), cancellationToken);
    }

    /// <summary>Creates a webhook from what the API read, refusing what it could not read along with the rest.</summary>
    internal async Task<WebhookChange> CreateAsync(long organizationId, WebhookRequest request, CancellationToken cancellationToken)
    {
        WebhookInput input = request.Input;
        if (await RefusalAsync(request, urlRequired: true, cancellationToken).ConfigureAwait(false) is { } refusal)
        {
            return refusal;
        }
        // As Label Studio: a webhook belongs to a project of the caller's organization, unless organization-level
        // webhooks are allowed and none is named. Another organization's project is indistinguishable from none.
        if (input.ProjectId is { } projectId)
        {
            if (!await _projects.ExistsAsync(organizationId, projectId, cancellationToken).ConfigureAwait(false))
            {
                return WebhookChange.Invalid("project", $"Invalid pk \"{projectId}\" - object does not exist.");
            }
        }
        else if (!_options.Value.AllowOrganizationWebhooks)
        {
            return WebhookChange.Refused(WebhookChangeOutcome.ProjectRequired);
        }
        List<string> actions = input.Actions?.Distinct().ToList() ?? [];
        if (input.ProjectId is not null && WebhookInputRules.ContainsOrganizationOnly(actions, _registry))
        {
            return OrganizationOnlyRefusal;
        }

        DateTime now = _timeProvider.GetUtcNow().UtcDateTime;
        var webhook = new Webhook
        {
            OrganizationId = organizationId,
            ProjectId = input.ProjectId,
            Url = input.Url!,
            SendPayload = input.SendPayload ?? true,
            SendForAllActions = input.SendForAllActions ?? true,
            Headers = Copy(input.Headers) ?? [],
            IsActive = input.IsActive ?? true,
            Actions = actions.Select(action => new WebhookSubscription { Action = action }).ToList(),
            CreatedAt = now,
            UpdatedAt = now,
        };
        _secrets.Assign(webhook);
        await _store.AddAsync(webhook, cancellationToken).ConfigureAwait(false);
        return WebhookChange.Saved(webhook);
    }

    /// <summary>
    /// Changes the members <paramref name="input"/> gives and keeps the others; its
    /// <see cref="WebhookInput.ProjectId"/> is ignored, as the project never changes (Label Studio makes it read-only on
    /// update). Re-activating a webhook or changing its url or headers resets its failure counter.
    /// </summary>
    /// <param name="organizationId">The caller's organization.</param>
    /// <param name="id">The webhook.</param>
    /// <param name="input">The fields to change.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    public Task<WebhookChange> UpdateAsync(long organizationId, long id, WebhookInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        return UpdateAsync(organizationId, id, new WebhookRequest(input, FieldErrors.None), cancellationToken);
    }

    /// <summary>Changes a webhook as the API read the change, refusing what it could not read along with the rest.</summary>
    internal async Task<WebhookChange> UpdateAsync(long organizationId, long id, WebhookRequest request, CancellationToken cancellationToken)
    {
        if (await _store.FindAsync(organizationId, id, cancellationToken).ConfigureAwait(false) is not { } webhook)
        {
            return WebhookChange.Refused(WebhookChangeOutcome.WebhookNotFound);
        }
        if (await RefusalAsync(request, urlRequired: false, cancellationToken).ConfigureAwait(false) is { } refusal)
        {
            return refusal;
        }
        WebhookInput input = request.Input;
        List<string>? actions = input.Actions?.Distinct().ToList();
        if (webhook.ProjectId is not null
            && WebhookInputRules.ContainsOrganizationOnly(actions ?? webhook.Actions.Select(subscription => subscription.Action), _registry))
        {
            return OrganizationOnlyRefusal;
        }

        Dictionary<string, string>? headers = Copy(input.Headers);
        bool reactivated = input.IsActive == true && !webhook.IsActive;
        bool retargeted = input.Url is not null && input.Url != webhook.Url
            || headers is not null && !SameHeaders(headers, webhook.Headers);
        if (reactivated || retargeted)
        {
            webhook.ConsecutiveFailures = 0;
        }
        webhook.Url = input.Url ?? webhook.Url;
        webhook.SendPayload = input.SendPayload ?? webhook.SendPayload;
        webhook.SendForAllActions = input.SendForAllActions ?? webhook.SendForAllActions;
        webhook.IsActive = input.IsActive ?? webhook.IsActive;
        webhook.Headers = headers ?? webhook.Headers;
        if (actions is not null)
        {
            webhook.Actions.RemoveAll(subscription => !actions.Contains(subscription.Action));
            webhook.Actions.AddRange(actions
                .Where(action => !webhook.Actions.Exists(subscription => subscription.Action == action))
                .Select(action => new WebhookSubscription { WebhookId = webhook.Id, Action = action }));
        }
        webhook.UpdatedAt = _timeProvider.GetUtcNow().UtcDateTime;
        await _store.UpdateAsync(webhook, cancellationToken).ConfigureAwait(false);
        _dispatch.WebhookChanged(webhook.Id);
        return WebhookChange.Saved(webhook);
    }

    /// <summary>
    /// The delivery log of one of the organization's webhooks, to list, read and redeliver its messages; or
    /// <see langword="null"/> when the organization has no such webhook.
    /// </summary>
    /// <param name="organizationId">The caller's organization.</param>
    /// <param name="id">The webhook.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <exception cref="InvalidOperationException">No outbox is registered, so there is no log.</exception>
    public async Task<WebhookDeliveryLog?> FindDeliveryLogAsync(long organizationId, long id, CancellationToken cancellationToken = default)
    {
        IWebhookOutbox log = _outbox ?? throw new InvalidOperationException(
            "The delivery log is the outbox's (IWebhookOutbox), and none is registered: call services.AddHooksEntityFrameworkCore<YourDbContext>(), which adds one.");
        return await _store.FindAsync(organizationId, id, cancellationToken).ConfigureAwait(false) is null
            ? null
            : new WebhookDeliveryLog(id, log, _dispatch, _timeProvider);
    }

    /// <summary>The webhook's signing secret (<c>whsec_...</c>), or <see langword="null"/> when there is no such webhook of the organization.</summary>
    /// <param name="organizationId">The caller's organization.</param>
    /// <param name="id">The webhook.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <remarks>A webhook without one (imported unsigned) gets one now: asking for the secret is asking for signed messages.</remarks>
    public async Task<WebhookSecret?> GetSecretAsync(long organizationId, long id, CancellationToken cancellationToken = default)
    {
        if (await _store.FindAsync(organizationId, id, cancellationToken).ConfigureAwait(false) is not { } webhook)
        {
            return null;
        }
        if (webhook.ProtectedSecret is null)
        {
            _secrets.Assign(webhook);
            await _store.UpdateAsync(webhook, cancellationToken).ConfigureAwait(false);
            _dispatch.WebhookChanged(webhook.Id);
        }
        return _secrets.Current(webhook);
    }

    /// <summary>Replaces the webhook's secret; the old one keeps signing for <see cref="WebhookOptions.SecretRotationOverlap"/>.</summary>
    /// <param name="organizationId">The caller's organization.</param>
    /// <param name="id">The webhook.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    public async Task<WebhookSecret?> RotateSecretAsync(long organizationId, long id, CancellationToken cancellationToken = default)
    {
        if (await _store.FindAsync(organizationId, id, cancellationToken).ConfigureAwait(false) is not { } webhook)
        {
            return null;
        }
        _secrets.Rotate(webhook);
        webhook.UpdatedAt = _timeProvider.GetUtcNow().UtcDateTime;
        await _store.UpdateAsync(webhook, cancellationToken).ConfigureAwait(false);
        _dispatch.WebhookChanged(webhook.Id);
        return _secrets.Current(webhook);
    }

    /// <summary>Deletes one of the organization's webhooks; false when there is none.</summary>
    /// <param name="organizationId">The caller's organization.</param>
    /// <param name="id">The webhook.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    public async Task<bool> DeleteAsync(long organizationId, long id, CancellationToken cancellationToken = default)
    {
        // The webhook's undelivered messages go with it and its delivery log, as Label Studio's related rows do; the
        // log says how many, so that none vanishes unnoticed.
        int undelivered = _outbox is null || await _store.FindAsync(organizationId, id, cancellationToken).ConfigureAwait(false) is null
            ? 0
            : (await _outbox.ListAsync(id, WebhookDeliveryStatus.Pending, 0, 0, cancellationToken).ConfigureAwait(false)).Count
              + (await _outbox.ListAsync(id, WebhookDeliveryStatus.Waiting, 0, 0, cancellationToken).ConfigureAwait(false)).Count;
        bool deleted = await _store.DeleteAsync(organizationId, id, cancellationToken).ConfigureAwait(false);
        if (deleted)
        {
            _dispatch.WebhookChanged(id);
        }
        if (deleted && undelivered > 0)
        {
            LogDiscarded(id, undelivered);
        }
        return deleted;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook {WebhookId} was deleted with {Count} undelivered messages; they were discarded with its delivery log")]
    private partial void LogDiscarded(long webhookId, int count);

    private static WebhookChange OrganizationOnlyRefusal =>
        WebhookChange.Invalid("non_field_errors", "Project webhook can't contain organization-only action.");

    /// <summary>The refusals of a request's fields, the address policy's verdict on its URL included, or <see langword="null"/>.</summary>
    private async Task<WebhookChange?> RefusalAsync(WebhookRequest request, bool urlRequired, CancellationToken cancellationToken)
    {
        FieldErrors errors = WebhookInputRules.Check(request.Input, request.Errors, urlRequired, _registry);
        // Only a URL that is valid otherwise is resolved: a refusal costs no DNS lookup.
        if (errors.IsEmpty && request.Input.Url is { } url
            && await _addresses.CheckUrlAsync(new Uri(url), cancellationToken).ConfigureAwait(false) is { } problem)
        {
            errors.Add("url", problem);
        }
        return errors.IsEmpty ? null : WebhookChange.Invalid(errors.ToDictionary());
    }

    private static Dictionary<string, string>? Copy(IReadOnlyDictionary<string, string>? headers) =>
        headers?.ToDictionary(header => header.Key, header => header.Value, StringComparer.Ordinal);

    private static bool SameHeaders(Dictionary<string, string> left, Dictionary<string, string> right) =>
        left.Count == right.Count && left.All(header => right.TryGetValue(header.Key, out string? value) && value == header.Value);
}
