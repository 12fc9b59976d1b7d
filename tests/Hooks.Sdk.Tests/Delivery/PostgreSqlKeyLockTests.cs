using Hooks.Sdk.Delivery;
using Hooks.Sdk.TestInfrastructure;
using Hooks.Sdk.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hooks.Sdk.Tests.Delivery;

/// <summary>
/// On PostgreSQL, writers run side by side, so a key's enqueue and its promotion take the key's advisory lock (on
/// SQLite the one write lock already keeps them apart): without it, a message written behind a head that finishes
/// meanwhile would wait for ever.
/// </summary>
public sealed class PostgreSqlKeyLockTests
{
    private static readonly DateTime Now = new(2026, 11, 23, 12, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task A_completion_waits_for_a_write_of_its_key_in_flight_and_then_makes_that_message_the_next_head()
    {
        await using TestApp app = await TestApp.StartAsync(options => options.Delivery = WebhookDeliveryMode.Inline, provider: DatabaseProvider.PostgreSql);
        long webhook = (await app.AddWebhookAsync(1, null, "http://127.0.0.1:9/a")).Id;
        await app.WithScopeAsync(services => services.GetRequiredService<IWebhookOutbox>().EnqueueAsync([Record(webhook, "msg_head", "project:1", 10)], CancellationToken.None));
        WebhookDeliveryRecord head = Assert.Single(await app.WithScopeAsync(services => services.GetRequiredService<IWebhookOutbox>().ClaimDueAsync(
            new WebhookClaimRequest("first", Now, Now.AddMinutes(1), 100, 1_000_000, new Dictionary<long, int>(), 100), CancellationToken.None)));

        // An app's transaction writes the key's next message (queued behind the head) and has not committed yet...
        await using AsyncServiceScope writer = app.Services.CreateAsyncScope();
        var db = writer.ServiceProvider.GetRequiredService<TestDbContext>();
        await using (Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction transaction = await db.Database.BeginTransactionAsync())
        {
            await writer.ServiceProvider.GetRequiredService<IWebhookOutbox>().EnqueueAsync([Record(webhook, "msg_next", "project:1", 10)], CancellationToken.None);

            // ...when the head's outcome is written: it must wait for that write, not promote nothing and leave it stuck.
            head.Status = WebhookDeliveryStatus.Succeeded;
            Task completing = app.WithScopeAsync(services => services.GetRequiredService<IWebhookOutbox>().CompleteAsync([new WebhookCompletion(head, null)], "first", CancellationToken.None));
            await Task.Delay(500);
            Assert.False(completing.IsCompleted, $"the outcome did not wait for the write of its key: {completing.Exception}");
            await transaction.CommitAsync();
            await completing.WaitAsync(TimeSpan.FromSeconds(30));
        }

        Assert.Equal(WebhookDeliveryStatus.Pending, (await app.DeliveriesAsync()).Single(delivery => delivery.MessageId == "msg_next").Status);
    }

    private static WebhookDeliveryRecord Record(long webhook, string messageId, string key, int bodyBytes) => new()
    {
        MessageId = messageId,
        WebhookId = webhook,
        OrganizationId = 1,
        Action = "MAINTENANCE",
        OrderingKey = key,
        Body = new byte[bodyBytes],
        CreatedAt = Now,
        NextAttemptAt = Now,
    };

}
