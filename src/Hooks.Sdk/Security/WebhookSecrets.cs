using Hooks.Sdk.Signatures;
using Hooks.Sdk.Store;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace Hooks.Sdk.Security;

/// <summary>
/// Creates, encrypts, rotates and reads webhooks' signing secrets. Secrets are stored encrypted with ASP.NET Core Data
/// Protection (persist its key ring as for any production app), and only the webhook's organization reads them,
/// through <c>GET /api/webhooks/{id}/secret/</c>.
/// </summary>
internal sealed class WebhookSecrets(IDataProtectionProvider dataProtection, IOptions<WebhookOptions> options, TimeProvider timeProvider)
{
    private readonly IDataProtector _protector = dataProtection.CreateProtector("Hooks.Sdk.WebhookSecrets.v1");

    /// <summary>Gives <paramref name="webhook"/> a new secret.</summary>
    /// <param name="webhook">A new webhook.</param>
    public void Assign(Webhook webhook)
    {
        ArgumentNullException.ThrowIfNull(webhook);
        webhook.ProtectedSecret = _protector.Protect(WebhookSecret.Generate().ToString());
    }

    /// <summary>Replaces the secret; the old one keeps signing for <see cref="WebhookOptions.SecretRotationOverlap"/>.</summary>
    /// <param name="webhook">The webhook.</param>
    public void Rotate(Webhook webhook)
    {
        ArgumentNullException.ThrowIfNull(webhook);
        if (webhook.ProtectedSecret is { } current)
        {
            webhook.ProtectedPreviousSecret = current;
            webhook.PreviousSecretExpiresAt = timeProvider.GetUtcNow().UtcDateTime + options.Value.SecretRotationOverlap;
        }
        Assign(webhook);
    }

    /// <summary>The current secret, or <see langword="null"/> for an unsigned webhook.</summary>
    /// <param name="webhook">The webhook.</param>
    public WebhookSecret? Current(Webhook webhook)
    {
        ArgumentNullException.ThrowIfNull(webhook);
        return webhook.ProtectedSecret is { } secret ? WebhookSecret.Parse(_protector.Unprotect(secret)) : null;
    }

    /// <summary>The secrets that sign a message now: the current one, and the previous one during its overlap.</summary>
    /// <param name="webhook">The webhook.</param>
    public IReadOnlyList<WebhookSecret> Signing(Webhook webhook)
    {
        ArgumentNullException.ThrowIfNull(webhook);
        var secrets = new List<WebhookSecret>(2);
        if (Current(webhook) is { } current)
        {
            secrets.Add(current);
        }
        if (webhook.ProtectedPreviousSecret is { } previous && webhook.PreviousSecretExpiresAt > timeProvider.GetUtcNow().UtcDateTime)
        {
            secrets.Add(WebhookSecret.Parse(_protector.Unprotect(previous)));
        }
        return secrets;
    }
}
