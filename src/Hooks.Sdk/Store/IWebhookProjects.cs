namespace Hooks.Sdk.Store;

/// <summary>
/// What the SDK needs to know of the app's projects, which are the app's own entities: whether one belongs to an
/// organization, and its payload object.
/// </summary>
public interface IWebhookProjects
{
    /// <summary>Whether <paramref name="projectId"/> exists in <paramref name="organizationId"/>.</summary>
    /// <param name="organizationId">The caller's organization.</param>
    /// <param name="projectId">The project.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    ValueTask<bool> ExistsAsync(long organizationId, long projectId, CancellationToken cancellationToken);

    /// <summary>
    /// The project object sent under <c>"project"</c>, as UTF-8 JSON, read after the change (Label Studio re-queries
    /// its counters at serialization time); <see langword="null"/> when the project no longer exists. It must not
    /// carry secrets.
    /// </summary>
    /// <param name="projectId">The project.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    ValueTask<byte[]?> GetPayloadAsync(long projectId, CancellationToken cancellationToken);
}
