namespace Hooks.Sdk.Store;

/// <summary>
/// A subscription: where to POST which actions of an organization, or of one of its projects. Label Studio's
/// <c>Webhook</c> model, field for field.
/// </summary>
public sealed class Webhook
{
    /// <summary>The largest <see cref="Url"/>, as Label Studio's <c>URLField(max_length=2048)</c>.</summary>
    public const int MaxUrlLength = 2048;

    /// <summary>The most <see cref="Headers"/> entries.</summary>
    public const int MaxHeaders = 10;

    /// <summary>Identity.</summary>
    public long Id { get; set; }

    /// <summary>The owning organization; set by the server, never by the caller.</summary>
    public long OrganizationId { get; set; }

    /// <summary>The project, or <see langword="null"/> for an organization-level webhook that receives the events of every project.</summary>
    public long? ProjectId { get; set; }

    /// <summary>The absolute http(s) URL POSTed to.</summary>
    public string Url { get; set; } = "";

    /// <summary>When false, messages carry only <c>{"action": ...}</c>.</summary>
    public bool SendPayload { get; set; } = true;

    /// <summary>When false, only the actions in <see cref="Actions"/> are sent.</summary>
    public bool SendForAllActions { get; set; } = true;

    /// <summary>Headers added to every request.</summary>
    public Dictionary<string, string> Headers { get; set; } = [];

    /// <summary>When false, nothing is sent.</summary>
    public bool IsActive { get; set; } = true;

    /// <summary>Failed deliveries in a row; the webhook is disabled when it reaches the configured threshold.</summary>
    public int ConsecutiveFailures { get; set; }

    /// <summary>The subscribed actions, used when <see cref="SendForAllActions"/> is false.</summary>
    public List<WebhookSubscription> Actions { get; set; } = [];

    /// <summary>
    /// The signing secret, encrypted with ASP.NET Core Data Protection (<see cref="Security.WebhookSecrets"/>); never shown by
    /// the webhook resource. <see langword="null"/> for a webhook imported without one: its messages go out unsigned.
    /// </summary>
    public string? ProtectedSecret { get; set; }

    /// <summary>The secret replaced by the last rotation, encrypted, still signing until <see cref="PreviousSecretExpiresAt"/>.</summary>
    public string? ProtectedPreviousSecret { get; set; }

    /// <summary>When the previous secret stops signing (UTC).</summary>
    public DateTime? PreviousSecretExpiresAt { get; set; }

    /// <summary>Creation time (UTC).</summary>
    public DateTime CreatedAt { get; set; }

    /// <summary>Last change (UTC).</summary>
    public DateTime UpdatedAt { get; set; }
}

/// <summary>One action a webhook subscribes to (Label Studio's <c>WebhookAction</c> row).</summary>
public sealed class WebhookSubscription
{
    /// <summary>Identity.</summary>
    public long Id { get; set; }

    /// <summary>The webhook.</summary>
    public long WebhookId { get; set; }

    /// <summary>The action name, for example <c>TASKS_CREATED</c>.</summary>
    public string Action { get; set; } = "";
}
