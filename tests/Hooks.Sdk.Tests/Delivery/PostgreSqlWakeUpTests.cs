using System.Text.Json.Nodes;
using Hooks.Sdk.TestInfrastructure;
using Hooks.Sdk.Tests.Catalogue;
using Hooks.Sdk.Tests.Infrastructure;

namespace Hooks.Sdk.Tests.Delivery;

/// <summary>On PostgreSQL, a message committed by one node wakes the node that holds its webhook (LISTEN/NOTIFY).</summary>
public sealed class PostgreSqlWakeUpTests
{
    [Fact]
    public async Task A_message_written_on_one_node_is_sent_at_once_by_the_node_holding_its_webhook()
    {
        await using Receiver receiver = await Receiver.StartAsync();
        await using TestDatabase database = await TestDatabase.CreateAsync(DatabaseProvider.PostgreSql);
        // Polls once an hour: only a wake-up delivers within the test.
        Action<WebhookOptions> options = settings =>
        {
            settings.Delivery = WebhookDeliveryMode.Background;
            settings.PollInterval = TimeSpan.FromHours(1);
        };
        await using TestApp holder = await TestApp.StartAsync(options, database: database);
        await using TestApp writer = await TestApp.StartAsync(options, database: database);
        await holder.AddWebhookAsync(1, null, receiver.Url());

        // The holder's own commit wakes it: it sends, and holds the webhook until that message's lease would end.
        await EmitAsync(holder, "first");
        await receiver.WaitForAsync(received => received.Count == 1);

        // The writer's dispatcher, woken by its own commit, finds the webhook held; the holder learns of it by notification.
        await EmitAsync(writer, "second");
        IReadOnlyList<ReceivedRequest> received = await receiver.WaitForAsync(requests => requests.Count == 2, TimeSpan.FromSeconds(20));
        Assert.Equal(["first", "second"], received.Select(request => (string?)request.Json["something"]));
    }

    private static Task EmitAsync(TestApp app, string text) =>
        app.WithEmitterAsync(emitter => OtherActions.EmitSomethingHappenedAsync(emitter, 1, null, new JsonObject { ["something"] = text }).AsTask());
}
