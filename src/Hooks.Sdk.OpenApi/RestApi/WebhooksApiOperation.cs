using Hooks.Sdk.Api;

namespace Hooks.Sdk.OpenApi;

/// <summary>How one operation of the webhooks REST API is described.</summary>
/// <param name="Summary">One line on what it does.</param>
/// <param name="Request">The schema of its JSON body, or null when it takes none.</param>
/// <param name="Status">Its success status.</param>
/// <param name="Response">The schema of its success answer, or null for none (204).</param>
/// <param name="Errors">The error statuses it can answer with, in the error envelope.</param>
/// <param name="Query">Its query parameters: name and description.</param>
internal sealed record WebhooksApiOperation(
    string Summary, string? Request, int Status, string? Response, int[] Errors, (string Name, string Description)[] Query)
{
    private const string ArrayOf = "[]";

    /// <summary>The API's operations by endpoint name (<see cref="WebhooksApiNames"/>).</summary>
    public static readonly IReadOnlyDictionary<string, WebhooksApiOperation> ByName = new Dictionary<string, WebhooksApiOperation>
    {
        [WebhooksApiNames.Info] = new("The declared actions", null, 200, "ActionsInfo", [],
            [("organization-only", "`true` for the organization-only actions, `false` for the others; all without it.")]),
        [WebhooksApiNames.List] = new("The organization's webhooks", null, 200, "Webhook" + ArrayOf, [400, 401, 403],
            [("project", "A project's webhooks; `null` for the organization-level ones.")]),
        [WebhooksApiNames.Create] = new("Create a webhook (`url` is required)", "WebhookInput", 201, "Webhook", [400, 401, 403, 404, 413, 415], []),
        [WebhooksApiNames.Get] = new("One webhook", null, 200, "Webhook", [401, 403, 404], []),
        [WebhooksApiNames.Put] = new("Replace a webhook's fields (`url` is required; `actions` left out are cleared)", "WebhookInput", 200, "Webhook",
            [400, 401, 403, 404, 413, 415], []),
        [WebhooksApiNames.Patch] = new("Change the fields given", "WebhookInput", 200, "Webhook", [400, 401, 403, 404, 413, 415], []),
        [WebhooksApiNames.Delete] = new("Delete a webhook with its undelivered messages and delivery log", null, 204, null, [401, 403, 404], []),
        [WebhooksApiNames.GetSecret] = new("The webhook's signing secret", null, 200, "Secret", [401, 403, 404], []),
        [WebhooksApiNames.RotateSecret] = new("A new signing secret; the old one keeps signing for the overlap", null, 200, "Secret", [401, 403, 404], []),
        [WebhooksApiNames.ListDeliveries] = new("The webhook's delivery log, newest first", null, 200, "DeliveryPage", [400, 401, 403, 404],
            [("status", "`pending`, `succeeded`, `failed` or `waiting`."), ("page", "From 1."), ("page_size", "1 to 1000; 100 by default.")]),
        [WebhooksApiNames.GetDelivery] = new("One message with its body and every attempt", null, 200, "DeliveryDetail", [401, 403, 404], []),
        [WebhooksApiNames.Redeliver] = new("Send a finished message again", null, 202, "Redelivering", [401, 403, 404], []),
        [WebhooksApiNames.Recover] = new("Send again every message that failed since a time", "Recover", 202, "Redelivering", [400, 401, 403, 404, 413, 415], []),
    };

    /// <summary>Whether <paramref name="schema"/> names a list of the schema before <c>[]</c>.</summary>
    public static bool IsList(string schema, out string item)
    {
        bool list = schema.EndsWith(ArrayOf, StringComparison.Ordinal);
        item = list ? schema[..^ArrayOf.Length] : schema;
        return list;
    }
}
