using Hooks.Sdk.Delivery;

namespace Hooks.Sdk.EntityFrameworkCore;

/// <summary>
/// One body in the outbox (<c>webhook_payload</c>), stored once per event and shared by every webhook that receives
/// it: <see cref="WebhookDeliveryRecord.PayloadId"/> points here. Deleted with the last delivery that uses it.
/// </summary>
internal sealed class WebhookPayload
{
    public long Id { get; set; }

    public byte[] Body { get; set; } = [];
}
