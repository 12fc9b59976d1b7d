using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Hooks.Sdk.Telemetry;

/// <summary>
/// The dispatcher's health: unhealthy when it has not looked for work for ten poll intervals, degraded when the oldest
/// due message has waited longer than five minutes, healthy otherwise (and always with inline delivery). Reports the
/// backlog as data.
/// </summary>
internal sealed class WebhookDispatcherHealthCheck(WebhookTelemetry telemetry, IOptions<WebhookOptions> options, TimeProvider timeProvider) : IHealthCheck
{
    private static readonly TimeSpan DegradedAfter = TimeSpan.FromMinutes(5);

    /// <inheritdoc />
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (options.Value.Delivery != WebhookDeliveryMode.Background)
        {
            return Task.FromResult(HealthCheckResult.Healthy("Inline delivery: no dispatcher."));
        }
        var data = new Dictionary<string, object> { ["backlog"] = telemetry.Backlog, ["oldest_due_age_seconds"] = telemetry.OldestDueAge.TotalSeconds };
        if (telemetry.DispatchFailure is { } failure)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy($"The webhook dispatcher cannot claim messages: {failure}", data: data));
        }
        TimeSpan? silence = timeProvider.GetUtcNow() - telemetry.LastDispatchLoop;
        if (silence is null || silence > options.Value.PollInterval * 10 + options.Value.Timeout)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("The webhook dispatcher is not running.", data: data));
        }
        return Task.FromResult(telemetry.OldestDueAge > DegradedAfter
            ? HealthCheckResult.Degraded($"The oldest due webhook message has waited {telemetry.OldestDueAge:g}.", data: data)
            : HealthCheckResult.Healthy($"{telemetry.Backlog} webhook message(s) due.", data));
    }
}
