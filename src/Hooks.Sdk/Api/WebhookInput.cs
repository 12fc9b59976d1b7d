using Hooks.Sdk.Store;

namespace Hooks.Sdk.Api;

/// <summary>
/// The fields of a webhook to create or change, as an app's own code or page gives them; a member left
/// <see langword="null"/> is not given. <see cref="WebhookAdministration"/> checks them with the rules of the webhooks
/// API and names what it refuses by the API's field, given here in brackets.
/// </summary>
public sealed record WebhookInput
{
    /// <summary>
    /// Where messages are POSTed (<c>url</c>): an absolute http or https URL of at most
    /// <see cref="Webhook.MaxUrlLength"/> characters that SSRF protection allows. Required to create.
    /// </summary>
    public string? Url { get; init; }

    /// <summary>
    /// The project of a project webhook (<c>project</c>), one of the organization's; none for an organization-level
    /// webhook. Read on create only: a webhook's project never changes, as in Label Studio.
    /// </summary>
    public long? ProjectId { get; init; }

    /// <summary>Whether messages carry the payload or only the action (<c>send_payload</c>); on when created without it.</summary>
    public bool? SendPayload { get; init; }

    /// <summary>
    /// Whether the webhook receives every action or only <see cref="Actions"/> (<c>send_for_all_actions</c>); on when
    /// created without it.
    /// </summary>
    public bool? SendForAllActions { get; init; }

    /// <summary>Whether messages are sent (<c>is_active</c>); on when created without it. Turning it on resets the failure counter.</summary>
    public bool? IsActive { get; init; }

    /// <summary>
    /// Headers sent with every message (<c>headers</c>), replacing the webhook's: at most <see cref="Webhook.MaxHeaders"/>,
    /// named with letters, digits, <c>-</c> and <c>_</c>, with printable ASCII values, and none of those the sender sets.
    /// </summary>
    public IReadOnlyDictionary<string, string>? Headers { get; init; }

    /// <summary>
    /// The actions subscribed to (<c>actions</c>, one item's refusal keyed <c>actions[0]</c>...), replacing the webhook's:
    /// registered action names, a repeated one counted once, and no organization-only one on a project webhook.
    /// </summary>
    public IReadOnlyList<string>? Actions { get; init; }
}
