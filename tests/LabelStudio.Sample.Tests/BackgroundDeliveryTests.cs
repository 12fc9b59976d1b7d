using System.Net;
using System.Net.Http.Json;
using Hooks.Sdk;
using Hooks.Sdk.TestInfrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace LabelStudio.Sample.Tests;

/// <summary>The sample's default delivery: the durable outbox and dispatcher, with Label Studio's settings.</summary>
public sealed class BackgroundDeliveryTests
{
    [Fact]
    public async Task By_default_events_go_through_the_outbox_with_a_stable_webhook_id()
    {
        await using Receiver receiver = await Receiver.StartAsync();
        await using var sample = SampleFactory.With(new Dictionary<string, string?> { ["WEBHOOK_DELIVERY"] = null, ["WEBHOOK_RETRY_SCHEDULE"] = "500ms, 2s,1m ,1h" });
        HttpClient client = sample.Client();
        await client.PostAsJsonAsync("/api/webhooks/", new { url = receiver.Url() });

        HttpResponseMessage created = await client.PostAsJsonAsync("/api/projects/", new { title = "Durable" });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        ReceivedRequest delivered = Assert.Single(await receiver.WaitForAsync(received => received.Count == 1));
        Assert.Equal("PROJECT_CREATED", (string?)delivered.Json["action"]);
        Assert.StartsWith("msg_", delivered.Headers["webhook-id"]);
        WebhookOptions options = sample.Services.GetRequiredService<IOptions<WebhookOptions>>().Value;
        Assert.Equal(WebhookDeliveryMode.Background, options.Delivery);
        Assert.Equal([TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(2), TimeSpan.FromMinutes(1), TimeSpan.FromHours(1)], options.RetrySchedule);
    }
}
