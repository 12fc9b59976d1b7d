using System.Net;
using Hooks.Sdk;
using Hooks.Sdk.Security;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Puts an app's own outbound <see cref="HttpClient"/> behind the policy webhook deliveries go through.</summary>
public static class OutboundHttpClientBuilderExtensions
{
    /// <summary>
    /// Sends this named client's requests the way webhooks are delivered: every connection is checked by
    /// <see cref="WebhookAddressPolicy"/> on the address actually dialled, redirects are never followed, environment
    /// proxies are ignored, and <see cref="WebhookOptions.Proxy"/>, when set, is used with each target checked before the
    /// request is handed to it. For any URL a user can enter (an ML backend, an import source, a callback). Needs
    /// <c>AddHooks()</c>.
    /// </summary>
    /// <param name="builder">The client's builder, from <c>AddHttpClient</c>.</param>
    /// <returns>The same builder.</returns>
    public static IHttpClientBuilder AddWebhookAddressPolicy(this IHttpClientBuilder builder) => builder.AddWebhookAddressPolicy(pooled: true);

    /// <param name="builder">The client's builder.</param>
    /// <param name="pooled">Whether connections are kept for reuse; when not, each request gets a fresh one.</param>
    internal static IHttpClientBuilder AddWebhookAddressPolicy(this IHttpClientBuilder builder, bool pooled)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ConfigurePrimaryHttpMessageHandler(provider =>
        {
            Uri? proxy = provider.GetRequiredService<IOptions<WebhookOptions>>().Value.Proxy;
            return new SocketsHttpHandler
            {
                AllowAutoRedirect = false,
                // Zero disposes a connection when its response is done (a zero idle timeout would still hand it to a
                // queued request first).
                PooledConnectionLifetime = pooled ? TimeSpan.FromMinutes(2) : TimeSpan.Zero,
                PooledConnectionIdleTimeout = TimeSpan.FromSeconds(1),
                ConnectCallback = provider.GetRequiredService<WebhookAddressPolicy>().ConnectAsync,
                // Never HTTP_PROXY and friends: the connect-time check would then judge the proxy, not the target.
                UseProxy = proxy is not null,
                Proxy = proxy is null ? null : new WebProxy(proxy),
            };
        });
        builder.AddHttpMessageHandler(provider => new ProxiedTargetCheck(
            provider.GetRequiredService<WebhookAddressPolicy>(), provider.GetRequiredService<IOptions<WebhookOptions>>().Value.Proxy is not null));
        return builder;
    }

    /// <summary>With a proxy, the connection goes to the proxy: the target's addresses are checked here instead.</summary>
    private sealed class ProxiedTargetCheck(WebhookAddressPolicy policy, bool proxied) : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (proxied)
            {
                await policy.CheckTargetAsync(request.RequestUri!, cancellationToken).ConfigureAwait(false);
            }
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
    }
}
