using System.Net;
using Microsoft.Extensions.Options;

namespace Hooks.Sdk.Hosting;

/// <summary>
/// Checks <see cref="WebhookOptions"/> when the host starts (<c>ValidateOnStart</c>): every problem at once, each
/// naming its setting and what it takes, so a wrong configuration fails the start instead of a delivery.
/// </summary>
internal sealed class WebhookOptionsValidator : IValidateOptions<WebhookOptions>
{
    public ValidateOptionsResult Validate(string? name, WebhookOptions options)
    {
        var failures = new List<string>();
        Require(failures, options.Timeout > TimeSpan.Zero, "Hooks:Timeout must be positive.");
        Require(failures, options.BatchSize > 0, "Hooks:BatchSize must be at least 1.");
        Require(failures, options.MaxConcurrency > 0 && options.MaxConcurrencyPerWebhook > 0,
            "Hooks:MaxConcurrency and Hooks:MaxConcurrencyPerWebhook must be at least 1.");
        Require(failures, options.ClaimAhead > 0 && options.MaxClaimedBytes > 0, "Hooks:ClaimAhead and Hooks:MaxClaimedBytes must be at least 1.");
        Require(failures, options.RetrySchedule.All(delay => delay >= TimeSpan.Zero) && options.RetryJitter is >= 0 and < 1,
            "Hooks:RetrySchedule delays must not be negative and Hooks:RetryJitter must be in [0, 1).");
        Require(failures, options.MaxRequestBodyBytes > 0, "Hooks:MaxRequestBodyBytes must be at least 1.");
        Require(failures, options.SingleOrganizationId is null or > 0,
            "Hooks:SingleOrganizationId must be a positive organization id, such as 1, or unset to read the organization claim.");
        Require(failures, options.Proxy is null || (options.Proxy.IsAbsoluteUri && options.Proxy.Scheme is "http" or "https"),
            "Hooks:Proxy must be an absolute http:// or https:// URL, such as http://proxy.internal:3128.");
        Require(failures, options.AllowedSubnets.Concat(options.BannedSubnets).All(cidr => IPNetwork.TryParse(cidr.Trim(), out _)),
            "Hooks:AllowedSubnets and Hooks:BannedSubnets must be CIDRs, such as 10.0.0.0/8.");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Require(List<string> failures, bool holds, string failure)
    {
        if (!holds)
        {
            failures.Add(failure);
        }
    }
}
