namespace Hooks.Sdk.Security;

/// <summary>
/// Headers a webhook's own headers may not set: the signature headers (<c>webhook-*</c>) and the transport headers
/// the sender owns. Refused when a webhook is saved, and skipped when sending one stored before the rule.
/// </summary>
internal static class ReservedHeaders
{
    private static readonly HashSet<string> Names = new(StringComparer.OrdinalIgnoreCase)
    {
        "host", "content-type", "content-length", "content-encoding", "transfer-encoding", "connection", "keep-alive",
        "proxy-authenticate", "proxy-authorization", "proxy-connection", "te", "trailer", "trailers", "upgrade", "expect",
    };

    /// <summary>Whether <paramref name="name"/> is reserved.</summary>
    /// <param name="name">A header name.</param>
    public static bool IsReserved(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return Names.Contains(name) || name.StartsWith("webhook-", StringComparison.OrdinalIgnoreCase);
    }
}
