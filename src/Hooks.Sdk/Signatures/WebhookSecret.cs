using System.Security.Cryptography;

namespace Hooks.Sdk.Signatures;

/// <summary>
/// A Standard Webhooks symmetric signing secret: <c>whsec_</c> followed by the base64 of 24 to 64 random bytes. The
/// HMAC key is the decoded bytes (not the text, as Stripe's look-alike secrets would have it).
/// </summary>
public sealed class WebhookSecret
{
    /// <summary>The prefix of the serialized form.</summary>
    public const string Prefix = "whsec_";

    private const int MinBytes = 24;
    private const int MaxBytes = 64;
    private const int GeneratedBytes = 32;

    private readonly byte[] _key;

    private WebhookSecret(byte[] key) => _key = key;

    /// <summary>The HMAC-SHA256 key.</summary>
    internal ReadOnlySpan<byte> Key => _key;

    /// <summary>A new random secret of 32 bytes.</summary>
    public static WebhookSecret Generate() => new(RandomNumberGenerator.GetBytes(GeneratedBytes));

    /// <summary>
    /// Reads a secret written as <c>whsec_&lt;base64&gt;</c> (the prefix is optional, and unpadded base64 is accepted, as the
    /// reference libraries do).
    /// </summary>
    /// <param name="value">The serialized secret.</param>
    /// <exception cref="FormatException">Empty, not base64, or not 24 to 64 bytes long.</exception>
    public static WebhookSecret Parse(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        string encoded = value.StartsWith(Prefix, StringComparison.Ordinal) ? value[Prefix.Length..] : value;
        if (encoded.Length == 0)
        {
            throw new FormatException("A webhook secret cannot be empty.");
        }
        byte[] key;
        try
        {
            key = Convert.FromBase64String(encoded.PadRight(encoded.Length + (4 - encoded.Length % 4) % 4, '='));
        }
        catch (FormatException)
        {
            throw new FormatException("A webhook secret must be whsec_ followed by base64.");
        }
        return key.Length is >= MinBytes and <= MaxBytes
            ? new WebhookSecret(key)
            : throw new FormatException($"A webhook secret must hold {MinBytes} to {MaxBytes} bytes, not {key.Length}.");
    }

    /// <summary>The serialized form, <c>whsec_&lt;base64&gt;</c>.</summary>
    public override string ToString() => Prefix + Convert.ToBase64String(_key);
}
