using System.Text.Json.Nodes;
using Hooks.Sdk.Operations;
using Hooks.Sdk.Store;
using Hooks.Sdk.TestInfrastructure;
using Hooks.Sdk.Tests.Catalogue;
using Hooks.Sdk.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;

namespace Hooks.Sdk.Tests.Delivery;

/// <summary>The SDK's operator events reach organization-level webhooks that subscribe to them.</summary>
public abstract class OperatorEventTests(DatabaseProvider provider) : ProviderTests(provider)
{
    [Fact]
    public async Task A_webhook_disabled_by_failures_is_announced_once_to_the_operators_webhook()
    {
        await using Receiver receiver = await Receiver.StartAsync();
        receiver.Respond = context =>
        {
            context.Response.StatusCode = context.Request.Path == "/failing" ? 500 : 200;
            return Task.CompletedTask;
        };
        await using TestApp app = await StartAppAsync(options => options.MaxConsecutiveFailures = 2);
        Webhook failing = await app.AddWebhookAsync(1, null, receiver.Url("/failing"), webhook => webhook.SendForAllActions = false, OtherActions.SomethingHappened);
        await app.AddWebhookAsync(1, null, receiver.Url("/operator"), webhook => webhook.SendForAllActions = false, HooksActions.WebhookDisabled);

        for (int attempt = 0; attempt < 3; attempt++)
        {
            await app.WithEmitterAsync(emitter => OtherActions.EmitSomethingHappenedAsync(emitter, 1, null, null).AsTask());
        }

        JsonObject body = Assert.Single(receiver.To("/operator")).Json;
        Assert.Equal("WEBHOOK_DISABLED", (string?)body["action"]);
        Assert.Equal((failing.Id, receiver.Url("/failing"), "2 consecutive failures"),
            ((long)body["webhook"]!["id"]!, (string?)body["webhook"]!["url"], (string?)body["webhook"]!["reason"]));
        Assert.Equal(2, receiver.To("/failing").Count);
    }

    [Fact]
    public async Task Webhooks_sending_all_actions_do_not_get_operator_events()
    {
        await using Receiver receiver = await Receiver.StartAsync();
        receiver.Respond = context =>
        {
            context.Response.StatusCode = 500;
            return Task.CompletedTask;
        };
        await using TestApp app = await StartAppAsync(options => options.MaxConsecutiveFailures = 1);
        await app.AddWebhookAsync(1, null, receiver.Url("/all"));
        await app.AddWebhookAsync(1, null, receiver.Url("/all-too"));

        await app.WithEmitterAsync(emitter => OtherActions.EmitSomethingHappenedAsync(emitter, 1, null, null).AsTask());

        Assert.All(receiver.Requests, request => Assert.Equal("SOMETHING_HAPPENED", (string?)request.Json["action"]));
        Assert.Equal(2, receiver.Requests.Count);
    }

    [Fact]
    public async Task A_message_given_up_is_announced_but_a_given_up_announcement_is_not()
    {
        await using Receiver receiver = await Receiver.StartAsync();
        receiver.Respond = context =>
        {
            context.Response.StatusCode = 503;
            return Task.CompletedTask;
        };
        await using TestApp app = await StartAppAsync(options =>
        {
            options.Delivery = WebhookDeliveryMode.Background;
            options.RetrySchedule = [];
            options.MaxConsecutiveFailures = 0;
        });
        // One failing webhook that also hears the operator events: it must not feed itself forever.
        await app.AddWebhookAsync(1, null, receiver.Url("/everything"), webhook => webhook.SendForAllActions = false,
            OtherActions.SomethingHappened, HooksActions.WebhookAttemptsExhausted, HooksActions.WebhookDisabled);

        await app.WithEmitterAsync(emitter => OtherActions.EmitSomethingHappenedAsync(emitter, 1, null, null).AsTask());

        await receiver.WaitForAsync(received => received.Count == 2);
        await Task.Delay(500);
        Assert.Equal(["SOMETHING_HAPPENED", "WEBHOOK_ATTEMPTS_EXHAUSTED"], receiver.Requests.Select(request => (string?)request.Json["action"]));
        JsonObject details = receiver.Requests[1].Json["webhook"]!.AsObject();
        Assert.Equal(("SOMETHING_HAPPENED", 503, 1), ((string?)details["message_action"], (int)details["last_status_code"]!, (int)details["attempts"]!));
    }
}

public sealed class OperatorEventTestsOnSqlite() : OperatorEventTests(DatabaseProvider.Sqlite);

public sealed class OperatorEventTestsOnPostgreSql() : OperatorEventTests(DatabaseProvider.PostgreSql);
