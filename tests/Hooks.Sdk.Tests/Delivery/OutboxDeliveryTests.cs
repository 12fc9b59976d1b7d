using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Hooks.Sdk.Delivery;
using Hooks.Sdk.Store;
using Hooks.Sdk.TestInfrastructure;
using Hooks.Sdk.Tests.Catalogue;
using Hooks.Sdk.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace Hooks.Sdk.Tests.Delivery;

/// <summary>The durable outbox and dispatcher against real loopback receivers, a real SQLite file and a fake clock for schedules.</summary>
public abstract class OutboxDeliveryTests(DatabaseProvider provider) : ProviderTests(provider)
{
    private static readonly TimeSpan[] ShortSchedule = [TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(1)];

    private static Action<WebhookOptions> Background(Action<WebhookOptions>? more = null) => options =>
    {
        options.Delivery = WebhookDeliveryMode.Background;
        options.RetrySchedule = [.. ShortSchedule];
        more?.Invoke(options);
    };

    [Fact]
    public async Task Emitting_returns_at_once_and_the_dispatcher_delivers_with_a_stable_id()
    {
        await using Receiver receiver = await Receiver.StartAsync();
        var answer = new TaskCompletionSource();
        receiver.Respond = _ => answer.Task;
        await using TestApp app = await StartAppAsync(Background());
        await app.AddWebhookAsync(1, null, receiver.Url());

        await EmitAsync(app, "first");

        IReadOnlyList<ReceivedRequest> requests = await receiver.WaitForAsync(received => received.Count == 1);
        Assert.Equal(WebhookDeliveryStatus.Pending, Assert.Single(await app.DeliveriesAsync()).Status);
        answer.SetResult();
        await WaitForAsync(app, deliveries => deliveries.All(delivery => delivery.Status == WebhookDeliveryStatus.Succeeded));
        WebhookDeliveryRecord record = Assert.Single(await app.DeliveriesAsync());
        Assert.Equal(record.MessageId, requests[0].Headers["webhook-id"]);
        Assert.StartsWith("msg_", record.MessageId);
        Assert.True(long.TryParse(requests[0].Headers["webhook-timestamp"], out _));
        Assert.Equal("first", (string?)requests[0].Json["something"]);
    }

    [Fact]
    public async Task Failures_are_retried_on_the_schedule_with_the_same_webhook_id()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using Receiver receiver = await Receiver.StartAsync();
        int calls = 0;
        receiver.Respond = context =>
        {
            context.Response.StatusCode = Interlocked.Increment(ref calls) <= 2 ? 500 : 200;
            return Task.CompletedTask;
        };
        await using TestApp app = await StartAppAsync(Background(), time);
        await app.AddWebhookAsync(1, null, receiver.Url());

        await EmitAsync(app, "retried");
        await WaitForAsync(app, deliveries => deliveries.Single().Attempts == 1);
        WebhookDeliveryRecord afterFirst = (await app.DeliveriesAsync()).Single();
        TimeSpan firstDelay = afterFirst.NextAttemptAt - time.GetUtcNow().UtcDateTime;
        Assert.InRange(firstDelay, TimeSpan.FromSeconds(8), TimeSpan.FromSeconds(12));

        app.WakeDispatcher();
        await Task.Delay(200);
        Assert.Single(receiver.Requests);
        time.Advance(TimeSpan.FromSeconds(13));
        app.WakeDispatcher();
        await WaitForAsync(app, deliveries => deliveries.Single().Attempts == 2);
        time.Advance(TimeSpan.FromMinutes(2));
        app.WakeDispatcher();
        await WaitForAsync(app, deliveries => deliveries.Single().Status == WebhookDeliveryStatus.Succeeded);

        Assert.Equal(3, receiver.Requests.Count);
        Assert.Single(receiver.Requests.Select(request => request.Headers["webhook-id"]).Distinct());
        Assert.Equal(0, (await app.FindWebhookAsync((await app.DeliveriesAsync()).Single().WebhookId))!.ConsecutiveFailures);
    }

    [Fact]
    public async Task A_receiver_that_is_down_then_up_gets_the_message()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        int port = Ports.Free();
        await using TestApp app = await StartAppAsync(Background(), time);
        await app.AddWebhookAsync(1, null, $"http://127.0.0.1:{port}/hook");

        await EmitAsync(app, "patience");
        await WaitForAsync(app, deliveries => deliveries.Single().Attempts == 1);
        Assert.NotNull((await app.DeliveriesAsync()).Single().LastError);

        await using Receiver receiver = await Receiver.StartAsync(port);
        time.Advance(TimeSpan.FromSeconds(13));
        app.WakeDispatcher();

        await receiver.WaitForAsync(received => received.Count == 1);
        await WaitForAsync(app, deliveries => deliveries.Single().Status == WebhookDeliveryStatus.Succeeded);
    }

    [Fact]
    public async Task Attempts_exhausted_fail_the_message_and_410_disables_the_webhook()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using Receiver receiver = await Receiver.StartAsync();
        receiver.Respond = context =>
        {
            context.Response.StatusCode = context.Request.Path == "/gone" ? 410 : 503;
            return Task.CompletedTask;
        };
        await using TestApp app = await StartAppAsync(Background(options => options.RetrySchedule = [TimeSpan.FromSeconds(10)]), time);
        Webhook failing = await app.AddWebhookAsync(1, null, receiver.Url("/failing"));
        Webhook gone = await app.AddWebhookAsync(1, null, receiver.Url("/gone"));

        await EmitAsync(app, "doomed");
        await WaitForAsync(app, deliveries => deliveries.Single(delivery => delivery.WebhookId == failing.Id).Attempts == 1
            && deliveries.Single(delivery => delivery.WebhookId == gone.Id).Status == WebhookDeliveryStatus.Failed);
        time.Advance(TimeSpan.FromSeconds(13));
        app.WakeDispatcher();
        await WaitForAsync(app, deliveries => deliveries.All(delivery => delivery.Status == WebhookDeliveryStatus.Failed));

        List<WebhookDeliveryRecord> records = await app.DeliveriesAsync();
        Assert.Equal((2, 503), (records.Single(delivery => delivery.WebhookId == failing.Id).Attempts, records.Single(delivery => delivery.WebhookId == failing.Id).LastStatusCode));
        Assert.Equal(1, records.Single(delivery => delivery.WebhookId == gone.Id).Attempts);
        Assert.False((await app.FindWebhookAsync(gone.Id))!.IsActive);
        Assert.True((await app.FindWebhookAsync(failing.Id))!.IsActive);
        Assert.Single(receiver.To("/gone"));
        Assert.Contains(app.Logs.AtLeast(Microsoft.Extensions.Logging.LogLevel.Warning), message => message.Contains("answered 410 Gone and was disabled"));
        Assert.Contains(app.Logs.AtLeast(Microsoft.Extensions.Logging.LogLevel.Warning), message => message.Contains("given up after 2 attempts"));
    }

    [Theory]
    [InlineData("120", 120)]
    [InlineData("999999", 3600)]
    public async Task Retry_after_is_honoured_up_to_the_bound(string retryAfter, int expectedSeconds)
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using Receiver receiver = await Receiver.StartAsync();
        receiver.Respond = context =>
        {
            context.Response.StatusCode = 503;
            context.Response.Headers.RetryAfter = retryAfter;
            return Task.CompletedTask;
        };
        await using TestApp app = await StartAppAsync(Background(), time);
        await app.AddWebhookAsync(1, null, receiver.Url());

        await EmitAsync(app, "later");
        await WaitForAsync(app, deliveries => deliveries.Single().Attempts == 1);

        TimeSpan delay = (await app.DeliveriesAsync()).Single().NextAttemptAt - time.GetUtcNow().UtcDateTime;
        Assert.InRange(delay.TotalSeconds, expectedSeconds - 1, expectedSeconds + 1);
    }

    [Fact]
    public async Task Messages_committed_before_a_stop_are_delivered_after_a_restart()
    {
        await using Receiver receiver = await Receiver.StartAsync();
        await using TestDatabase database = await CreateDatabaseAsync();
        await using (TestApp first = await StartAppAsync(options => options.Delivery = WebhookDeliveryMode.Inline, database: database))
        {
            Webhook webhook = await first.AddWebhookAsync(1, null, receiver.Url());
            // Written to the outbox, never sent: the host stops before its dispatcher runs.
            await first.WithScopeAsync(services => services.GetRequiredService<IWebhookOutbox>().EnqueueAsync(
                [new WebhookDeliveryRecord { MessageId = "msg_restart", WebhookId = webhook.Id, OrganizationId = 1, Action = "MAINTENANCE", Body = """{"action":"MAINTENANCE"}"""u8.ToArray(), CreatedAt = DateTime.UtcNow, NextAttemptAt = DateTime.UtcNow }],
                CancellationToken.None));
        }
        Assert.Empty(receiver.Requests);

        await using TestApp second = await StartAppAsync(Background(), database: database);

        ReceivedRequest delivered = Assert.Single(await receiver.WaitForAsync(received => received.Count == 1));
        Assert.Equal("msg_restart", delivered.Headers["webhook-id"]);
    }

    [Fact]
    public async Task Messages_claimed_ahead_for_a_fast_receiver_are_released_at_shutdown_and_sent_once_after_a_restart()
    {
        await using Receiver receiver = await Receiver.StartAsync();
        var thirdArrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var third = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        int calls = 0;
        receiver.Respond = _ =>
        {
            if (Interlocked.Increment(ref calls) != 3)
            {
                return Task.CompletedTask;
            }
            thirdArrived.SetResult();
            return third.Task;
        };
        await using TestDatabase database = await CreateDatabaseAsync();
        try
        {
            // Nothing here depends on the machine's speed: the held attempt cannot time out, no lease can lapse, and
            // any receiver counts as fast enough to claim the rest ahead for.
            await using TestApp first = await StartAppAsync(Background(options =>
            {
                options.MaxConcurrencyPerWebhook = 1;
                options.Timeout = TimeSpan.FromMinutes(5);
                options.LeaseMargin = TimeSpan.FromMinutes(30);
            }), database: database);
            await first.AddWebhookAsync(1, null, receiver.Url());
            // One project each: messages of one project go one at a time, so only distinct keys can be claimed ahead.
            for (int index = 0; index < 20; index++)
            {
                await EmitAsync(first, $"event {index}", projectId: index + 1);
            }

            // The third attempt holds the only slot; once two outcomes are written and the rest claimed, nothing moves.
            await thirdArrived.Task.WaitAsync(TimeSpan.FromMinutes(1));
            await WaitForAsync(first, deliveries => deliveries.Count == 20
                && deliveries.Count(delivery => delivery.Status == WebhookDeliveryStatus.Succeeded) == 2
                && deliveries.Count(delivery => delivery.LeaseOwner is not null) == 18);
            Assert.Equal(3, receiver.Requests.Count);
            // The dispatcher stops first, so that the held messages cannot start once the third attempt finishes.
            WebhookDispatcher dispatcher = first.Services.GetServices<IHostedService>().OfType<WebhookDispatcher>().Single();
            Task stopping = dispatcher.StopAsync(CancellationToken.None);
            third.SetResult();
            await stopping;
        }
        finally
        {
            // A failed assertion must not leave the receiver waiting on the held request.
            third.TrySetResult();
        }
        await using (TestApp stopped = await StartAppAsync(options => options.Delivery = WebhookDeliveryMode.Inline, database: database))
        {
            List<WebhookDeliveryRecord> deliveries = await stopped.DeliveriesAsync();
            Assert.Equal(3, deliveries.Count(delivery => delivery.Status == WebhookDeliveryStatus.Succeeded));
            Assert.All(deliveries, delivery => Assert.Null(delivery.LeaseOwner));
        }

        await using TestApp second = await StartAppAsync(Background(), database: database);
        await WaitForAsync(second, deliveries => deliveries.All(delivery => delivery.Status == WebhookDeliveryStatus.Succeeded));
        Assert.Equal(20, receiver.Requests.Count);
        Assert.Equal(20, receiver.Requests.Select(request => request.Headers["webhook-id"]).Distinct().Count());
    }

    [Fact]
    public async Task A_message_to_a_webhook_deactivated_since_the_dispatcher_last_read_it_fails_without_an_attempt()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using Receiver receiver = await Receiver.StartAsync();
        await using TestApp app = await StartAppAsync(Background(), time);
        Webhook webhook = await app.AddWebhookAsync(1, null, receiver.Url());
        await EmitAsync(app, "sent");
        await WaitForAsync(app, deliveries => deliveries.All(delivery => delivery.Status == WebhookDeliveryStatus.Succeeded));

        await app.WithDbAsync(db => db.Webhooks.Where(candidate => candidate.Id == webhook.Id)
            .ExecuteUpdateAsync(update => update.SetProperty(candidate => candidate.IsActive, false)));
        // The emitter skips inactive webhooks: this is a message written just before the change.
        await app.WithScopeAsync(services => services.GetRequiredService<IWebhookOutbox>().EnqueueAsync(
            [new WebhookDeliveryRecord { MessageId = "msg_inactive", WebhookId = webhook.Id, OrganizationId = 1, Action = "MAINTENANCE", Body = """{"action":"MAINTENANCE"}"""u8.ToArray(), CreatedAt = time.GetUtcNow().UtcDateTime, NextAttemptAt = time.GetUtcNow().UtcDateTime }],
            CancellationToken.None));
        time.Advance(TimeSpan.FromSeconds(2));
        app.WakeDispatcher();

        await WaitForAsync(app, deliveries => deliveries.All(delivery => delivery.Status != WebhookDeliveryStatus.Pending));
        WebhookDeliveryRecord dropped = (await app.DeliveriesAsync()).Single(delivery => delivery.MessageId == "msg_inactive");
        Assert.Equal((WebhookDeliveryStatus.Failed, 0, "The webhook is inactive."), (dropped.Status, dropped.Attempts, dropped.LastError));
        Assert.Single(receiver.Requests);
    }

    [Fact]
    public async Task A_slow_receiver_does_not_delay_another_webhooks_messages()
    {
        await using Receiver receiver = await Receiver.StartAsync();
        var releaseSlow = new TaskCompletionSource();
        receiver.Respond = context => context.Request.Path == "/slow" ? releaseSlow.Task.WaitAsync(TimeSpan.FromSeconds(20)) : Task.CompletedTask;
        await using TestApp app = await StartAppAsync(Background(options => options.MaxConcurrencyPerWebhook = 2));
        await app.AddWebhookAsync(1, null, receiver.Url("/slow"));
        await app.AddWebhookAsync(1, null, receiver.Url("/fast"));
        try
        {
            // One project each, so that the slow webhook's cap of two, not one project's order, is what holds it.
            for (int index = 0; index < 10; index++)
            {
                await EmitAsync(app, $"event {index}", projectId: index + 1);
            }

            // While the slow receiver still holds every request it got, all the fast webhook's messages arrive: no
            // head-of-line blocking. The wait's timeout only guards against a hang; nothing here measures speed.
            await receiver.WaitForAsync(received => received.Count(request => request.Path == "/fast") == 10, TimeSpan.FromSeconds(15));
            Assert.Equal(2, receiver.To("/slow").Count);
        }
        finally
        {
            releaseSlow.SetResult();
        }
        await WaitForAsync(app, deliveries => deliveries.All(delivery => delivery.Status == WebhookDeliveryStatus.Succeeded), TimeSpan.FromSeconds(30));
        Assert.Equal(10, receiver.To("/slow").Count);
    }

    [Fact]
    public async Task Two_dispatchers_on_one_database_never_make_the_same_attempt_twice()
    {
        await using Receiver receiver = await Receiver.StartAsync();
        await using TestDatabase database = await CreateDatabaseAsync();
        await using TestApp first = await StartAppAsync(Background(), database: database);
        await using TestApp second = await StartAppAsync(Background(), database: database);
        for (int index = 0; index < 5; index++)
        {
            await first.AddWebhookAsync(1, null, receiver.Url($"/hook{index}"));
        }

        for (int index = 0; index < 40; index++)
        {
            await EmitAsync(index % 2 == 0 ? first : second, $"event {index}");
        }

        await receiver.WaitForAsync(received => received.Count >= 200, TimeSpan.FromSeconds(60));
        await WaitForAsync(first, deliveries => deliveries.All(delivery => delivery.Status == WebhookDeliveryStatus.Succeeded), TimeSpan.FromSeconds(30));
        Assert.Equal(200, receiver.Requests.Count);
        Assert.Equal(200, receiver.Requests.Select(request => request.Headers["webhook-id"]).Distinct().Count());
    }

    [Fact]
    public async Task A_thousand_events_across_fifty_webhooks_are_each_delivered_exactly_once()
    {
        await using Receiver receiver = await Receiver.StartAsync();
        await using TestApp app = await StartAppAsync(Background());
        for (int index = 0; index < 50; index++)
        {
            await app.AddWebhookAsync(1, null, receiver.Url($"/hook{index}"));
        }

        for (int index = 0; index < 20; index++)
        {
            await EmitAsync(app, $"event {index}");
        }

        await receiver.WaitForAsync(received => received.Count >= 1000, TimeSpan.FromSeconds(90));
        await WaitForAsync(app, deliveries => deliveries.All(delivery => delivery.Status == WebhookDeliveryStatus.Succeeded), TimeSpan.FromSeconds(30));
        Assert.Equal(1000, receiver.Requests.Count);
        Assert.Equal(1000, receiver.Requests.Select(request => request.Headers["webhook-id"]).Distinct().Count());
        Assert.All(receiver.Requests.GroupBy(request => request.Path), group => Assert.Equal(20, group.Count()));
        // Outcomes come in batches of many rows: the delivery log still gets exactly one attempt per message.
        Assert.Equal(1000, await app.WithDbAsync(db => db.Set<WebhookDeliveryAttempt>().Select(attempt => attempt.DeliveryId).Distinct().CountAsync()));
        Assert.Equal(1000, await app.WithDbAsync(db => db.Set<WebhookDeliveryAttempt>().CountAsync()));
    }

    /// <summary>Emits to the organization's webhooks; with a project, in that project's ordering key.</summary>
    private static Task EmitAsync(TestApp app, string text, long? projectId = null) =>
        app.WithEmitterAsync(emitter => OtherActions.EmitSomethingHappenedAsync(emitter, 1, projectId, new JsonObject { ["something"] = text }).AsTask());

    private static Task WaitForAsync(TestApp app, Func<List<WebhookDeliveryRecord>, bool> done, TimeSpan? timeout = null) =>
        Eventually.UntilAsync(app.DeliveriesAsync, done, deliveries => "The outbox did not reach the expected state: " + string.Join("; ",
            deliveries.Select(delivery => $"{delivery.WebhookId}:{delivery.Status}/{delivery.Attempts}/{delivery.LastStatusCode}/{delivery.LastError}")), timeout);

}

public sealed class OutboxDeliveryTestsOnSqlite() : OutboxDeliveryTests(DatabaseProvider.Sqlite);

public sealed class OutboxDeliveryTestsOnPostgreSql() : OutboxDeliveryTests(DatabaseProvider.PostgreSql);
