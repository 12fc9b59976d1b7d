using System.Globalization;
using System.Security.Cryptography;
using Hooks.Sdk.Signatures;
using Microsoft.AspNetCore.Http;

namespace Hooks.Sdk.Receiving;

/// <summary>
/// Checks Standard Webhooks signatures on the receiving side: the timestamp within a tolerance (5 minutes either way,
/// as every reference library), and at least one <c>v1</c> signature matching one of the trusted secrets, compared in
/// constant time. Unknown versions and malformed entries are ignored, as the lenient majority of the reference
/// libraries do.
/// </summary>
public sealed class WebhookSignatureVerifier
{
    private readonly WebhookSecret[] _secrets;
    private readonly TimeProvider _timeProvider;

    /// <summary>Creates a verifier.</summary>
    /// <param name="secrets">The secrets to accept (more than one while a rotation overlaps).</param>
    /// <param name="timeProvider">The clock; <see cref="TimeProvider.System"/> by default.</param>
    /// <param name="tolerance">How far the timestamp may be from now; 5 minutes by default.</param>
    public WebhookSignatureVerifier(IEnumerable<WebhookSecret> secrets, TimeProvider? timeProvider = null, TimeSpan? tolerance = null)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        _secrets = secrets.ToArray();
        if (_secrets.Length == 0)
        {
            throw new ArgumentException("At least one secret is needed.", nameof(secrets));
        }
        _timeProvider = timeProvider ?? TimeProvider.System;
        Tolerance = tolerance ?? TimeSpan.FromMinutes(5);
    }

    /// <summary>How far the timestamp may be from now.</summary>
    public TimeSpan Tolerance { get; }

    /// <summary>Verifies one message.</summary>
    /// <param name="messageId">The <c>webhook-id</c> header.</param>
    /// <param name="timestamp">The <c>webhook-timestamp</c> header.</param>
    /// <param name="signatures">The <c>webhook-signature</c> header.</param>
    /// <param name="body">The exact body bytes received.</param>
    public WebhookVerification Verify(string? messageId, string? timestamp, string? signatures, ReadOnlySpan<byte> body)
    {
        if (string.IsNullOrEmpty(messageId) || string.IsNullOrEmpty(timestamp) || string.IsNullOrEmpty(signatures))
        {
            return WebhookVerification.MissingHeaders;
        }
        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out long seconds))
        {
            return WebhookVerification.InvalidTimestamp;
        }
        long now = _timeProvider.GetUtcNow().ToUnixTimeSeconds();
        long tolerance = (long)Tolerance.TotalSeconds;
        if (seconds < now - tolerance)
        {
            return WebhookVerification.TooOld;
        }
        if (seconds > now + tolerance)
        {
            return WebhookVerification.TooNew;
        }

        Span<byte> expected = stackalloc byte[HMACSHA256.HashSizeInBytes];
        Span<byte> received = stackalloc byte[HMACSHA256.HashSizeInBytes];
        foreach (WebhookSecret secret in _secrets)
        {
            WebhookSignature.Compute(secret, messageId, timestamp, body, expected);
            foreach (string entry in signatures.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                int comma = entry.IndexOf(',', StringComparison.Ordinal);
                if (comma < 0 || entry.AsSpan(0, comma) is not "v1"
                    || !Convert.TryFromBase64String(entry[(comma + 1)..], received, out int length) || length != expected.Length)
                {
                    continue;
                }
                if (CryptographicOperations.FixedTimeEquals(expected, received))
                {
                    return WebhookVerification.Valid;
                }
            }
        }
        return WebhookVerification.NoMatchingSignature;
    }

    /// <summary>Verifies a request's headers and body.</summary>
    /// <param name="headers">The request headers.</param>
    /// <param name="body">The exact body bytes received.</param>
    public WebhookVerification Verify(IHeaderDictionary headers, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(headers);
        return Verify(headers[WebhookSignature.IdHeader], headers[WebhookSignature.TimestampHeader], headers[WebhookSignature.SignatureHeader], body);
    }
}

/// <summary>The outcome of <see cref="WebhookSignatureVerifier.Verify(string?, string?, string?, ReadOnlySpan{byte})"/>.</summary>
public enum WebhookVerification
{
    /// <summary>A trusted signature matches and the timestamp is recent.</summary>
    Valid,

    /// <summary>One of <c>webhook-id</c>, <c>webhook-timestamp</c>, <c>webhook-signature</c> is missing.</summary>
    MissingHeaders,

    /// <summary>The timestamp is not a whole number of seconds.</summary>
    InvalidTimestamp,

    /// <summary>The timestamp is older than the tolerance: possibly a replay.</summary>
    TooOld,

    /// <summary>The timestamp is further in the future than the tolerance.</summary>
    TooNew,

    /// <summary>No <c>v1</c> signature matches a trusted secret.</summary>
    NoMatchingSignature,
}
