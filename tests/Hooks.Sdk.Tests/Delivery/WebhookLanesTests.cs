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

    private WebhookLanes Lanes(WebhookOptions settings) => new(Options.Create(settings), _time);

    private static List<WebhookAttemptStart> Start(WebhookLanes lanes)
    {
        var started = new List<WebhookAttemptStart>();
        lanes.StartReady(started.Add);
        return started;
    }

    private static Webhook Webhook(long id) => new() { Id = id, OrganizationId = 1, Url = $"https://example.com/{id}", IsActive = true };

    private WebhookDeliveryRecord[] Records(long webhookId, int count, long firstId = 1) =>
        Enumerable.Range(0, count).Select(index => new WebhookDeliveryRecord
        {
            Id = firstId + index,
            WebhookId = webhookId,
            MessageId = $"msg_{webhookId}_{index}",
            Body = [1, 2, 3],
            LeaseUntil = _time.GetUtcNow().UtcDateTime.AddMinutes(1),
        }).ToArray();
}
