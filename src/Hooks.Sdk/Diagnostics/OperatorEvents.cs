using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Hooks.Sdk;

/// <summary>
/// Emits <see cref="HooksActions"/> events. The emitter is resolved when needed (it depends on the delivery that
/// reports here), and a failure to emit is only logged.
/// </summary>
internal static partial class OperatorEvents
{
    public static Task DisabledAsync(IServiceProvider services, Webhook webhook, string reason, ILogger logger) =>
        EmitAsync(services, HooksActions.WebhookDisabled, webhook, new JsonObject { ["reason"] = reason }, logger);

    public static Task ExhaustedAsync(IServiceProvider services, Webhook webhook, WebhookDeliveryRecord record, ILogger logger) =>
        // A given-up operator event reports nothing further: a failing receiver subscribed to these must not feed itself.
        record.Action is HooksActions.WebhookDisabled or HooksActions.WebhookAttemptsExhausted
            ? Task.CompletedTask
            : EmitAsync(services, HooksActions.WebhookAttemptsExhausted, webhook, new JsonObject
            {
                ["message_id"] = record.MessageId,
                ["message_action"] = record.Action,
                ["attempts"] = record.Attempts,
                ["last_status_code"] = record.LastStatusCode,
                ["last_error"] = record.LastError,
            }, logger);

    private static async Task EmitAsync(IServiceProvider services, string action, Webhook webhook, JsonObject details, ILogger logger)
    {
        try
        {
            details["id"] = webhook.Id;
            details["url"] = webhook.Url;
            details["project"] = webhook.ProjectId;
            await services.GetRequiredService<IWebhookEmitter>()
                .EmitRawAsync(action, webhook.OrganizationId, projectId: null, new JsonObject { ["webhook"] = details }, CancellationToken.None)
                .ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            LogFailed(logger, exception, action, webhook.Id);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The operator event {Action} for webhook {WebhookId} could not be emitted")]
    private static partial void LogFailed(ILogger logger, Exception exception, string action, long webhookId);
}
