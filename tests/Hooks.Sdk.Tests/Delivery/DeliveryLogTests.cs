using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Hooks.Sdk.Delivery;
using Hooks.Sdk.TestInfrastructure;
using Hooks.Sdk.Tests.Catalogue;
using Hooks.Sdk.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Time.Testing;

namespace Hooks.Sdk.Tests.Delivery;

/// <summary>The delivery log over the API: every message and attempt, redelivery, recovery, retention.</summary>
public abstract class DeliveryLogTests(DatabaseProvider provider) : ProviderTests(provider)
{
    [Fact]
    public async Task Every_attempt_is_logged_with_status_duration_error_and_a_bounded_response_excerpt()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using Receiver receiver = await Receiver.StartAsync();
        int calls = 0;
        receiver.Respond = async context =>
        {
            bool fail = Interlocked.Increment(ref calls) == 1;
            context.Response.StatusCode = fail ? 500 : 200;
            await context.Response.WriteAsync(fail ? new string('x', 30_000) : "thanks");
        };
        await using TestApp app = await StartAppAsync(Background(), time);
        HttpClient client = app.Client(1);
        long webhook = await CreateAsync(client, receiver.Url());

        await EmitAsync(app);
        await WaitForAsync(client, webhook, deliveries => (int)deliveries[0]!["attempts"]! == 1);
        time.Advance(TimeSpan.FromSeconds(15));
        app.WakeDispatcher();
        JsonArray results = await WaitForAsync(client, webhook, deliveries => (string?)deliveries[0]!["status"] == "succeeded");

        JsonObject listed = results.Single()!.AsObject();
        Assert.Equal(("SOMETHING_HAPPENED", 2, 200), ((string?)listed["action"], (int)listed["attempts"]!, (int)listed["last_status_code"]!));
        JsonObject detail = (await client.GetFromJsonAsync<JsonObject>($"/api/webhooks/{webhook}/deliveries/{listed["id"]}/"))!;
        Assert.Equal("logged", (string?)detail["body"]!["something"]);
        JsonArray attempts = detail["log"]!.AsArray();
        Assert.Equal([500, 200], attempts.Select(attempt => (int)attempt!["status_code"]!));
        Assert.Equal(WebhookDeliveryAttempt.MaxResponseBody, ((string?)attempts[0]!["response_body"])!.Length);
        Assert.Equal("thanks", (string?)attempts[1]!["response_body"]);
        Assert.All(attempts, attempt => Assert.True((double)attempt!["duration_ms"]! >= 0));
        Assert.Empty((await client.GetFromJsonAsync<JsonObject>($"/api/webhooks/{webhook}/deliveries/?status=failed"))!["results"]!.AsArray());
    }

    [Fact]
    public async Task Redelivery_sends_a_message_again_with_the_same_webhook_id()
    {
        await using Receiver receiver = await Receiver.StartAsync();
        await using TestApp app = await StartAppAsync(Background());
        HttpClient client = app.Client(1);
        long webhook = await CreateAsync(client, receiver.Url());
        await EmitAsync(app);
        JsonArray deliveries = await WaitForAsync(client, webhook, results => (string?)results[0]!["status"] == "succeeded");

        HttpResponseMessage response = await client.PostAsync($"/api/webhooks/{webhook}/deliveries/{deliveries[0]!["id"]}/redeliver/", null);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        IReadOnlyList<ReceivedRequest> received = await receiver.WaitForAsync(requests => requests.Count == 2);
        Assert.Equal(received[0].Headers["webhook-id"], received[1].Headers["webhook-id"]);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Client(2).PostAsync($"/api/webhooks/{webhook}/deliveries/{deliveries[0]!["id"]}/redeliver/", null)).StatusCode);
    }

    [Fact]
    public async Task Recovery_redelivers_every_failed_message_since_a_time()
    {
        await using Receiver receiver = await Receiver.StartAsync();
        bool down = true;
        receiver.Respond = context =>
        {
            context.Response.StatusCode = down ? 503 : 200;
            return Task.CompletedTask;
        };
        await using TestApp app = await StartAppAsync(Background(options => options.RetrySchedule = []));
        HttpClient client = app.Client(1);
        long webhook = await CreateAsync(client, receiver.Url());
        DateTimeOffset before = DateTimeOffset.UtcNow.AddMinutes(-1);
        await EmitAsync(app);
        await EmitAsync(app);
        await WaitForAsync(client, webhook, results => results.Count == 2 && results.All(result => (string?)result!["status"] == "failed"));

        down = false;
        HttpResponseMessage response = await client.PostAsJsonAsync($"/api/webhooks/{webhook}/deliveries/recover/", new { since = before.ToString("O") });
        HttpResponseMessage bad = await client.PostAsJsonAsync($"/api/webhooks/{webhook}/deliveries/recover/", new { since = "yesterday-ish" });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(2, (int)(await response.Content.ReadFromJsonAsync<JsonObject>())!["redelivering"]!);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        await WaitForAsync(client, webhook, results => results.All(result => (string?)result!["status"] == "succeeded"));
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync($"/api/webhooks/{webhook}/deliveries/?status=lost")).StatusCode);
    }

    [Fact]
    public async Task Finished_messages_are_removed_after_the_retention()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using Receiver receiver = await Receiver.StartAsync();
        await using TestApp app = await StartAppAsync(Background(options => options.DeliveryRetention = TimeSpan.FromDays(30)), time);
        HttpClient client = app.Client(1);
        long webhook = await CreateAsync(client, receiver.Url());
        await EmitAsync(app);
        await WaitForAsync(client, webhook, results => results.Count == 1 && (string?)results[0]!["status"] == "succeeded");

        time.Advance(TimeSpan.FromDays(29));
        await Task.Delay(200);
        Assert.Single(await app.DeliveriesAsync());
        time.Advance(TimeSpan.FromDays(1) + TimeSpan.FromHours(1));

        await WaitForEmptyAsync(app);
    }

    private static Action<WebhookOptions> Background(Action<WebhookOptions>? more = null) => options =>
    {
        options.Delivery = WebhookDeliveryMode.Background;
        options.RetrySchedule = [TimeSpan.FromSeconds(10)];
        more?.Invoke(options);
    };

    private static async Task<long> CreateAsync(HttpClient client, string url)
    {
        HttpResponseMessage response = await client.PostAsJsonAsync("/api/webhooks/", new { url });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (long)(await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
    }

    private static Task EmitAsync(TestApp app) =>
        app.WithEmitterAsync(emitter => OtherActions.EmitSomethingHappenedAsync(emitter, 1, projectId: null, new JsonObject { ["something"] = "logged" }).AsTask());

    private static Task<JsonArray> WaitForAsync(HttpClient client, long webhook, Func<JsonArray, bool> done) =>
        Eventually.UntilAsync(
            async () => (await client.GetFromJsonAsync<JsonObject>($"/api/webhooks/{webhook}/deliveries/"))!["results"]!.AsArray(),
            results => results.Count > 0 && done(results),
            results => "The delivery log did not reach the expected state: " + results.ToJsonString());

    private static Task WaitForEmptyAsync(TestApp app) =>
        Eventually.UntilAsync(app.DeliveriesAsync, deliveries => deliveries.Count == 0,
            _ => "The retention job did not remove the message.", TimeSpan.FromSeconds(10));
}

public sealed class DeliveryLogTestsOnSqlite() : DeliveryLogTests(DatabaseProvider.Sqlite);

public sealed class DeliveryLogTestsOnPostgreSql() : DeliveryLogTests(DatabaseProvider.PostgreSql);
