using System.Text.Json.Nodes;
using Hooks.Sdk.Api;
using Hooks.Sdk.Delivery;
using Hooks.Sdk.Store;
using Hooks.Sdk.TestInfrastructure;
using Hooks.Sdk.Tests.Catalogue;
using Hooks.Sdk.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Hooks.Sdk.Tests.Api;

/// <summary>
/// <see cref="WebhookDeliveryLog"/> through <see cref="WebhookAdministration"/>, as an app's page uses it. The dispatcher
/// polls only every ten minutes here, so a message sent again arrives in time only if redelivery wakes it.
/// </summary>
public abstract class WebhookDeliveryLogTests(DatabaseProvider provider) : ProviderTests(provider)
{
    [Fact]
    public async Task Redelivery_sends_a_message_again_with_its_webhook_id_within_the_organization_only()
    {
        await using Receiver receiver = await Receiver.StartAsync();
        await using TestApp app = await StartAppAsync(Background());
        long webhook = await CreateAsync(app, receiver.Url());
        await EmitAsync(app);
        WebhookDeliveryRecord delivered = await WaitForAsync(app, webhook, deliveries => deliveries.Single().Status == WebhookDeliveryStatus.Succeeded);

        int sent = await WithLogAsync(app, 1, webhook, log => log!.RedeliverAsync(delivered.Id));
        int unknown = await WithLogAsync(app, 1, webhook, log => log!.RedeliverAsync(delivered.Id + 1000));
        bool foreign = await WithLogAsync(app, 2, webhook, log => Task.FromResult(log is null));

        Assert.Equal((1, 0, true), (sent, unknown, foreign));
        IReadOnlyList<ReceivedRequest> received = await receiver.WaitForAsync(requests => requests.Count == 2);
        Assert.Equal(received[0].Headers["webhook-id"], received[1].Headers["webhook-id"]);
    }

    [Fact]
    public async Task Recovery_sends_again_every_failed_message_since_a_time_and_the_log_shows_each_attempt()
    {
        await using Receiver receiver = await Receiver.StartAsync();
        bool down = true;
        receiver.Respond = context =>
        {
            context.Response.StatusCode = down ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status200OK;
            return Task.CompletedTask;
        };
        await using TestApp app = await StartAppAsync(Background());
        long webhook = await CreateAsync(app, receiver.Url());
        DateTimeOffset before = DateTimeOffset.UtcNow.AddMinutes(-1);
        await EmitAsync(app);
        await EmitAsync(app);
        await WaitForAsync(app, webhook, deliveries => deliveries.Count == 2 && deliveries.All(delivery => delivery.Status == WebhookDeliveryStatus.Failed));

        down = false;
        int recovering = await WithLogAsync(app, 1, webhook, log => log!.RecoverAsync(before));
        int later = await WithLogAsync(app, 1, webhook, log => log!.RecoverAsync(DateTimeOffset.UtcNow.AddMinutes(1)));

        Assert.Equal((2, 0), (recovering, later));
        WebhookDeliveryRecord first = await WaitForAsync(app, webhook, deliveries => deliveries.All(delivery => delivery.Status == WebhookDeliveryStatus.Succeeded));
        var found = await WithLogAsync(app, 1, webhook, log => log!.FindAsync(first.Id));
        Assert.Equal([503, 200], found!.Value.Attempts.Select(attempt => attempt.StatusCode));
    }

    private static Action<WebhookOptions> Background() => options =>
    {
        options.Delivery = WebhookDeliveryMode.Background;
        options.RetrySchedule = [];
        options.PollInterval = TimeSpan.FromMinutes(10);
    };

    private static async Task<long> CreateAsync(TestApp app, string url)
    {
        WebhookChange change = await app.WithScopeAsync(services => services.GetRequiredService<WebhookAdministration>().CreateAsync(1, new WebhookInput { Url = url }));
        return change.Webhook!.Id;
    }

    private static Task<T> WithLogAsync<T>(TestApp app, long organizationId, long webhook, Func<WebhookDeliveryLog?, Task<T>> work) =>
        app.WithScopeAsync(async services => await work(await services.GetRequiredService<WebhookAdministration>().FindDeliveryLogAsync(organizationId, webhook)));

    private static Task EmitAsync(TestApp app) =>
        app.WithEmitterAsync(emitter => OtherActions.EmitSomethingHappenedAsync(emitter, 1, projectId: null, new JsonObject { ["something"] = "logged" }).AsTask());

    /// <summary>The newest message once the log satisfies <paramref name="done"/>.</summary>
    private static async Task<WebhookDeliveryRecord> WaitForAsync(TestApp app, long webhook, Func<IReadOnlyList<WebhookDeliveryRecord>, bool> done) =>
        (await Eventually.UntilAsync(
            () => WithLogAsync(app, 1, webhook, async log => (await log!.ListAsync(status: null, skip: 0, take: 10)).Page),
            deliveries => deliveries.Count > 0 && done(deliveries),
            deliveries => "The delivery log did not reach the expected state: " + string.Join(", ", deliveries.Select(delivery => delivery.Status))))[0];
}

public sealed class WebhookDeliveryLogTestsOnSqlite() : WebhookDeliveryLogTests(DatabaseProvider.Sqlite);

public sealed class WebhookDeliveryLogTestsOnPostgreSql() : WebhookDeliveryLogTests(DatabaseProvider.PostgreSql);
