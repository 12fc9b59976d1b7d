using Hooks.Sdk.Delivery;
using Hooks.Sdk.Store;
using Hooks.Sdk.TestInfrastructure;
using Hooks.Sdk.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Hooks.Sdk.Tests.Delivery;

/// <summary>Stock receivers that close connections in their own ways cost no attempt; each message reaches them once.</summary>
public sealed class ReceiverCompatibilityTests
{
    private const int Messages = 30;

    [Theory]
    [InlineData(RawReceiverMode.Http10)]
    [InlineData(RawReceiverMode.Http10WithoutLength)]
    public async Task An_HTTP_1_0_receiver_that_closes_after_each_response_gets_every_message_on_the_first_try(RawReceiverMode mode)
    {
        using var receiver = new RawReceiver(mode);
        await using TestApp app = await TestApp.StartAsync();
        WebhookSender sender = app.Services.GetRequiredService<WebhookSender>();
        Webhook webhook = await app.AddWebhookAsync(1, null, receiver.Url);

        var results = new List<WebhookDeliveryResult>();
        for (int index = 0; index < Messages; index++)
        {
            results.Add(await SendAsync(sender, webhook, index));
        }
        // Four at a time, as the dispatcher sends to one webhook.
        results.AddRange(await Task.WhenAll(Enumerable.Range(Messages, 4 * Messages).Select(index => SendAsync(sender, webhook, index))));

        Assert.All(results, result => Assert.True(result.Succeeded, result.Error));
        Assert.Equal(5 * Messages, receiver.Requests);
    }

    [Fact]
    public async Task A_keep_alive_receiver_keeps_its_connection_and_one_that_closes_idle_ones_costs_no_attempt()
    {
        using var receiver = new RawReceiver(RawReceiverMode.KeepAliveIdleClose) { IdleClose = TimeSpan.FromSeconds(2) };
        await using TestApp app = await TestApp.StartAsync();
        WebhookSender sender = app.Services.GetRequiredService<WebhookSender>();
        Webhook webhook = await app.AddWebhookAsync(1, null, receiver.Url);

        WebhookDeliveryResult[] burst = await SendManyAsync(sender, webhook, 0);
        int afterBurst = receiver.Connections;
        // Longer than the client keeps an idle connection, shorter than the receiver does: the client gives it up first.
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        WebhookDeliveryResult[] later = await SendManyAsync(sender, webhook, Messages);

        Assert.All(burst.Concat(later), result => Assert.True(result.Succeeded, result.Error));
        // The first message learns that the receiver keeps connections; the rest of the burst reuses one.
        Assert.InRange(afterBurst, 1, 2);
        Assert.Equal(2 * Messages, receiver.Requests);
    }

    [Fact]
    public async Task A_receiver_that_closes_without_answering_fails_the_attempt_once_with_the_innermost_cause()
    {
        using var receiver = new RawReceiver(RawReceiverMode.CloseWithoutResponse);
        await using TestApp app = await TestApp.StartAsync();
        WebhookSender sender = app.Services.GetRequiredService<WebhookSender>();
        Webhook webhook = await app.AddWebhookAsync(1, null, receiver.Url);

        WebhookDeliveryResult result = await SendAsync(sender, webhook, 0);

        Assert.False(result.Succeeded);
        Assert.Equal("The response ended prematurely. (ResponseEnded)", result.Error);
        // It may have acted on the request, so it is never sent again within the attempt.
        Assert.Equal(1, receiver.Requests);
    }

    [Fact]
    public async Task Every_message_names_the_SDK_and_its_version_as_user_agent()
    {
        using var receiver = new RawReceiver(RawReceiverMode.Http10);
        await using TestApp app = await TestApp.StartAsync();
        Webhook webhook = await app.AddWebhookAsync(1, null, receiver.Url);

        await SendAsync(app.Services.GetRequiredService<WebhookSender>(), webhook, 0);

        string userAgent = Assert.Single(Assert.Single(receiver.Heads).Split("\r\n"), line => line.StartsWith("User-Agent:", StringComparison.OrdinalIgnoreCase));
        Assert.Matches(@"^User-Agent: Hooks\.Sdk/\d+\.\d+\.\d+", userAgent);
    }

    private static async Task<WebhookDeliveryResult[]> SendManyAsync(WebhookSender sender, Webhook webhook, int first)
    {
        var results = new List<WebhookDeliveryResult>();
        for (int index = first; index < first + Messages; index++)
        {
            results.Add(await SendAsync(sender, webhook, index));
        }
        return [.. results];
    }

    private static Task<WebhookDeliveryResult> SendAsync(WebhookSender sender, Webhook webhook, int index) =>
        sender.SendAsync(new WebhookMessage(webhook, "MAINTENANCE", System.Text.Encoding.UTF8.GetBytes($$"""{"action":"MAINTENANCE","n":{{index}}}""")), CancellationToken.None);
}
