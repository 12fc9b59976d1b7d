using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Hooks.Sdk.Store;
using Hooks.Sdk.TestInfrastructure;
using Hooks.Sdk.Tests.Catalogue;
using Hooks.Sdk.Tests.Infrastructure;
using Microsoft.Extensions.Logging;

namespace Hooks.Sdk.Tests.Delivery;

/// <summary>
/// What becomes of a webhook's undelivered messages when it is deactivated (they fail without an attempt, say so in
/// the delivery log, and can be recovered in order) or deleted (discarded with its log, and the log says how many).
/// </summary>
public abstract class PendingMessagesTests(DatabaseProvider provider) : ProviderTests(provider)
{
    [Fact]
    public async Task Deactivating_fails_undelivered_messages_in_the_log_and_recover_sends_them_in_order()
    {
        await using Receiver receiver = await Receiver.StartAsync();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        receiver.Respond = context => (string?)Receiver.RequestOf(context).Json["something"] == "0" ? release.Task : Task.CompletedTask;
        await using TestApp app = await StartAppAsync(options => options.Delivery = WebhookDeliveryMode.Background);
        Webhook webhook = await app.AddWebhookAsync(1, null, receiver.Url());
        HttpClient client = app.Client();
        try
        {
            await EmitAsync(app, 4);
            await receiver.WaitForAsync(received => received.Count == 1);
            Assert.Equal(HttpStatusCode.OK, (await client.PatchAsJsonAsync($"/api/webhooks/{webhook.Id}/", new { is_active = false })).StatusCode);
        }
        finally
        {
            release.TrySetResult();
        }

        // The attempt in flight finishes; the rest fail without one, and the log says why.
        JsonArray failed = await WaitForDeliveriesAsync(client, webhook.Id, "failed", 3);
        Assert.All(failed, delivery => Assert.Equal(("The webhook is inactive.", 0), ((string?)delivery!["last_error"], (int)delivery["attempts"]!)));
        Assert.Single(receiver.Requests);

        Assert.Equal(HttpStatusCode.OK, (await client.PatchAsJsonAsync($"/api/webhooks/{webhook.Id}/", new { is_active = true })).StatusCode);
        HttpResponseMessage recovered = await client.PostAsJsonAsync($"/api/webhooks/{webhook.Id}/deliveries/recover/", new { since = DateTime.UtcNow.AddHours(-1).ToString("O") });

        Assert.Equal(HttpStatusCode.Accepted, recovered.StatusCode);
        Assert.Equal(3, (int)(await recovered.Content.ReadFromJsonAsync<JsonObject>())!["redelivering"]!);
        await receiver.WaitForAsync(received => received.Count == 4);
        Assert.Equal(["0", "1", "2", "3"], receiver.Requests.Select(request => (string?)request.Json["something"]));
    }

    [Fact]
    public async Task Deleting_discards_undelivered_messages_and_logs_how_many()
    {
        await using Receiver receiver = await Receiver.StartAsync();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        receiver.Respond = _ => release.Task;
        await using TestApp app = await StartAppAsync(options => options.Delivery = WebhookDeliveryMode.Background);
        Webhook webhook = await app.AddWebhookAsync(1, null, receiver.Url());
        try
        {
            await EmitAsync(app, 3);
            await receiver.WaitForAsync(received => received.Count == 1);

            Assert.Equal(HttpStatusCode.NoContent, (await app.Client().DeleteAsync($"/api/webhooks/{webhook.Id}/")).StatusCode);
        }
        finally
        {
            release.TrySetResult();
        }

        Assert.Contains(app.Logs.AtLeast(LogLevel.Warning), message => message.Contains($"Webhook {webhook.Id} was deleted with 3 undelivered messages"));
        Assert.Empty(await app.DeliveriesAsync());
        Assert.Single(receiver.Requests);
    }

    private static async Task EmitAsync(TestApp app, int count)
    {
        for (int index = 0; index < count; index++)
        {
            await app.WithEmitterAsync(emitter => OtherActions.EmitSomethingHappenedAsync(emitter, 1, projectId: null, new JsonObject { ["something"] = $"{index}" }).AsTask());
        }
    }

    private static Task<JsonArray> WaitForDeliveriesAsync(HttpClient client, long webhookId, string status, int count) =>
        Eventually.UntilAsync(
            async () => (await client.GetFromJsonAsync<JsonObject>($"/api/webhooks/{webhookId}/deliveries/?status={status}"))!["results"]!.AsArray(),
            results => results.Count == count,
            results => $"The log has {results.Count} {status} messages, not {count}: {results.ToJsonString()}");
}

public sealed class PendingMessagesTestsOnSqlite() : PendingMessagesTests(DatabaseProvider.Sqlite);

public sealed class PendingMessagesTestsOnPostgreSql() : PendingMessagesTests(DatabaseProvider.PostgreSql);
