namespace Hooks.Sdk.Store;

/// <summary>
/// Where webhooks live. <c>Hooks.Sdk.EntityFrameworkCore</c> implements it over the app's own <c>DbContext</c>;
/// every query is scoped to one organization.
/// </summary>
public interface IWebhookStore
{
    /// <summary>
    /// Label Studio's <c>get_active_webhooks</c> query: webhooks of <paramref name="organizationId"/> that are active,
    /// whose project is <paramref name="projectId"/> or null (only null when <paramref name="projectId"/> is null), and
    /// that send all actions or list <paramref name="action"/>; each webhook once.
    /// </summary>
    /// <param name="organizationId">The organization.</param>
    /// <param name="projectId">The event's project, or <see langword="null"/>.</param>
    /// <param name="action">The action name.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    Task<IReadOnlyList<Webhook>> GetActiveAsync(long organizationId, long? projectId, string action, CancellationToken cancellationToken);

    /// <summary>
    /// Whether <paramref name="organizationId"/> has any active webhook, of any project or none, that sends all actions
    /// or lists <paramref name="action"/>. The filters ask it before reloading an object, so that a request with
    /// nothing to send costs one cheap query; it must be exact, never cached, so a webhook counts from its commit.
    /// </summary>
    /// <param name="organizationId">The organization.</param>
    /// <param name="action">The action name.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    Task<bool> AnyActiveAsync(long organizationId, string action, CancellationToken cancellationToken);

    /// <summary>The webhooks with these ids, in any organization, with their subscriptions: the dispatcher's one read per claimed batch.</summary>
    /// <param name="ids">The webhook ids.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    Task<IReadOnlyList<Webhook>> GetManyAsync(IReadOnlyCollection<long> ids, CancellationToken cancellationToken);

    /// <summary>The webhooks of an organization, by id, filtered by project.</summary>
    /// <param name="organizationId">The organization.</param>
    /// <param name="project">Which webhooks: all, one project's, or organization-level ones.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    Task<IReadOnlyList<Webhook>> ListAsync(long organizationId, WebhookProjectFilter project, CancellationToken cancellationToken);

    /// <summary>A webhook of the organization, or <see langword="null"/> (another organization's id included).</summary>
    /// <param name="organizationId">The organization.</param>
    /// <param name="id">The webhook id.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    Task<Webhook?> FindAsync(long organizationId, long id, CancellationToken cancellationToken);

    /// <summary>Stores a new webhook with its subscriptions and returns it with its id.</summary>
    /// <param name="webhook">The webhook.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    Task<Webhook> AddAsync(Webhook webhook, CancellationToken cancellationToken);

    /// <summary>Saves a webhook from <see cref="FindAsync"/>, its subscriptions replaced by <see cref="Webhook.Actions"/>.</summary>
    /// <param name="webhook">The changed webhook.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    Task UpdateAsync(Webhook webhook, CancellationToken cancellationToken);

    /// <summary>Deletes a webhook of the organization; false when there is none.</summary>
    /// <param name="organizationId">The organization.</param>
    /// <param name="id">The webhook id.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    Task<bool> DeleteAsync(long organizationId, long id, CancellationToken cancellationToken);

    /// <summary>Deactivates a webhook at once (its receiver answered 410 Gone); true when it was active.</summary>
    /// <param name="webhookId">The webhook.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    Task<bool> DisableAsync(long webhookId, CancellationToken cancellationToken);

    /// <summary>
    /// Records a delivery outcome with Label Studio's auto-disable rules: success resets the failure counter; failure
    /// increments it atomically and, at <paramref name="threshold"/>, deactivates the webhook. A threshold of zero or
    /// less turns the counter off. Returns true when this call disabled the webhook.
    /// </summary>
    /// <param name="webhookId">The webhook.</param>
    /// <param name="success">Whether the receiver answered 2xx.</param>
    /// <param name="threshold">Failures in a row that disable the webhook.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    Task<bool> RecordDeliveryAsync(long webhookId, bool success, int threshold, CancellationToken cancellationToken);
}

/// <summary>Which webhooks a list returns: Label Studio's <c>?project=</c> filter.</summary>
/// <param name="Kind">All, one project's, or organization-level ones (<c>?project=isnull</c>).</param>
/// <param name="ProjectId">The project, for <see cref="WebhookProjectFilterKind.Project"/>.</param>
public readonly record struct WebhookProjectFilter(WebhookProjectFilterKind Kind, long ProjectId = 0)
{
    /// <summary>Every webhook of the organization.</summary>
    public static WebhookProjectFilter All => new(WebhookProjectFilterKind.All);

    /// <summary>Organization-level webhooks only.</summary>
    public static WebhookProjectFilter OrganizationLevel => new(WebhookProjectFilterKind.OrganizationLevel);

    /// <summary>One project's webhooks.</summary>
    /// <param name="projectId">The project.</param>
    public static WebhookProjectFilter ForProject(long projectId) => new(WebhookProjectFilterKind.Project, projectId);
}

/// <summary>The kinds of <see cref="WebhookProjectFilter"/>.</summary>
public enum WebhookProjectFilterKind
{
    /// <summary>Every webhook.</summary>
    All,

    /// <summary>Webhooks with no project.</summary>
    OrganizationLevel,

    /// <summary>Webhooks of one project.</summary>
    Project,
}
