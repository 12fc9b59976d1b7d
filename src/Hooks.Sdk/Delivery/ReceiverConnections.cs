using System.Collections.Concurrent;
using System.Net;

namespace Hooks.Sdk.Delivery;

/// <summary>
/// Which receivers may have their connections reused. SocketsHttpHandler pools a connection after an HTTP/1.0 answer
/// (it honours only a response's <c>Connection: close</c>) and never retries a POST with a body, so a pooled
/// connection that an HTTP/1.0 receiver such as Python's <c>http.server</c> has already closed costs a failed attempt.
/// A receiver is therefore sent to on a fresh connection each time, as Label Studio's <c>requests.post</c> does, until
/// it answers HTTP/1.1 without <c>Connection: close</c>; from then on its connections are pooled, and an answer that
/// says otherwise sends it back.
/// </summary>
internal sealed class ReceiverConnections
{
    // Receivers are few (one per webhook URL's origin); the bound only keeps a flood of distinct URLs from growing it.
    private const int MaxOrigins = 10_000;

    private readonly ConcurrentDictionary<string, bool> _keepsAlive = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Whether a pooled connection may carry the next message to <paramref name="url"/>.</summary>
    public bool MayReuse(Uri url) => _keepsAlive.TryGetValue(Origin(url), out bool keepsAlive) && keepsAlive;

    /// <summary>Learns from an answer whether its receiver keeps connections open.</summary>
    public void Observe(Uri url, HttpResponseMessage response)
    {
        bool keepsAlive = response.Version >= HttpVersion.Version11 && response.Headers.ConnectionClose != true;
        if (_keepsAlive.Count >= MaxOrigins)
        {
            _keepsAlive.Clear();
        }
        _keepsAlive[Origin(url)] = keepsAlive;
    }

    private static string Origin(Uri url) => url.GetLeftPart(UriPartial.Authority);
}
