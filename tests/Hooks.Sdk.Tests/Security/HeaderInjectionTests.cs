using System.Net;
using System.Net.Http.Json;
using System.Text;
using Hooks.Sdk.Delivery;
using Hooks.Sdk.Store;
using Hooks.Sdk.TestInfrastructure;
using Hooks.Sdk.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Hooks.Sdk.Tests.Security;

/// <summary>
/// A webhook's header values are data, never protocol: the smuggling value from the security review is refused on
/// save, and a webhook stored with one before that rule sends nothing, so the receiver never sees a second request.
/// </summary>
public sealed class HeaderInjectionTests
{
    private const string Smuggling = "a\r\nHost: internal-admin.local\r\nwebhook-id: msg_forged\r\nContent-Length: 0\r\n\r\nGET /smuggled HTTP/1.1\r\nHost: internal-admin.local\r\nX-Pad: ";

    [Fact]
    public async Task The_api_refuses_a_header_value_that_would_split_the_request_and_stores_nothing()
    {
        await using TestApp app = await TestApp.StartAsync();
        HttpClient client = app.Client(1);

        HttpResponseMessage response = await client.PostAsJsonAsync("/api/webhooks/", new { url = "https://example.com/hook", headers = new Dictionary<string, string> { ["X-Test"] = Smuggling } });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("X-Test", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty((await client.GetFromJsonAsync<System.Text.Json.Nodes.JsonArray>("/api/webhooks/"))!);
    }

    [Fact]
    public async Task A_webhook_stored_with_such_a_value_sends_nothing_and_says_why_while_a_clean_one_is_one_request()
    {
        using var receiver = new RawReceiver(RawReceiverMode.KeepAliveIdleClose) { IdleClose = TimeSpan.FromSeconds(30) };
        await using TestApp app = await TestApp.StartAsync();
        WebhookSender sender = app.Services.GetRequiredService<WebhookSender>();
        Webhook poisoned = await app.AddWebhookAsync(1, null, receiver.Url, webhook => webhook.Headers = new() { ["X-Test"] = Smuggling });
        Webhook clean = await app.AddWebhookAsync(1, null, receiver.Url, webhook => webhook.Headers = new() { ["X-Test"] = "tab\tand spaces ok" });

        WebhookDeliveryResult refused = await SendAsync(sender, poisoned);
        Assert.False(refused.Succeeded);
        Assert.Contains("'X-Test'", refused.Error, StringComparison.Ordinal);
        Assert.Equal((0, 0), (receiver.Requests, receiver.Connections));

        WebhookDeliveryResult sent = await SendAsync(sender, clean);
        Assert.True(sent.Succeeded, sent.Error);
        Assert.Equal((1, 1), (receiver.Requests, receiver.Connections));
        Assert.Contains("X-Test: tab\tand spaces ok\r\n", Assert.Single(receiver.Heads), StringComparison.Ordinal);
    }

    private static Task<WebhookDeliveryResult> SendAsync(WebhookSender sender, Webhook webhook) =>
        sender.SendAsync(new WebhookMessage(webhook, "MAINTENANCE", Encoding.UTF8.GetBytes("""{"action":"MAINTENANCE"}""")), CancellationToken.None);
}
