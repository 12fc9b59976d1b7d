using Hooks.Sdk.Delivery;
using Hooks.Sdk.Store;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Hooks.Sdk.Tests.Delivery;

/// <summary>The dispatcher's scheduling alone, without a database or a receiver.</summary>
public sealed class WebhookLanesTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 1, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Each_webhook_gets_at_most_its_cap_and_the_global_cap_holds()
    {
        WebhookLanes lanes = Lanes(new WebhookOptions { MaxConcurrency = 3, MaxConcurrencyPerWebhook = 2 });
        lanes.Take([1, 2], [Webhook(1), Webhook(2)], _time.GetTimestamp(), [.. Records(1, 5), .. Records(2, 5, firstId: 100)]);

        List<WebhookAttemptStart> started = Start(lanes);

        Assert.Equal(3, started.Count);
        Assert.Equal([1, 1, 2], started.Select(attempt => attempt.Record.WebhookId).Order());
        lanes.Finished(started[0], TimeSpan.FromMilliseconds(5), outcomeQueued: true);
        Assert.Single(Start(lanes));
    }

    [Fact]
    public void A_message_held_until_its_outcome_is_written_is_not_taken_twice()
    {
        WebhookLanes lanes = Lanes(new WebhookOptions());
        WebhookDeliveryRecord[] records = Records(1, 1);
        lanes.Take([1], [Webhook(1)], _time.GetTimestamp(), records);
        WebhookAttemptStart attempt = Assert.Single(Start(lanes));
        lanes.Finished(attempt, TimeSpan.FromMilliseconds(5), outcomeQueued: true);

        // Its lease lapsed and it was claimed again before its outcome was written.
        lanes.Take([], [], _time.GetTimestamp(), records);
        Assert.Empty(Start(lanes));

        lanes.Recorded([new WebhookCompletion(records[0], null)]);
        lanes.Take([], [], _time.GetTimestamp(), records);
        Assert.Single(Start(lanes));
    }

    [Fact]
    public void Nothing_starts_after_stop_or_on_a_webhook_changed_since_it_was_read()
    {
        WebhookLanes stopped = Lanes(new WebhookOptions());
        stopped.Take([1], [Webhook(1)], _time.GetTimestamp(), Records(1, 2));
        stopped.Stop();
        Assert.Empty(Start(stopped));

        WebhookLanes changed = Lanes(new WebhookOptions());
        changed.Take([1], [Webhook(1)], _time.GetTimestamp(), Records(1, 2, firstId: 1));
        Assert.Single(Start(changed), attempt => attempt.Record.Id == 1);
        _time.Advance(TimeSpan.FromMilliseconds(1));
        changed.Changed(1);
        changed.Take([], [], _time.GetTimestamp(), Records(1, 1, firstId: 50));
        Assert.Empty(Start(changed));
        Assert.Contains(1L, changed.ToRead([]));

        _time.Advance(TimeSpan.FromMilliseconds(1));
        changed.Take([1], [Webhook(1)], _time.GetTimestamp(), []);
        Assert.NotEmpty(Start(changed));
    }

    [Fact]
    public void A_key_is_sent_one_message_at_a_time_in_order()
    {
        WebhookLanes lanes = Lanes(new WebhookOptions { MaxConcurrencyPerWebhook = 4 });
        WebhookDeliveryRecord[] records = Records(1, 3, key: "project:7");
        lanes.Take([1], [Webhook(1)], _time.GetTimestamp(), records);

        foreach (WebhookDeliveryRecord expected in records)
        {
            WebhookAttemptStart attempt = Assert.Single(Start(lanes));
            Assert.Same(expected, attempt.Record);
            Assert.Empty(Start(lanes));
            attempt.Record.Status = WebhookDeliveryStatus.Succeeded;
            Assert.Empty(lanes.Finished(attempt, TimeSpan.FromMilliseconds(5), outcomeQueued: true));
        }
    }

    [Fact]
    public void A_message_to_retry_hands_back_what_waits_behind_it_and_its_key_takes_no_followers_until_it_is_claimed_again()
    {
        WebhookLanes lanes = Lanes(new WebhookOptions());
        WebhookDeliveryRecord[] records = Records(1, 3, key: "project:7");
        lanes.Take([1], [Webhook(1)], _time.GetTimestamp(), records);
        WebhookAttemptStart head = Assert.Single(Start(lanes));

        head.Record.Status = WebhookDeliveryStatus.Pending;
        IReadOnlyList<WebhookDeliveryRecord> handedBack = lanes.Finished(head, TimeSpan.FromMilliseconds(5), outcomeQueued: true);

        Assert.Equal([2L, 3L], handedBack.Select(record => record.Id));
        Assert.Empty(Start(lanes));
        Assert.Empty(lanes.Tails(0));
        WebhookDeliveryRecord[] later = Records(1, 1, firstId: 9, key: "project:7", followers: true);
        Assert.Same(later[0], Assert.Single(lanes.Take([], [], _time.GetTimestamp(), later)));

        lanes.Recorded([new WebhookCompletion(head.Record, null)]);
        lanes.Take([], [], _time.GetTimestamp(), [head.Record]);
        Assert.Same(head.Record, Assert.Single(Start(lanes)).Record);
    }

    [Fact]
    public void A_held_key_asks_for_what_follows_its_last_message_and_an_unfollowed_key_hands_followers_back()
    {
        WebhookLanes lanes = Lanes(new WebhookOptions());
        lanes.Take([1], [Webhook(1)], _time.GetTimestamp(), Records(1, 1, firstId: 4, key: "project:7"));
        WebhookAttemptStart head = Assert.Single(Start(lanes));
        head.Record.Status = WebhookDeliveryStatus.Succeeded;
        lanes.Finished(head, TimeSpan.FromMilliseconds(5), outcomeQueued: true);

        // Held until its outcome is written: what was written behind it meanwhile is claimed behind it.
        WebhookKeyTail tail = Assert.Single(lanes.Tails(0));
        Assert.Equal((1L, "project:7", 4L), (tail.WebhookId, tail.OrderingKey, tail.AfterId));
        Assert.True(tail.Room > 0);

        lanes.Recorded([new WebhookCompletion(head.Record, null)]);
        Assert.Empty(lanes.Tails(0));
        WebhookDeliveryRecord[] orphan = Records(1, 1, firstId: 5, key: "project:7", followers: true);
        Assert.Single(lanes.Take([], [], _time.GetTimestamp(), orphan));
    }

    [Fact]
    public void A_key_found_exhausted_is_not_asked_again_until_messages_are_written()
    {
        WebhookLanes lanes = Lanes(new WebhookOptions());
        lanes.Take([1], [Webhook(1)], _time.GetTimestamp(), Records(1, 1, firstId: 4, key: "project:7"));
        WebhookAttemptStart head = Assert.Single(Start(lanes));
        head.Record.Status = WebhookDeliveryStatus.Succeeded;
        lanes.Finished(head, TimeSpan.FromMilliseconds(5), outcomeQueued: true);
        WebhookKeyTail tail = Assert.Single(lanes.Tails(writes: 3));

        lanes.Followed([tail], [], writes: 3);

        Assert.Empty(lanes.Tails(writes: 3));
        Assert.Single(lanes.Tails(writes: 4));
    }

    private WebhookLanes Lanes(WebhookOptions settings) => new(Options.Create(settings), _time);

    private static List<WebhookAttemptStart> Start(WebhookLanes lanes)
    {
        var started = new List<WebhookAttemptStart>();
        Assert.Empty(lanes.StartReady(started.Add));
        return started;
    }

    private static Webhook Webhook(long id) => new() { Id = id, OrganizationId = 1, Url = $"https://example.com/{id}", IsActive = true };

    /// <summary>Messages of distinct keys, or of one key: its head (pending) and what was written behind it.</summary>
    private WebhookDeliveryRecord[] Records(long webhookId, int count, long firstId = 1, string? key = null, bool followers = false) =>
        Enumerable.Range(0, count).Select(index => new WebhookDeliveryRecord
        {
            Id = firstId + index,
            WebhookId = webhookId,
            OrderingKey = key ?? $"project:{firstId + index}",
            Status = key is not null && (followers || index > 0) ? WebhookDeliveryStatus.Waiting : WebhookDeliveryStatus.Pending,
            MessageId = $"msg_{webhookId}_{index}",
            Body = [1, 2, 3],
            LeaseUntil = _time.GetUtcNow().UtcDateTime.AddMinutes(1),
        }).ToArray();
}
