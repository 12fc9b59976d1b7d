using System.Text.Json;
using Hooks.Sdk.Catalogue;
using Hooks.Sdk.Delivery;
using Hooks.Sdk.Serialization;

namespace Hooks.Sdk.Api;

/// <summary>Writes the delivery log as the API shows it.</summary>
internal static class DeliveryResource
{
    public static byte[] SerializePage(IReadOnlyList<WebhookDeliveryRecord> page, int count)
    {
        using PayloadWriter lease = PayloadWriter.Rent();
        Utf8JsonWriter writer = lease.Writer;
        writer.WriteStartObject();
        writer.WriteNumber("count"u8, count);
        writer.WriteStartArray("results"u8);
        foreach (WebhookDeliveryRecord delivery in page)
        {
            writer.WriteStartObject();
            WriteFields(writer, delivery);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        writer.WriteEndObject();
        return lease.ToArray();
    }

    public static byte[] Serialize(WebhookDeliveryRecord delivery, IReadOnlyList<WebhookDeliveryAttempt> attempts)
    {
        using PayloadWriter lease = PayloadWriter.Rent();
        Utf8JsonWriter writer = lease.Writer;
        writer.WriteStartObject();
        WriteFields(writer, delivery);
        writer.WritePropertyName("body"u8);
        try
        {
            using JsonDocument body = JsonDocument.Parse(delivery.Body);
            body.WriteTo(writer);
        }
        catch (JsonException)
        {
            writer.WriteStringValue(System.Text.Encoding.UTF8.GetString(delivery.Body));
        }
        writer.WriteStartArray("log"u8);
        foreach (WebhookDeliveryAttempt attempt in attempts)
        {
            writer.WriteStartObject();
            writer.WriteNumber("number"u8, attempt.Number);
            writer.WritePropertyName("started_at"u8);
            LabelStudioDateTimeConverter.WriteValue(writer, attempt.StartedAt);
            writer.WriteNumber("duration_ms"u8, Math.Round(attempt.DurationMs, 1));
            WriteNullable(writer, "status_code"u8, attempt.StatusCode);
            writer.WriteString("error"u8, attempt.Error);
            writer.WriteString("response_body"u8, attempt.ResponseBody);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        writer.WriteEndObject();
        return lease.ToArray();
    }

    private static void WriteFields(Utf8JsonWriter writer, WebhookDeliveryRecord delivery)
    {
        writer.WriteNumber("id"u8, delivery.Id);
        writer.WriteString("message_id"u8, delivery.MessageId);
        writer.WriteNumber("webhook"u8, delivery.WebhookId);
        writer.WriteString("action"u8, delivery.Action);
        writer.WriteString("ordering_key"u8, delivery.OrderingKey);
        writer.WriteString("status"u8, delivery.Status.ToString().ToLowerInvariant());
        writer.WriteNumber("attempts"u8, delivery.Attempts);
        writer.WritePropertyName("created_at"u8);
        LabelStudioDateTimeConverter.WriteValue(writer, delivery.CreatedAt);
        if (delivery.Status == WebhookDeliveryStatus.Pending)
        {
            writer.WritePropertyName("next_attempt_at"u8);
            LabelStudioDateTimeConverter.WriteValue(writer, delivery.NextAttemptAt);
        }
        else
        {
            writer.WriteNull("next_attempt_at"u8);
        }
        WriteNullable(writer, "last_status_code"u8, delivery.LastStatusCode);
        writer.WriteString("last_error"u8, delivery.LastError);
    }

    private static void WriteNullable(Utf8JsonWriter writer, ReadOnlySpan<byte> name, int? value)
    {
        if (value is { } number)
        {
            writer.WriteNumber(name, number);
        }
        else
        {
            writer.WriteNull(name);
        }
    }
}
