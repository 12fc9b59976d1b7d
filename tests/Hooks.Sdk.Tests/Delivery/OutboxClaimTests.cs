using Hooks.Sdk.Delivery;
using Hooks.Sdk.TestInfrastructure;
using Hooks.Sdk.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Hooks.Sdk.Tests.Delivery;

/// <summary>
/// The EF Core outbox's claim on a real database: the request's per-webhook room, count and byte limits, and one
/// dispatcher at a time per webhook.
/// </summary>
public abstract class OutboxClaimTests(DatabaseProvider provider) : ProviderTests(provider)
{
    private static readonly DateTime Now = new(2026, 11, 23, 12, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task A_claim_takes_each_webhooks_room_and_the_default_room_for_unlisted_webhooks()
    {
        await using TestApp app = await StartAppAsync(options => options.Delivery = WebhookDeliveryMode.Inline);
        long roomy = (await app.AddWebhookAsync(1, null, "http://127.0.0.1:9/a")).Id;
        long full = (await app.AddWebhookAsync(1, null, "http://127.0.0.1:9/b")).Id;
        long unlisted = (await app.AddWebhookAsync(1, null, "http://127.0.0.1:9/c")).Id;
        await SeedAsync(app, [roomy, full, unlisted], perWebhook: 5, bodyBytes: 10);

        // Alone, a dispatcher takes half the webhooks new to it at a claim (see the sharing test below), here the first due.
        IReadOnlyList<WebhookDeliveryRecord>[] claims = [
            await ClaimAsync(app, "first", max: 100, maxBytes: 1_000_000, new Dictionary<long, int> { [roomy] = 3, [full] = 0 }, defaultRoom: 2),
            await ClaimAsync(app, "first", max: 100, maxBytes: 1_000_000, new Dictionary<long, int> { [roomy] = 0, [full] = 0 }, defaultRoom: 2),
        ];
        IReadOnlyList<WebhookDeliveryRecord> claimed = [.. claims.SelectMany(claim => claim)];

        Assert.Equal([(roomy, 3), (unlisted, 2)], claimed.GroupBy(record => record.WebhookId).Select(group => (group.Key, group.Count())).Order());
        Assert.All(claimed, record => Assert.Equal(("first", Now.AddMinutes(1)), (record.LeaseOwner, record.LeaseUntil)));
        Assert.All(claims, claim => Assert.Equal(claim.OrderBy(record => record.NextAttemptAt).ThenBy(record => record.Id).Select(record => record.Id), claim.Select(record => record.Id)));

        IReadOnlyList<WebhookDeliveryRecord> second = await ClaimAsync(app, "first", max: 100, maxBytes: 1_000_000, new Dictionary<long, int>(), defaultRoom: 100);
        Assert.Equal(15 - 5, second.Count);
        Assert.Empty(second.Select(record => record.Id).Intersect(claimed.Select(record => record.Id)));
    }

    [Fact]
    public async Task A_claim_stops_at_the_most_messages_and_bytes_but_takes_one_large_message_alone()
    {
        await using TestApp app = await StartAppAsync(options => options.Delivery = WebhookDeliveryMode.Inline);
        long webhook = (await app.AddWebhookAsync(1, null, "http://127.0.0.1:9/a")).Id;
        await SeedAsync(app, [webhook], perWebhook: 10, bodyBytes: 1000);
        var room = new Dictionary<long, int>();

        Assert.Equal(3, (await ClaimAsync(app, "first", max: 3, maxBytes: 1_000_000, room, defaultRoom: 100)).Count);
        Assert.Equal(2, (await ClaimAsync(app, "first", max: 100, maxBytes: 2_500, room, defaultRoom: 100)).Count);
        Assert.Single(await ClaimAsync(app, "first", max: 100, maxBytes: 10, room, defaultRoom: 100));
    }

    [Fact]
    public async Task A_webhook_one_dispatcher_sends_for_is_not_claimed_by_another_until_its_hold_ends_or_is_released()
    {
        await using TestApp app = await StartAppAsync(options => options.Delivery = WebhookDeliveryMode.Inline);
        long taken = (await app.AddWebhookAsync(1, null, "http://127.0.0.1:9/a")).Id;
        long other = (await app.AddWebhookAsync(1, null, "http://127.0.0.1:9/b")).Id;
        await SeedAsync(app, [taken], perWebhook: 4, bodyBytes: 10);
        Assert.Single(await ClaimAsync(app, "first", max: 100, maxBytes: 1_000_000, [], defaultRoom: 1));
        await SeedAsync(app, [other], perWebhook: 2, bodyBytes: 10);

        // The second dispatcher gets the other webhook's messages only, though the first's are due and have room.
        IReadOnlyList<WebhookDeliveryRecord> second = await ClaimAsync(app, "second", max: 100, maxBytes: 1_000_000, [], defaultRoom: 100);
        Assert.Equal([other, other], second.Select(record => record.WebhookId));
        Assert.Empty(await ClaimAsync(app, "third", max: 100, maxBytes: 1_000_000, [], defaultRoom: 100, at: Now.AddSeconds(59)));
        // Claiming again within its hold only reads it.
        Assert.Single(await ClaimAsync(app, "first", max: 100, maxBytes: 1_000_000, [], defaultRoom: 1, at: Now.AddSeconds(10)));

        // A stopping dispatcher's release hands its webhooks over at once.
        await app.WithScopeAsync(services => services.GetRequiredService<IWebhookOutbox>().ReleaseAsync("second", CancellationToken.None));
        Assert.Equal([other, other], (await ClaimAsync(app, "fourth", max: 100, maxBytes: 1_000_000, [], defaultRoom: 100)).Select(record => record.WebhookId));

        // The hold runs for twice the leases the first took: past their end, the webhook is still the first's...
        Assert.Empty(await ClaimAsync(app, "third", max: 100, maxBytes: 1_000_000, [], defaultRoom: 100, at: Now.AddMinutes(1).AddSeconds(1)));
        // ...and past the hold's end, it is taken over with the message the first had claimed.
        Assert.Equal(4, (await ClaimAsync(app, "third", max: 100, maxBytes: 1_000_000, [], defaultRoom: 100, at: Now.AddMinutes(2).AddSeconds(1)))
            .Count(record => record.WebhookId == taken));
    }

    [Fact]
    public async Task Dispatchers_share_the_webhooks_each_taking_what_it_lacks_of_an_even_share_of_the_new_ones()
    {
        await using TestApp app = await StartAppAsync(options => options.Delivery = WebhookDeliveryMode.Inline);
        long[] webhooks = await AddWebhooksAsync(app, 16);
        await SeedAsync(app, webhooks[..10], perWebhook: 1, bodyBytes: 10);

        // Alone, the first takes half; the second, what it lacks of an even share; neither takes another's.
        Assert.Equal(webhooks[..5], await ClaimedWebhooksAsync(app, "first"));
        Assert.Equal(webhooks[5..10], await ClaimedWebhooksAsync(app, "second"));

        // Of two new webhooks, each has its share of twelve but one, and takes one.
        await SeedAsync(app, webhooks[10..12], perWebhook: 1, bodyBytes: 10);
        Assert.Equal([webhooks[10]], await ClaimedWebhooksAsync(app, "first"));
        Assert.Equal([webhooks[11]], await ClaimedWebhooksAsync(app, "second"));

        // The first takes two more while the second does not claim (it is busy, or has stopped without a release)...
        await SeedAsync(app, webhooks[12..14], perWebhook: 1, bodyBytes: 10);
        Assert.Equal([webhooks[12]], await ClaimedWebhooksAsync(app, "first"));
        Assert.Equal([webhooks[13]], await ClaimedWebhooksAsync(app, "first"));
        // ...and past its share, still one new webhook a claim: new webhooks never wait for the second's holds to lapse.
        await SeedAsync(app, webhooks[14..], perWebhook: 1, bodyBytes: 10);
        Assert.Equal([webhooks[14]], await ClaimedWebhooksAsync(app, "first"));
    }

    [Fact]
    public async Task A_key_held_gets_the_messages_written_behind_it_in_order_until_one_is_leased_elsewhere()
    {
        await using TestApp app = await StartAppAsync(options => options.Delivery = WebhookDeliveryMode.Inline);
        long webhook = (await app.AddWebhookAsync(1, null, "http://127.0.0.1:9/a")).Id;
        await SeedAsync(app, [webhook], perWebhook: 6, bodyBytes: 10, key: "project:1");
        WebhookDeliveryRecord head = Assert.Single(await ClaimAsync(app, "first", max: 100, maxBytes: 1_000_000, [], defaultRoom: 100));
        long afterHead = head.Id;

        IReadOnlyList<WebhookDeliveryRecord> behind = await FollowAsync(app, "first", new WebhookKeyTail(webhook, "project:1", afterHead, Room: 2));
        Assert.Equal([afterHead + 1, afterHead + 2], behind.Select(record => record.Id));
        Assert.All(behind, record => Assert.Equal((WebhookDeliveryStatus.Waiting, "first"), (record.Status, record.LeaseOwner)));
        Assert.All(behind, record => Assert.Equal(10, record.Body.Length));

        // Another dispatcher following from the same point finds those leased, and takes nothing past them.
        Assert.Empty(await FollowAsync(app, "second", new WebhookKeyTail(webhook, "project:1", afterHead, Room: 10)));
        // The byte limit stops the chain too.
        Assert.Single(await FollowAsync(app, "first", new WebhookKeyTail(webhook, "project:1", afterHead + 2, Room: 10), maxBytes: 15));
        Assert.Equal([afterHead + 4, afterHead + 5], (await FollowAsync(app, "first", new WebhookKeyTail(webhook, "project:1", afterHead + 3, Room: 10))).Select(record => record.Id));
    }

    [Fact]
    public async Task Following_stops_at_a_key_head_made_due_which_only_the_claim_of_heads_takes()
    {
        await using TestApp app = await StartAppAsync(options => options.Delivery = WebhookDeliveryMode.Inline);
        long webhook = (await app.AddWebhookAsync(1, null, "http://127.0.0.1:9/a")).Id;
        await SeedAsync(app, [webhook], perWebhook: 4, bodyBytes: 10, key: "project:1");
        WebhookDeliveryRecord head = Assert.Single(await ClaimAsync(app, "first", max: 100, maxBytes: 1_000_000, [], defaultRoom: 100));

        // The head finished, and the message behind it became the key's due head, not yet claimed by anyone.
        head.Status = WebhookDeliveryStatus.Succeeded;
        await app.WithScopeAsync(services => services.GetRequiredService<IWebhookOutbox>().CompleteAsync([new WebhookCompletion(head, null)], "first", CancellationToken.None));
        Assert.Empty(await FollowAsync(app, "first", new WebhookKeyTail(webhook, "project:1", head.Id, Room: 10)));

        WebhookDeliveryRecord next = Assert.Single(await ClaimAsync(app, "first", max: 100, maxBytes: 1_000_000, [], defaultRoom: 100));
        Assert.Equal(head.Id + 1, next.Id);
        Assert.Equal([head.Id + 2, head.Id + 3], (await FollowAsync(app, "first", new WebhookKeyTail(webhook, "project:1", next.Id, Room: 10))).Select(record => record.Id));
    }

    private static Task<IReadOnlyList<WebhookDeliveryRecord>> FollowAsync(TestApp app, string owner, WebhookKeyTail tail, long maxBytes = 1_000_000) =>
        app.WithScopeAsync(services => services.GetRequiredService<IWebhookOutbox>().ClaimFollowersAsync(
            new WebhookFollowRequest(owner, Now, Now.AddMinutes(1), maxBytes, [tail]), CancellationToken.None));

    private static Task<IReadOnlyList<WebhookDeliveryRecord>> ClaimAsync(
        TestApp app, string owner, int max, long maxBytes, Dictionary<long, int> room, int defaultRoom, DateTime? at = null) =>
        app.WithScopeAsync(services => services.GetRequiredService<IWebhookOutbox>().ClaimDueAsync(
            new WebhookClaimRequest(owner, at ?? Now, (at ?? Now).AddMinutes(1), max, maxBytes, room, defaultRoom), CancellationToken.None));

    private static async Task<long[]> AddWebhooksAsync(TestApp app, int count)
    {
        var ids = new long[count];
        for (int index = 0; index < count; index++)
        {
            ids[index] = (await app.AddWebhookAsync(1, null, $"http://127.0.0.1:9/{index}")).Id;
        }
        return ids;
    }

    private static async Task<long[]> ClaimedWebhooksAsync(TestApp app, string owner) =>
        [.. (await ClaimAsync(app, owner, max: 100, maxBytes: 1_000_000, [], defaultRoom: 100)).Select(record => record.WebhookId).Distinct().Order()];

    private static Task SeedAsync(TestApp app, long[] webhooks, int perWebhook, int bodyBytes, string? key = null) =>
        app.WithScopeAsync(services => services.GetRequiredService<IWebhookOutbox>().EnqueueAsync(
            Enumerable.Range(0, perWebhook).SelectMany(index => webhooks.Select(webhook => new WebhookDeliveryRecord
            {
                MessageId = $"msg_{webhook}_{index}",
                WebhookId = webhook,
                OrganizationId = 1,
                Action = "MAINTENANCE",
                // A key each: only a key's first unfinished message is ever due.
                OrderingKey = key ?? $"key:{index}",
                Body = new byte[bodyBytes],
                CreatedAt = Now,
                NextAttemptAt = Now.AddSeconds(-perWebhook + index),
            })).ToList(),
            CancellationToken.None));
}

public sealed class OutboxClaimTestsOnSqlite() : OutboxClaimTests(DatabaseProvider.Sqlite);

public sealed class OutboxClaimTestsOnPostgreSql() : OutboxClaimTests(DatabaseProvider.PostgreSql);
