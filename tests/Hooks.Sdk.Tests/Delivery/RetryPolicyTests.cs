using Hooks.Sdk.Delivery;
using Microsoft.Extensions.Options;

namespace Hooks.Sdk.Tests.Delivery;

/// <summary>The retry policy as the pure function it is: the schedule, its jitter's bounds, Retry-After, 410 and the last retry.</summary>
public sealed class RetryPolicyTests
{
    private static readonly DateTime Now = new(2026, 12, 1, 12, 0, 0, DateTimeKind.Utc);

    private static readonly WebhookOptions Settings = new()
    {
        RetrySchedule = [TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(5)],
        RetryJitter = 0.2,
        MaxRetryAfter = TimeSpan.FromHours(1),
    };

    [Theory]
    [InlineData(0.0, 8)]
    [InlineData(0.5, 10)]
    [InlineData(0.999999, 12)]
    public void A_failure_is_due_again_after_the_scheduled_delay_varied_within_the_jitter(double random, double seconds)
    {
        WebhookRetryDecision decision = Policy(random).Decide(1, Failure(500), Now);

        Assert.Equal(WebhookDeliveryStatus.Pending, decision.Status);
        Assert.Equal(seconds, (decision.NextAttemptAt - Now).TotalSeconds, precision: 3);
    }

    [Fact]
    public void Retry_after_stretches_the_delay_up_to_its_bound_but_never_shortens_it()
    {
        Assert.Equal(TimeSpan.FromMinutes(2), Policy(0.5).Decide(1, Failure(503) with { RetryAfter = TimeSpan.FromMinutes(2) }, Now).NextAttemptAt - Now);
        Assert.Equal(TimeSpan.FromHours(1), Policy(0.5).Decide(1, Failure(503) with { RetryAfter = TimeSpan.FromDays(2) }, Now).NextAttemptAt - Now);
        Assert.Equal(TimeSpan.FromSeconds(10), Policy(0.5).Decide(1, Failure(503) with { RetryAfter = TimeSpan.FromSeconds(1) }, Now).NextAttemptAt - Now);
    }

    [Fact]
    public void Success_succeeds_and_gone_or_the_last_retry_fails()
    {
        Assert.Equal(WebhookDeliveryStatus.Succeeded, Policy(0.5).Decide(1, new WebhookDeliveryResult(204, TimeSpan.Zero, null), Now).Status);
        Assert.Equal(WebhookDeliveryStatus.Failed, Policy(0.5).Decide(1, Failure(410), Now).Status);
        Assert.Equal(WebhookDeliveryStatus.Pending, Policy(0.5).Decide(2, Failure(500), Now).Status);
        Assert.Equal(WebhookDeliveryStatus.Failed, Policy(0.5).Decide(3, Failure(500), Now).Status);
        Assert.Equal(WebhookDeliveryStatus.Failed, Policy(0.5).Decide(3, new WebhookDeliveryResult(null, TimeSpan.Zero, "timed out"), Now).Status);
    }

    private static WebhookRetryPolicy Policy(double random) => new(Options.Create(Settings), new FixedRandom(random));

    private static WebhookDeliveryResult Failure(int status) => new(status, TimeSpan.FromMilliseconds(5), null);

    private sealed class FixedRandom(double value) : Random
    {
        public override double NextDouble() => value;
    }
}
