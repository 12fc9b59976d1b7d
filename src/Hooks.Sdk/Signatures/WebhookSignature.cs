using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Hooks.Sdk.Signatures;

/// <summary>
/// Standard Webhooks signatures: <c>v1,</c> + base64 HMAC-SHA256 of <c>{webhook-id}.{webhook-timestamp}.{body}</c>,
/// over the exact bytes sent.
/// </summary>
public static class WebhookSignature
{
    /// <summary>The header carrying the message id, stable across attempts.</summary>
    public const string IdHeader = "webhook-id";

    /// <summary>The header carrying the attempt's Unix time in seconds.</summary>
    public const string TimestampHeader = "webhook-timestamp";

    /// <summary>The header carrying one or more space-separated signatures.</summary>
    public const string SignatureHeader = "webhook-signature";

    private const string Version = "v1";

    /// <summary>The <c>v1,&lt;base64&gt;</c> signature of one message.</summary>
    /// <param name="secret">The webhook's secret.</param>
    /// <param name="messageId">The <c>webhook-id</c>; it may not contain a dot.</param>
    /// <param name="timestamp">The attempt's time, sent as <c>webhook-timestamp</c>.</param>
    /// <param name="body">The exact body bytes.</param>
    public static string Sign(WebhookSecret secret, string messageId, DateTimeOffset timestamp, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(secret);
        ArgumentException.ThrowIfNullOrEmpty(messageId);
        if (messageId.Contains('.', StringComparison.Ordinal))
        {
            throw new ArgumentException("A webhook id may not contain '.', which separates the signed parts.", nameof(messageId));
        }
        if (timestamp.ToUnixTimeSeconds() < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(timestamp), "The timestamp must not be before 1970.");
        }
        Span<byte> hash = stackalloc byte[HMACSHA256.HashSizeInBytes];
        Compute(secret, messageId, timestamp.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), body, hash);
        return Version + "," + Convert.ToBase64String(hash);
    }

    /// <summary>Signs with every secret, space-separated: the form used while a rotated secret is still honoured.</summary>
    /// <param name="secrets">The current secret and any still valid older ones.</param>
    /// <param name="messageId">The <c>webhook-id</c>.</param>
    /// <param name="timestamp">The attempt's time.</param>
    /// <param name="body">The exact body bytes.</param>
    public static string Sign(IEnumerable<WebhookSecret> secrets, string messageId, DateTimeOffset timestamp, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        var signatures = new List<string>();
        foreach (WebhookSecret secret in secrets)
        {
            signatures.Add(Sign(secret, messageId, timestamp, body));
        }
        return signatures.Count > 0 ? string.Join(' ', signatures) : throw new ArgumentException("At least one secret is needed.", nameof(secrets));
    }

    internal static void Compute(WebhookSecret secret, string messageId, string timestamp, ReadOnlySpan<byte> body, Span<byte> hash)
    {
        int prefixLength = Encoding.UTF8.GetByteCount(messageId) + timestamp.Length + 2;
        byte[] rented = ArrayPool<byte>.Shared.Rent(prefixLength + body.Length);
        try
        {
            Span<byte> signed = rented.AsSpan(0, prefixLength + body.Length);
            int written = Encoding.UTF8.GetBytes(messageId, signed);
            signed[written++] = (byte)'.';
            written += Encoding.ASCII.GetBytes(timestamp, signed[written..]);
            signed[written++] = (byte)'.';
            body.CopyTo(signed[written..]);
            HMACSHA256.HashData(secret.Key, signed, hash);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented, clearArray: true);
        }
    }
}
