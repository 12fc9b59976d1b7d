using Hooks.Sdk.Store;

namespace Hooks.Sdk.Delivery;

/// <summary>
/// The operator events a delivery's outcome raises, built outside delivery: they go to the webhooks that list them,
/// which is emission's job, and emission depends on delivery.
/// </summary>
internal interface IWebhookOutcomeEvents
{
    /// <summary>The messages announcing that <paramref name="webhook"/> was disabled, for <paramref name="reason"/>.</summary>
    Task<IReadOnlyList<WebhookMessage>> DisabledAsync(Webhook webhook, string reason, CancellationToken cancellationToken);

    /// <summary>The messages announcing that <paramref name="record"/> was given up.</summary>
    Task<IReadOnlyList<WebhookMessage>> ExhaustedAsync(Webhook webhook, WebhookDeliveryRecord record, CancellationToken cancellationToken);
}
