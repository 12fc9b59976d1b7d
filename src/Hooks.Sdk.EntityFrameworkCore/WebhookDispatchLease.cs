namespace Hooks.Sdk.EntityFrameworkCore;

/// <summary>
/// Which dispatcher sends a webhook's messages, until when (<c>webhook_dispatch</c>): one at a time in the whole
/// cluster, so that <see cref="WebhookOptions.MaxConcurrencyPerWebhook"/> and the per-key order, which each dispatcher
/// keeps for what it sends, hold for every process on the database. Taken or renewed by a claim whose leases would
/// outlast it, for twice their length, so it never lapses while its owner still sends; released when its owner stops.
/// </summary>
internal sealed class WebhookDispatchLease
{
    public long WebhookId { get; set; }

    public string Owner { get; set; } = "";

    public DateTime LeaseUntil { get; set; }
}
