using System.Globalization;

namespace Hooks.Sdk.Delivery;

/// <summary>
/// The ordering keys the emitter gives messages: one webhook receives the messages of one key in emission order, and
/// different keys (and webhooks) in parallel. Label Studio delivered everything in order because it delivered
/// synchronously; per project is what its receivers rely on, and keeps one slow project from holding up the others.
/// </summary>
internal static class WebhookOrderingKey
{
    /// <summary>The key of an event: its project's, or the organization's for an event without a project.</summary>
    /// <param name="organizationId">The event's organization.</param>
    /// <param name="projectId">The event's project, or <see langword="null"/>.</param>
    public static string For(long organizationId, long? projectId) => projectId is { } project
        ? string.Create(CultureInfo.InvariantCulture, $"project:{project}")
        : string.Create(CultureInfo.InvariantCulture, $"organization:{organizationId}");
}
