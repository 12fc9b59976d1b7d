using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Hooks.Sdk.Security;

/// <summary>
/// Where webhooks (and any other outbound call an app puts behind <see cref="OutboundHttpClientBuilderExtensions.AddWebhookAddressPolicy(IHttpClientBuilder)"/>)
/// may be sent. With <see cref="WebhookOptions.SsrfProtection"/> on, loopback, private,
/// link-local (cloud metadata included), CGNAT, unique-local, multicast, documentation and other reserved addresses are
/// refused, IPv4-mapped IPv6 addresses are judged as IPv4, and <see cref="WebhookOptions.AllowedSubnets"/> wins over
/// every block. The check runs when a webhook is saved and, authoritatively, on the address the connection is made
/// to, so DNS rebinding cannot slip past it.
/// </summary>
public sealed class WebhookAddressPolicy
{
    /// <summary>
    /// The ranges refused by default: every entry of IANA's IPv4 and IPv6 special-purpose address registries, multicast,
    /// and all of <c>::/8</c> (IPv4-compatible <c>::/96</c> and SIIT's <c>::ffff:0:0:0/96</c> included; IPv4-mapped
    /// addresses are judged as the IPv4 address they carry before any range is looked at).
    /// </summary>
    public static IReadOnlyList<IPNetwork> ReservedNetworks { get; } =
    [
        .. new[]
        {
            "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12", "192.0.0.0/24",
            "192.0.2.0/24", "192.31.196.0/24", "192.52.193.0/24", "192.88.99.0/24", "192.168.0.0/16", "192.175.48.0/24",
            "198.18.0.0/15", "198.51.100.0/24", "203.0.113.0/24", "224.0.0.0/4", "240.0.0.0/4",
            "::/8", "100::/64", "100:0:0:1::/64", "2001::/23", "2001:db8::/32", "2002::/16", "2620:4f:8000::/48", "3fff::/20",
            "5f00::/16", "fc00::/7", "fe80::/10", "fec0::/10", "ff00::/8",
        }.Select(cidr => IPNetwork.Parse(cidr)),
    ];

    private static readonly TimeSpan LookupTimeout = TimeSpan.FromSeconds(5);

    private readonly bool _enabled;
    private readonly bool _httpsOnly;
    private readonly IPNetwork[] _allowed;
    private readonly IPNetwork[] _banned;
    private readonly string _allowedSubnetsSetting;
    private readonly Uri? _proxy;

    /// <summary>Creates the policy of the configured options.</summary>
    /// <param name="options">The webhook options.</param>
    /// <exception cref="FormatException">A configured subnet is not a CIDR.</exception>
    public WebhookAddressPolicy(IOptions<WebhookOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        WebhookOptions value = options.Value;
        _enabled = value.SsrfProtection;
        _httpsOnly = value.HttpsOnly;
        _allowed = value.AllowedSubnets.Select(ParseSubnet).ToArray();
        _banned = value.BannedSubnets.Select(ParseSubnet).ToArray();
        _allowedSubnetsSetting = value.AllowedSubnetsSetting;
        _proxy = value.Proxy;
    }

    /// <summary>
    /// Why <paramref name="address"/> may not be dialled, or <see langword="null"/> when it may. A reserved range's
    /// refusal says how to allow the address (<see cref="WebhookOptions.AllowedSubnetsSetting"/>), since a receiver on
    /// the developer's own machine or network is the usual first webhook; an operator's own banned subnet's does not.
    /// </summary>
    /// <param name="address">An address a webhook URL resolves to.</param>
    public string? Refusal(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (!_enabled)
        {
            return null;
        }
        IPAddress canonical = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        if (_allowed.Any(network => network.Contains(canonical)))
        {
            return null;
        }
        // Up to the parenthesis the words are Label Studio's, so whatever matches its message still matches.
        foreach (IPNetwork reserved in ReservedNetworks)
        {
            if (reserved.Contains(canonical))
            {
                // The range, not the address: a refusal must not tell the caller what an internal name resolves to.
                return $"URL resolves to a reserved network address (block: {reserved}); to allow it, add {reserved} or a subnet of it to {_allowedSubnetsSetting}";
            }
        }
        foreach (IPNetwork banned in _banned)
        {
            if (banned.Contains(canonical))
            {
                return $"URL resolves to a reserved network address (block: {banned})";
            }
        }
        return null;
    }

    /// <summary>
    /// Why <paramref name="url"/> may not be a webhook, or <see langword="null"/>: its scheme, an address literal that
    /// is refused, or a host name that resolves to one. A name that does not resolve yet is accepted here; the connect
    /// time check still applies to whatever it resolves to later.
    /// </summary>
    /// <param name="url">An absolute http(s) URL.</param>
    /// <param name="cancellationToken">Cancels the lookup.</param>
    public async Task<string?> CheckUrlAsync(Uri url, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (_httpsOnly && url.Scheme != Uri.UriSchemeHttps)
        {
            return "Only https:// URLs are allowed.";
        }
        if (!_enabled)
        {
            return null;
        }
        IPAddress[] addresses;
        try
        {
            addresses = await ResolveAsync(url.IdnHost, cancellationToken).ConfigureAwait(false);
        }
        catch (SocketException)
        {
            return null;
        }
        return addresses.Select(Refusal).FirstOrDefault(refusal => refusal is not null);
    }

    /// <summary>
    /// A <see cref="SocketsHttpHandler.ConnectCallback"/> that resolves the host, drops every refused address and
    /// connects to the first that remains, so the address checked is the address dialled.
    /// </summary>
    /// <param name="context">The connection about to be made.</param>
    /// <param name="cancellationToken">Cancels the connection.</param>
    /// <exception cref="WebhookAddressRefusedException">Every address the host resolves to is refused.</exception>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        DnsEndPoint endpoint = context.DnsEndPoint;
        IPAddress[] addresses = await ResolveAsync(endpoint.Host, cancellationToken).ConfigureAwait(false);
        // The configured proxy is the operator's choice, often on a private address; the target behind it was checked
        // before the request was handed over (CheckTargetAsync).
        bool toProxy = _proxy is { } proxy && string.Equals(endpoint.Host, proxy.IdnHost, StringComparison.OrdinalIgnoreCase) && endpoint.Port == proxy.Port;
        IPAddress[] permitted = toProxy ? addresses : addresses.Where(address => Refusal(address) is null).ToArray();
        if (permitted.Length == 0)
        {
            throw new WebhookAddressRefusedException(
                $"Refused by SSRF protection: {endpoint.Host} resolves to {string.Join(", ", addresses.Select(address => address.ToString()))}; {Refusal(addresses[0])}.");
        }
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(permitted, endpoint.Port, cancellationToken).ConfigureAwait(false);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Refuses a request's target before it is handed to the configured proxy, which would otherwise make the
    /// connection itself: every address the host resolves to must be permitted, since the proxy may dial any of them.
    /// </summary>
    /// <param name="url">The request's URL.</param>
    /// <param name="cancellationToken">Cancels the lookup.</param>
    /// <exception cref="WebhookAddressRefusedException">The host resolves to a refused address.</exception>
    public async Task CheckTargetAsync(Uri url, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (!_enabled)
        {
            return;
        }
        IPAddress[] addresses = await ResolveAsync(url.IdnHost, cancellationToken).ConfigureAwait(false);
        if (addresses.Select(Refusal).FirstOrDefault(refusal => refusal is not null) is { } refusal)
        {
            throw new WebhookAddressRefusedException($"Refused by SSRF protection: {url.IdnHost} resolves to {string.Join(", ", addresses.Select(address => address.ToString()))}; {refusal}.");
        }
    }

    private static async Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken)
    {
        string bare = host.TrimStart('[').TrimEnd(']');
        if (IPAddress.TryParse(bare, out IPAddress? literal))
        {
            return [literal];
        }
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(LookupTimeout);
        return await Dns.GetHostAddressesAsync(bare, timeout.Token).ConfigureAwait(false);
    }

    private static IPNetwork ParseSubnet(string cidr) =>
        IPNetwork.TryParse(cidr.Trim(), out IPNetwork network)
            ? network
            : throw new FormatException($"'{cidr}' is not a subnet in CIDR notation, such as 10.0.0.0/8.");
}

/// <summary>A webhook connection refused because every address of its host is blocked.</summary>
public sealed class WebhookAddressRefusedException(string message) : IOException(message);
