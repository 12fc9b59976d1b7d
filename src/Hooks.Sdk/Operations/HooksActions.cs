using Hooks.Sdk.Catalogue;

namespace Hooks.Sdk.Operations;

/// <summary>
/// The SDK's own events, for operators: list them in an organization-level webhook's actions (they are
/// organization-only and opt-in: a webhook that sends all actions does not get them) to hear when a receiver stops
/// being reached. Listed by <c>/api/webhooks/info/</c> after the app's actions.
/// </summary>
[WebhookActions]
public static partial class HooksActions
{
    /// <summary>A webhook was disabled: too many failures in a row, or its receiver answered 410 Gone.</summary>
    [WebhookAction("Webhook disabled", Description = "A webhook was disabled after consecutive failures or a 410 Gone.", Key = "webhook", OrganizationOnly = true, OptIn = true)]
    public const string WebhookDisabled = "WEBHOOK_DISABLED";

    /// <summary>A message was given up after its last retry.</summary>
    [WebhookAction("Webhook attempts exhausted", Description = "A message was given up after its last retry.", Key = "webhook", OrganizationOnly = true, OptIn = true)]
    public const string WebhookAttemptsExhausted = "WEBHOOK_ATTEMPTS_EXHAUSTED";

}
