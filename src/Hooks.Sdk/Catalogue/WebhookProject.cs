namespace Hooks.Sdk.Catalogue;

/// <summary>Values for <see cref="WebhookActionAttribute.Project"/>.</summary>
public static class WebhookProject
{
    /// <summary>The model is itself the project (Label Studio's <c>__self__</c>): its own <c>Id</c> is the project id.</summary>
    public const string Self = "__self__";
}
