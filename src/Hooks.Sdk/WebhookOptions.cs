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

    /// <summary>
    /// Refuse webhook URLs that reach loopback, private, link-local, CGNAT, unique-local, multicast, reserved or metadata
    /// addresses: at create/update and again on the address actually dialled (<c>SSRF_PROTECTION_ENABLED</c>, on by default).
    /// </summary>
    public bool SsrfProtection { get; set; } = true;

    /// <summary>CIDRs exempted from the block list, for receivers on private networks (<c>USER_ADDITIONAL_ALLOWED_SUBNETS</c>).</summary>
    public List<string> AllowedSubnets { get; set; } = [];

    /// <summary>CIDRs blocked in addition to the reserved ranges (<c>USER_ADDITIONAL_BANNED_SUBNETS</c>).</summary>
    public List<string> BannedSubnets { get; set; } = [];

    /// <summary>Accept only https:// webhook URLs.</summary>
    public bool HttpsOnly { get; set; }

    /// <summary>The most bytes of a request body the webhooks REST API reads.</summary>
    public int MaxRequestBodyBytes { get; set; } = 64 * 1024;
}
