using System.Globalization;
using System.Text;
using Hooks.Sdk.Signatures;

namespace Hooks.Sdk.OpenApi;

/// <summary>
/// What a receiver's developer needs beside the payloads, written from the app's own options: how deliveries are
/// signed, when they are retried, and in what order they arrive.
/// </summary>
internal static class DeliveryDescription
{
    public static string Write(WebhookOptions options)
    {
        var text = new StringBuilder();
        text.AppendLine("## Webhooks");
        text.AppendLine();
        text.AppendLine("Each operation under `webhooks` is a `POST` this server sends to the URL of a webhook that subscribes to its action, "
            + "with the action's payload as a JSON body and the webhook's own headers.");
        text.AppendLine();
        text.AppendLine("### Signatures (Standard Webhooks)");
        text.AppendLine();
        text.AppendLine($"Every delivery carries `{WebhookSignature.IdHeader}`, the message's id, the same on every attempt, so deduplicate on it; "
            + $"`{WebhookSignature.TimestampHeader}`, the attempt's time in Unix seconds; and, for a webhook with a secret, `{WebhookSignature.SignatureHeader}`: "
            + "space-separated `v1,<base64>` signatures, each an HMAC-SHA256 of `{webhook-id}.{webhook-timestamp}.{body}` keyed with the secret's bytes "
            + $"(the base64 after `{WebhookSecret.Prefix}`; `GET /api/webhooks/{{id}}/secret/` returns the secret). While a rotated secret overlaps the new one, "
            + "both sign. Accept a message when one signature matches and the timestamp is within five minutes of your clock. Any Standard Webhooks "
            + "library checks all of this, as does Hooks.Sdk's `WebhookSignatureVerifier`.");
        text.AppendLine();
        text.AppendLine("### Retries");
        text.AppendLine();
        if (options.Delivery == WebhookDeliveryMode.Inline)
        {
            text.AppendLine($"Each message is sent once, while the change that caused it is being answered, within {Duration(options.Timeout)}. "
                + "A failure is not retried.");
        }
        else
        {
            text.AppendLine($"Any 2xx answer within {Duration(options.Timeout)} acknowledges a message. Any other status, a timeout, or a refused or broken "
                + "connection is a failed attempt. " + Retries(options) + " `410 Gone` disables the webhook.");
        }
        if (options.MaxConsecutiveFailures > 0)
        {
            text.AppendLine();
            text.AppendLine($"A webhook whose deliveries fail {options.MaxConsecutiveFailures} times in a row is disabled.");
        }
        text.AppendLine();
        text.AppendLine("### Order");
        text.AppendLine();
        text.AppendLine("For one webhook, the messages of one project (or of the organization, for events without a project) arrive one at a time, "
            + "in the order they were written. A failing message holds back the later messages of its project until it succeeds or is given up; "
            + "other projects and other webhooks go on meanwhile.");
        return text.ToString();
    }

    private static string Retries(WebhookOptions options) => options.RetrySchedule.Count == 0
        ? "It is not retried."
        : $"It is retried after {string.Join(", ", options.RetrySchedule.Select(Duration))} (each varied by up to "
            + $"{(options.RetryJitter * 100).ToString("0", CultureInfo.InvariantCulture)} % either way), or after a longer `Retry-After` of up to "
            + $"{Duration(options.MaxRetryAfter)}; after the last retry the message is given up.";

    private static string Duration(TimeSpan delay) =>
        delay.TotalHours >= 1 && delay.TotalHours == Math.Floor(delay.TotalHours) ? $"{delay.TotalHours.ToString(CultureInfo.InvariantCulture)} h"
        : delay.TotalMinutes >= 1 && delay.TotalMinutes == Math.Floor(delay.TotalMinutes) ? $"{delay.TotalMinutes.ToString(CultureInfo.InvariantCulture)} min"
        : $"{delay.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s";
}
