using System.Net;
using Hooks.Sdk.Delivery;
using Hooks.Sdk.Store;
using Hooks.Sdk.TestInfrastructure;
using Hooks.Sdk.Tests.Infrastructure;

namespace Hooks.Sdk.Tests.Security;

/// <summary>
/// Proxies and SSRF protection. A <see cref="RawReceiver"/> stands in for a forward proxy: it answers whatever it is
/// sent and records the request line, which names the target (<c>POST http://target/hook HTTP/1.1</c>).
/// </summary>
public sealed class ProxyTests
{
    [Fact]
    public async Task A_configured_proxy_is_used_and_each_target_is_checked_before_the_request_is_handed_to_it()
    {
        using var proxy = new RawReceiver(RawReceiverMode.KeepAliveIdleClose) { IdleClose = TimeSpan.FromSeconds(30) };
        // No local receivers allowed: the proxy on loopback is still reached, as the operator configured it.
        await using TestApp app = await TestApp.StartAsync(options =>
        {
            options.AllowedSubnets.Clear();
            options.Proxy = new Uri(new Uri(proxy.Url).GetLeftPart(UriPartial.Authority));
        });
        Webhook inward = await app.AddWebhookAsync(1, null, "http://10.0.0.1/hook");
        Webhook outward = await app.AddWebhookAsync(1, null, "http://93.184.216.34/hook");

        WebhookDeliveryResult refused = await app.WithEmitterAsync(emitter => emitter.RunWebhookAsync(inward, "MAINTENANCE", null));
        Assert.StartsWith("Refused by SSRF protection: 10.0.0.1 resolves to 10.0.0.1", refused.Error);
        Assert.Equal(0, proxy.Requests);

        WebhookDeliveryResult sent = await app.WithEmitterAsync(emitter => emitter.RunWebhookAsync(outward, "MAINTENANCE", null));
        Assert.True(sent.Succeeded, sent.Error);
        Assert.StartsWith("POST http://93.184.216.34/hook HTTP/1.1\r\n", Assert.Single(proxy.Heads), StringComparison.Ordinal);
    }
}

/// <summary>Changes the process-wide default proxy, so it runs alone.</summary>
[CollectionDefinition(nameof(DefaultProxyCollection), DisableParallelization = true)]
public sealed class DefaultProxyCollection;

/// <summary>An environment proxy (<c>HTTP_PROXY</c>, which <see cref="HttpClient.DefaultProxy"/> reads) is never used for deliveries.</summary>
[Collection(nameof(DefaultProxyCollection))]
public sealed class EnvironmentProxyTests
{
    [Fact]
    public async Task An_environment_proxy_is_ignored_so_the_connect_time_check_judges_the_receiver_not_the_proxy()
    {
        using var proxy = new RawReceiver(RawReceiverMode.KeepAliveIdleClose) { IdleClose = TimeSpan.FromSeconds(30) };
        IWebProxy original = HttpClient.DefaultProxy;
        HttpClient.DefaultProxy = new WebProxy(new Uri(proxy.Url).GetLeftPart(UriPartial.Authority));
        try
        {
            // Loopback allowed (the proxy's address), 10.0.0.1 not: through the proxy it would be "delivered".
            await using TestApp app = await TestApp.StartAsync();
            Webhook inward = await app.AddWebhookAsync(1, null, "http://10.0.0.1/hook");

            WebhookDeliveryResult result = await app.WithEmitterAsync(emitter => emitter.RunWebhookAsync(inward, "MAINTENANCE", null));

            Assert.False(result.Succeeded);
            Assert.StartsWith("Refused by SSRF protection: 10.0.0.1", result.Error);
            Assert.Equal(0, proxy.Requests);
        }
        finally
        {
            HttpClient.DefaultProxy = original;
        }
    }
}
