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

    /// <summary>The claim that carries the caller's organization id, read by the default <see cref="Identity.IWebhookOrganizationAccessor"/>.</summary>
    public string OrganizationClaimType { get; set; } = "organization";

    /// <summary>
    /// For an app without tenants: when set, every authenticated caller acts for this organization and
    /// <see cref="OrganizationClaimType"/> is not read, so the app's authentication needs no organization claim.
    /// An unauthenticated caller still has no organization. <see langword="null"/> (the default) reads the claim.
    /// It must be positive. Read by the default <see cref="Identity.IWebhookOrganizationAccessor"/>; one of your own replaces both.
    /// </summary>
    public long? SingleOrganizationId { get; set; }

    /// <summary>
    /// Refuse webhook URLs that reach loopback, private, link-local, CGNAT, unique-local, multicast, reserved or metadata
    /// addresses: at create/update and again on the address actually dialled (<c>SSRF_PROTECTION_ENABLED</c>, on by default).
    /// </summary>
    public bool SsrfProtection { get; set; } = true;

    /// <summary>CIDRs exempted from the block list, for receivers on private networks (<c>USER_ADDITIONAL_ALLOWED_SUBNETS</c>).</summary>
    public List<string> AllowedSubnets { get; set; } = [];

    /// <summary>
    /// How this app's operators set <see cref="AllowedSubnets"/>, named by the refusal of a URL in a reserved range so
    /// whoever reads it knows how to allow a receiver there. An app that maps a setting of its own onto the list names
    /// that one (the sample: <c>USER_ADDITIONAL_ALLOWED_SUBNETS</c>).
    /// </summary>
    public string AllowedSubnetsSetting { get; set; } = "Hooks:AllowedSubnets (WebhookOptions.AllowedSubnets)";

    /// <summary>CIDRs blocked in addition to the reserved ranges (<c>USER_ADDITIONAL_BANNED_SUBNETS</c>).</summary>
    public List<string> BannedSubnets { get; set; } = [];

    /// <summary>Accept only https:// webhook URLs.</summary>
    public bool HttpsOnly { get; set; }

    /// <summary>
    /// The HTTP proxy deliveries go through, or <see langword="null"/> (the default) to connect directly. Environment
    /// proxies (<c>HTTP_PROXY</c>, <c>HTTPS_PROXY</c>) are never used: the connect-time address check would then judge
    /// the proxy instead of the receiver. With a proxy, each target's addresses are checked before the request is
    /// handed to it.
    /// </summary>
    public Uri? Proxy { get; set; }

    /// <summary>
    /// <see cref="WebhookDeliveryMode.Inline"/> (Label Studio's: POSTs before the emitting call returns) or
    /// <see cref="WebhookDeliveryMode.Background"/> (the durable outbox and <see cref="Delivery.WebhookDispatcher"/>).
    /// </summary>
    public WebhookDeliveryMode Delivery { get; set; } = WebhookDeliveryMode.Background;

    /// <summary>
    /// With <see cref="WebhookDeliveryMode.Background"/>, the filters run the decorated action in a transaction of the
    /// app's store and write its messages before committing, so the change and its event commit together or neither
    /// does; a failure to write the event rolls the change back and answers 500 with a problem response. False keeps
    /// Label Studio's order: the change commits first and its event is written after it, best effort, so a crash or
    /// a failure in between loses the event. On by default.
    /// </summary>
    public bool EmitInTransaction { get; set; } = true;

    /// <summary>Delays before each retry; their number is the number of retries. Svix's schedule by default.</summary>
    public List<TimeSpan> RetrySchedule { get; set; } =
    [
        TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30), TimeSpan.FromHours(2),
        TimeSpan.FromHours(5), TimeSpan.FromHours(10), TimeSpan.FromHours(10),
    ];

    /// <summary>Each retry delay varies by up to this fraction either way, so failed messages do not return in step.</summary>
    public double RetryJitter { get; set; } = 0.2;

    /// <summary>The longest <c>Retry-After</c> honoured; a receiver cannot push a retry further than this.</summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long a claimed message is held beyond <see cref="Timeout"/> before another dispatcher may take it.</summary>
    public TimeSpan LeaseMargin { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often the dispatcher looks for due messages when nothing wakes it.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The most attempts in flight at once.</summary>
    public int MaxConcurrency { get; set; } = 32;

    /// <summary>The most attempts in flight to one webhook: a slow receiver cannot take every slot.</summary>
    public int MaxConcurrencyPerWebhook { get; set; } = 4;

    /// <summary>
    /// How many messages per attempt slot the dispatcher may claim ahead for a receiver fast enough to take them within
    /// <see cref="LeaseMargin"/>: one claim then feeds many attempts, and an attempt's slot goes straight to the next
    /// message without waiting for the database. A slow receiver is claimed for one message per slot.
    /// </summary>
    public int ClaimAhead { get; set; } = 256;

    /// <summary>The most message body bytes the dispatcher holds claimed in memory, so large payloads cannot exhaust it.</summary>
    public long MaxClaimedBytes { get; set; } = 16 * 1024 * 1024;

    /// <summary>How long finished messages and their attempts stay in the delivery log.</summary>
    public TimeSpan DeliveryRetention { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How long a rotated secret keeps signing beside the new one, so receivers can switch without losing messages.</summary>
    public TimeSpan SecretRotationOverlap { get; set; } = TimeSpan.FromHours(24);

    /// <summary>The most bytes of a request body the webhooks REST API reads.</summary>
    public int MaxRequestBodyBytes { get; set; } = 64 * 1024;
}

/// <summary>How emitted messages are delivered.</summary>
public enum WebhookDeliveryMode
{
    /// <summary>Label Studio's: each POST made before the emitting call returns, once.</summary>
    Inline,

    /// <summary>Written to the durable outbox and sent, with retries, by <see cref="Delivery.WebhookDispatcher"/>.</summary>
    Background,
}
