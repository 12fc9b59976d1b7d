using Hooks.Sdk.Catalogue;
using Hooks.Sdk.Store;

namespace Hooks.Sdk.Emitting;

/// <summary>
/// Which of the webhooks the store matched for an action receive it: all of them, or, for an opt-in action
/// (<see cref="WebhookActionDescriptor.OptIn"/>), only those that list it rather than send all actions.
/// </summary>
internal static class WebhookRecipients
{
    public static IReadOnlyList<Webhook> Of(WebhookActionDescriptor action, IReadOnlyList<Webhook> matching) =>
        action.OptIn ? matching.Where(webhook => !webhook.SendForAllActions).ToList() : matching;
}
