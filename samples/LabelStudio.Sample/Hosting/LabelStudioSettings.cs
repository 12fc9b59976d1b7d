using System.Globalization;
using Hooks.Sdk;

namespace LabelStudio.Sample.Hosting;

/// <summary>
/// Label Studio's settings, read as <c>LABEL_STUDIO_&lt;NAME&gt;</c> first, then <c>&lt;NAME&gt;</c>, from the
/// environment (or any configuration source), and mapped onto the SDK's options.
/// </summary>
public sealed class LabelStudioSettings(IConfiguration configuration)
{
    /// <summary>Where the SQLite database lives (<c>LABEL_STUDIO_BASE_DATA_DIR</c>, default <c>./data</c>).</summary>
    public string DataDirectory => Path.GetFullPath(Read("BASE_DATA_DIR") ?? "data");

    public string? Username => Read("USERNAME");

    public string? Password => Read("PASSWORD");

    public string? UserToken => Read("USER_TOKEN");

    /// <summary>The most tasks one import may create (<c>TASKS_MAX_NUMBER</c>, Label Studio's default 1,000,000).</summary>
    public int MaxImportTasks => Read("TASKS_MAX_NUMBER") is { } max ? (int)Number(max, "TASKS_MAX_NUMBER") : 1_000_000;

    public string? Read(string name) =>
        NonEmpty(configuration["LABEL_STUDIO_" + name]) ?? NonEmpty(configuration[name]);

    /// <summary>
    /// Applies <c>WEBHOOK_TIMEOUT</c>, <c>WEBHOOK_BATCH_SIZE</c>, <c>WEBHOOK_MAX_CONSECUTIVE_FAILURES</c>,
    /// <c>ALLOW_ORGANIZATION_WEBHOOKS</c>, <c>SSRF_PROTECTION_ENABLED</c> and <c>USER_ADDITIONAL_ALLOWED_SUBNETS</c> /
    /// <c>USER_ADDITIONAL_BANNED_SUBNETS</c> (comma-separated CIDRs), <c>WEBHOOK_DELIVERY</c> (<c>background</c> by default,
    /// or <c>inline</c>) and <c>WEBHOOK_RETRY_SCHEDULE</c> (<c>5s,5m,30m,2h,5h,10h,10h</c> by default).
    /// </summary>
    public void Apply(WebhookOptions options)
    {
        if (Read("WEBHOOK_TIMEOUT") is { } timeout)
        {
            options.Timeout = TimeSpan.FromSeconds(Number(timeout, "WEBHOOK_TIMEOUT"));
        }
        if (Read("WEBHOOK_BATCH_SIZE") is { } batchSize)
        {
            options.BatchSize = (int)Number(batchSize, "WEBHOOK_BATCH_SIZE");
        }
        if (Read("WEBHOOK_MAX_CONSECUTIVE_FAILURES") is { } failures)
        {
            options.MaxConsecutiveFailures = (int)Number(failures, "WEBHOOK_MAX_CONSECUTIVE_FAILURES");
        }
        if (Read("ALLOW_ORGANIZATION_WEBHOOKS") is { } allow)
        {
            options.AllowOrganizationWebhooks = IsTrue(allow);
        }
        if (Read("SSRF_PROTECTION_ENABLED") is { } ssrf)
        {
            options.SsrfProtection = IsTrue(ssrf);
        }
        options.Delivery = (Read("WEBHOOK_DELIVERY") ?? "background").Trim().ToLowerInvariant() switch
        {
            "background" => WebhookDeliveryMode.Background,
            "inline" => WebhookDeliveryMode.Inline,
            var other => throw new InvalidOperationException($"WEBHOOK_DELIVERY must be 'background' or 'inline', not '{other}'."),
        };
        if (Read("WEBHOOK_RETRY_SCHEDULE") is { } schedule)
        {
            options.RetrySchedule = schedule.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(Delay).ToList();
        }
        options.AllowedSubnets.AddRange(Subnets("USER_ADDITIONAL_ALLOWED_SUBNETS"));
        // A refused URL names the setting to change; here that is the variable, not the SDK's option.
        options.AllowedSubnetsSetting = "USER_ADDITIONAL_ALLOWED_SUBNETS";
        options.BannedSubnets.AddRange(Subnets("USER_ADDITIONAL_BANNED_SUBNETS"));
    }

    /// <summary>A delay with a unit: <c>500ms</c>, <c>5s</c>, <c>5m</c>, <c>2h</c>.</summary>
    private static TimeSpan Delay(string text)
    {
        (int unitLength, double unitMilliseconds) = text switch
        {
            _ when text.EndsWith("ms", StringComparison.Ordinal) => (2, 1),
            _ when text.EndsWith('s') => (1, 1000),
            _ when text.EndsWith('m') => (1, 60_000),
            _ when text.EndsWith('h') => (1, 3_600_000),
            _ => throw new InvalidOperationException($"WEBHOOK_RETRY_SCHEDULE entries need a unit (ms, s, m, h): '{text}'."),
        };
        return TimeSpan.FromMilliseconds(Number(text[..^unitLength], "WEBHOOK_RETRY_SCHEDULE") * unitMilliseconds);
    }

    private IEnumerable<string> Subnets(string name) =>
        (Read(name) ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static bool IsTrue(string value) => value.Trim().ToLowerInvariant() is "1" or "true" or "yes" or "on";

    private static double Number(string value, string name) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double number)
            ? number
            : throw new InvalidOperationException($"{name} must be a number, not '{value}'.");

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
