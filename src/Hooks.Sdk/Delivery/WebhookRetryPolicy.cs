using Microsoft.Extensions.Options;

namespace Hooks.Sdk.Delivery;

/// <summary>
/// What becomes of a message after an attempt: a 2xx succeeds it; a 410 Gone or the last retry spent fails it;
/// anything else makes it due again after the next delay of <see cref="WebhookOptions.RetrySchedule"/>, varied by up
/// to <see cref="WebhookOptions.RetryJitter"/> so that failed messages do not return in step, and stretched to the
/// receiver's <c>Retry-After</c> up to <see cref="WebhookOptions.MaxRetryAfter"/>. A pure function of its inputs and
/// the random source it is given.
/// </summary>
internal sealed class WebhookRetryPolicy(IOptions<WebhookOptions> options, Random random)
{
    /// <summary>The message's next state after the attempt that <paramref name="result"/> reports.</summary>
    /// <param name="attempts">Attempts made, this one included.</param>
    /// <param name="result">This attempt's result.</param>
    /// <param name="now">When it finished (UTC).</param>
    public WebhookRetryDecision Decide(int attempts, WebhookDeliveryResult result, DateTime now)
    {
        WebhookOptions settings = options.Value;
        if (result.Succeeded)
        {
            return new WebhookRetryDecision(WebhookDeliveryStatus.Succeeded, now);
        }
        if (result.StatusCode == 410 || attempts > settings.RetrySchedule.Count)
        {
            return new WebhookRetryDecision(WebhookDeliveryStatus.Failed, now);
        }
        TimeSpan delay = settings.RetrySchedule[attempts - 1] * (1 + (((random.NextDouble() * 2) - 1) * settings.RetryJitter));
        if (result.RetryAfter is { } retryAfter && retryAfter > delay)
        {
            delay = retryAfter < settings.MaxRetryAfter ? retryAfter : settings.MaxRetryAfter;
        }
        return new WebhookRetryDecision(WebhookDeliveryStatus.Pending, now + delay);
    }
}

/// <summary>A message's state after an attempt, and when it is next due if it is pending.</summary>
internal readonly record struct WebhookRetryDecision(WebhookDeliveryStatus Status, DateTime NextAttemptAt);
