namespace Hooks.Sdk.Store;

/// <summary>Ready-made <see cref="IWebhookProjects"/>.</summary>
public static class WebhookProjects
{
    /// <summary>
    /// For an app without projects: no project exists, so every webhook is organization-level and no payload carries a
    /// <c>"project"</c> object. Register it with <c>services.AddSingleton(WebhookProjects.None)</c>.
    /// </summary>
    public static IWebhookProjects None { get; } = new NoProjects();

    private sealed class NoProjects : IWebhookProjects
    {
        public ValueTask<bool> ExistsAsync(long organizationId, long projectId, CancellationToken cancellationToken) => ValueTask.FromResult(false);

        public ValueTask<byte[]?> GetPayloadAsync(long projectId, CancellationToken cancellationToken) => ValueTask.FromResult<byte[]?>(null);
    }
}
