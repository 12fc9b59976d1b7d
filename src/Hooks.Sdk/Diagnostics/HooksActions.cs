namespace Hooks.Sdk;

/// <summary>
/// The SDK's own events, for operators: subscribe an organization-level webhook to them (they are organization-only)
/// to hear when a receiver stops being reached. Listed by <c>/api/webhooks/info/</c> after the app's actions.
/// </summary>
[WebhookActions]
public static partial class HooksActions
{
    /// <summary>A webhook was disabled: too many failures in a row, or its receiver answered 410 Gone.</summary>
    [WebhookAction("Webhook disabled", Description = "A webhook was disabled after consecutive failures or a 410 Gone.", Key = "webhook", OrganizationOnly = true)]
    public const string WebhookDisabled = "WEBHOOK_DISABLED";

    /// <summary>A message was given up after its last retry.</summary>
    [WebhookAction("Webhook attempts exhausted", Description = "A message was given up after its last retry.", Key = "webhook", OrganizationOnly = true)]
    public const string WebhookAttemptsExhausted = "WEBHOOK_ATTEMPTS_EXHAUSTED";

    /// <summary>
    /// Which of the webhooks that match <paramref name="action"/> receive it: all of them for an app's action; for the
    /// SDK's own, only those that list it, since "all actions" means the app's actions to a Label Studio receiver.
    /// </summary>
    internal static IReadOnlyList<Webhook> Recipients(string action, IReadOnlyList<Webhook> matching) =>
        Catalogue.TryGetAction(action, out _) ? matching.Where(webhook => !webhook.SendForAllActions).ToList() : matching;
}
