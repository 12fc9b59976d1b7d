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

    public string? Read(string name) =>
        NonEmpty(configuration["LABEL_STUDIO_" + name]) ?? NonEmpty(configuration[name]);

    /// <summary>
    /// Applies <c>WEBHOOK_TIMEOUT</c>, <c>WEBHOOK_BATCH_SIZE</c>, <c>WEBHOOK_MAX_CONSECUTIVE_FAILURES</c>,
    /// <c>ALLOW_ORGANIZATION_WEBHOOKS</c>, <c>SSRF_PROTECTION_ENABLED</c> and <c>USER_ADDITIONAL_ALLOWED_SUBNETS</c> /
    /// <c>USER_ADDITIONAL_BANNED_SUBNETS</c> (comma-separated CIDRs).
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
        options.AllowedSubnets.AddRange(Subnets("USER_ADDITIONAL_ALLOWED_SUBNETS"));
        options.BannedSubnets.AddRange(Subnets("USER_ADDITIONAL_BANNED_SUBNETS"));
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
