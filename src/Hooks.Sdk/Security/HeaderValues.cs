namespace Hooks.Sdk.Security;

/// <summary>
/// What a webhook's own header value may contain: visible ASCII, spaces and tabs. CR and LF would end the header and
/// let a value write headers or whole requests of its own (request smuggling); NUL, other control characters and
/// non-ASCII have no defined meaning on the wire. Refused when a webhook is saved, and never sent for one stored
/// before the rule.
/// </summary>
internal static class HeaderValues
{
    /// <summary>Whether <paramref name="value"/> can be sent as a header value unchanged.</summary>
    public static bool AreSendable(string value) => value.All(c => c == '\t' || c is >= ' ' and <= '~');

    /// <summary>The first of <paramref name="headers"/> whose value cannot be sent, or <see langword="null"/>.</summary>
    public static string? FirstUnsendable(IEnumerable<KeyValuePair<string, string>> headers) =>
        headers.FirstOrDefault(header => !AreSendable(header.Value)).Key;
}
