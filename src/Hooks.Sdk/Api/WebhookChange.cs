using System.Diagnostics.CodeAnalysis;
using Hooks.Sdk.Http;
using Hooks.Sdk.Store;

namespace Hooks.Sdk.Api;

/// <summary>What a create or update through <see cref="WebhookAdministration"/> did: the stored webhook, or why nothing was written.</summary>
public sealed class WebhookChange
{
    private static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> NoErrors = new Dictionary<string, IReadOnlyList<string>>();

    private WebhookChange(WebhookChangeOutcome outcome, Webhook? webhook, IReadOnlyDictionary<string, IReadOnlyList<string>> fieldErrors)
    {
        Outcome = outcome;
        Webhook = webhook;
        FieldErrors = fieldErrors;
    }

    /// <summary>What happened.</summary>
    public WebhookChangeOutcome Outcome { get; }

    /// <summary>Whether the change was written.</summary>
    [MemberNotNullWhen(true, nameof(Webhook))]
    public bool Succeeded => Outcome == WebhookChangeOutcome.Saved;

    /// <summary>The webhook as stored, once saved.</summary>
    public Webhook? Webhook { get; }

    /// <summary>
    /// The input's refusals when <see cref="Outcome"/> is <see cref="WebhookChangeOutcome.Invalid"/>, empty otherwise:
    /// messages by the API's field name (<c>url</c>, <c>send_payload</c>, <c>send_for_all_actions</c>, <c>is_active</c>,
    /// <c>headers</c>, <c>actions</c>, <c>project</c>, and <c>non_field_errors</c> for the webhook as a whole), with one
    /// list item's under a key such as <c>actions[0]</c> (<see cref="ApiError.ItemField"/>), in the order the API
    /// answers them and in Label Studio's words.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> FieldErrors { get; }

    internal static WebhookChange Saved(Webhook webhook) => new(WebhookChangeOutcome.Saved, webhook, NoErrors);

    internal static WebhookChange Invalid(IReadOnlyDictionary<string, IReadOnlyList<string>> fieldErrors) => new(WebhookChangeOutcome.Invalid, null, fieldErrors);

    internal static WebhookChange Invalid(string field, string message) =>
        Invalid(new Dictionary<string, IReadOnlyList<string>> { [field] = [message] });

    internal static WebhookChange Refused(WebhookChangeOutcome outcome) => new(outcome, null, NoErrors);
}

/// <summary>The outcomes of a <see cref="WebhookChange"/>.</summary>
public enum WebhookChangeOutcome
{
    /// <summary>The change was written.</summary>
    Saved,

    /// <summary>The input broke a rule, which <see cref="WebhookChange.FieldErrors"/> names; nothing was written.</summary>
    Invalid,

    /// <summary>The organization has no webhook with that id.</summary>
    WebhookNotFound,

    /// <summary>
    /// No project was given and organization-level webhooks are turned off
    /// (<see cref="WebhookOptions.AllowOrganizationWebhooks"/>); the API answers Label Studio's 404 "Project not found.".
    /// </summary>
    ProjectRequired,
}
