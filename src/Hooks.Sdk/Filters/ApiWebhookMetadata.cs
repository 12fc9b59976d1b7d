using Hooks.Sdk.Catalogue;

namespace Hooks.Sdk.Filters;

/// <summary>
/// What an endpoint's webhook filter emits, in the endpoint's metadata, so that the start-up check can find every
/// filter: the MVC attributes are their own metadata, the endpoint helpers add a <see cref="ApiWebhookEndpointMetadata"/>.
/// </summary>
internal interface IApiWebhookMetadata
{
    /// <summary>The declared action the filter emits.</summary>
    string Action { get; }

    /// <summary>Whether it is the delete filter, which sends ids captured before the endpoint runs.</summary>
    bool ForDelete { get; }
}

/// <summary>The metadata <c>WithApiWebhook</c> and <c>WithApiWebhookForDelete</c> put on their endpoint.</summary>
internal sealed record ApiWebhookEndpointMetadata(string Action, bool ForDelete) : IApiWebhookMetadata;

/// <summary>Which actions each filter can send: the rule the analyzer's HOOK023 and HOOK024 check at compile time.</summary>
internal static class ApiWebhookKinds
{
    /// <summary>Why <paramref name="descriptor"/> cannot be sent by the filter, or null when it can.</summary>
    public static string? Mismatch(WebhookActionDescriptor descriptor, bool forDelete) => forDelete
        ? descriptor is { ModelType: not null, OnlyIds: true } ? null : "[ApiWebhookForDelete] needs an OnlyIds action"
        : descriptor.ModelType is not null ? null : "[ApiWebhook] needs an action with a Model";
}
