namespace Hooks.Sdk;

/// <summary>Settings of the webhook runtime, bound from the <c>Hooks</c> configuration section.</summary>
public sealed class WebhookOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Hooks";

    /// <summary>Time allowed for one delivery attempt, connect and response (Label Studio's <c>WEBHOOK_TIMEOUT</c>, 10 s).</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Most instances in one message of a list action; larger sets go out as several messages (<c>WEBHOOK_BATCH_SIZE</c>).</summary>
    public int BatchSize { get; set; } = 5000;

    /// <summary>Failed deliveries in a row that disable a webhook; zero or less turns auto-disable off (<c>WEBHOOK_MAX_CONSECUTIVE_FAILURES</c>).</summary>
    public int MaxConsecutiveFailures { get; set; } = 50;

    /// <summary>Whether webhooks without a project may be created (<c>ALLOW_ORGANIZATION_WEBHOOKS</c>).</summary>
    public bool AllowOrganizationWebhooks { get; set; } = true;

    /// <summary>The claim that carries the caller's organization id, read by the default <see cref="IWebhookOrganizationAccessor"/>.</summary>
    public string OrganizationClaimType { get; set; } = "organization";

    /// <summary>The most bytes of a request body the webhooks REST API reads.</summary>
    public int MaxRequestBodyBytes { get; set; } = 64 * 1024;
}
