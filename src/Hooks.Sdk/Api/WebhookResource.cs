using System.Text.Json;
using Hooks.Sdk.Catalogue;
using Hooks.Sdk.Serialization;
using Hooks.Sdk.Store;

namespace Hooks.Sdk.Api;

/// <summary>Writes a webhook as the API shows it: Label Studio's fields in Label Studio's order.</summary>
internal static class WebhookResource
{
    public static byte[] Serialize(Webhook webhook)
    {
        using PayloadWriter lease = PayloadWriter.Rent();
        Write(lease.Writer, webhook);
        return lease.ToArray();
    }

    public static byte[] SerializeList(IReadOnlyList<Webhook> webhooks)
    {
        using PayloadWriter lease = PayloadWriter.Rent();
        lease.Writer.WriteStartArray();
        foreach (Webhook webhook in webhooks)
        {
            Write(lease.Writer, webhook);
        }
        lease.Writer.WriteEndArray();
        return lease.ToArray();
    }

    private static void Write(Utf8JsonWriter writer, Webhook webhook)
    {
        writer.WriteStartObject();
        writer.WriteNumber("id"u8, webhook.Id);
        writer.WriteNumber("organization"u8, webhook.OrganizationId);
        if (webhook.ProjectId is { } project)
        {
            writer.WriteNumber("project"u8, project);
        }
        else
        {
            writer.WriteNull("project"u8);
        }
        writer.WriteString("url"u8, webhook.Url);
        writer.WriteBoolean("send_payload"u8, webhook.SendPayload);
        writer.WriteBoolean("send_for_all_actions"u8, webhook.SendForAllActions);
        writer.WriteStartObject("headers"u8);
        foreach ((string name, string value) in webhook.Headers)
        {
            writer.WriteString(name, value);
        }
        writer.WriteEndObject();
        writer.WriteBoolean("is_active"u8, webhook.IsActive);
        writer.WriteNumber("consecutive_failures"u8, webhook.ConsecutiveFailures);
        writer.WriteStartArray("actions"u8);
        foreach (WebhookSubscription subscription in webhook.Actions.OrderBy(subscription => subscription.Id))
        {
            writer.WriteStringValue(subscription.Action);
        }
        writer.WriteEndArray();
        writer.WritePropertyName("created_at"u8);
        LabelStudioDateTimeConverter.WriteValue(writer, webhook.CreatedAt);
        writer.WritePropertyName("updated_at"u8);
        LabelStudioDateTimeConverter.WriteValue(writer, webhook.UpdatedAt);
        writer.WriteEndObject();
    }
}
