using Microsoft.AspNetCore.DataProtection;

namespace Hooks.Sdk.Security;

/// <summary>
/// Webhook header values at rest (often an <c>Authorization</c> for the receiver): a store keeps them encrypted with
/// ASP.NET Core Data Protection, as it keeps signing secrets, and the rest of the SDK sees them in the clear. A value
/// stored before encryption (without the marker) is read as it is and encrypted when the webhook is next saved.
/// </summary>
public sealed class WebhookHeaderProtection(IDataProtectionProvider dataProtection)
{
    private const string Marker = "hooks-protected:v1:";

    private readonly IDataProtector _protector = dataProtection.CreateProtector("Hooks.Sdk.WebhookHeaders.v1");

    /// <summary>The values as a store writes them: each encrypted (names stay readable, as the API shows them).</summary>
    /// <param name="headers">The values in the clear.</param>
    public Dictionary<string, string> Protect(IReadOnlyDictionary<string, string> headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        return headers.ToDictionary(header => header.Key, header => IsProtected(header.Value) ? header.Value : Marker + _protector.Protect(header.Value), StringComparer.Ordinal);
    }

    /// <summary>The values in the clear, from what a store read.</summary>
    /// <param name="headers">The values as stored.</param>
    public Dictionary<string, string> Reveal(IReadOnlyDictionary<string, string> headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        return headers.ToDictionary(header => header.Key, header => IsProtected(header.Value) ? _protector.Unprotect(header.Value[Marker.Length..]) : header.Value, StringComparer.Ordinal);
    }

    private static bool IsProtected(string value) => value.StartsWith(Marker, StringComparison.Ordinal);
}
