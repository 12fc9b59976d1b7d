using System.Globalization;
using System.Text.Json.Nodes;
using Hooks.Sdk.Delivery;
using Hooks.Sdk.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Hooks.Sdk.Api;

/// <summary>
/// The handlers of <c>/api/webhooks/{id}/deliveries/</c>: one of the organization's webhooks' delivery log, its
/// messages with their attempts, and redelivery of one message or of every failed one since a time.
/// </summary>
internal static class DeliveryHandlers
{
    public static async Task<IResult> ListAsync(
        long id, HttpContext context, [FromServices] WebhookAdministration administration, CancellationToken cancellationToken)
    {
        if (await administration.FindDeliveryLogAsync(CallerOrganization.Of(context), id, cancellationToken) is not { } log)
        {
            return ApiError.NoMatch("Webhook").ToResult();
        }
        IQueryCollection query = context.Request.Query;
        WebhookDeliveryStatus? status = null;
        if (query.TryGetValue("status", out var statusText))
        {
            if (!Enum.TryParse(statusText, ignoreCase: true, out WebhookDeliveryStatus parsed) || int.TryParse(statusText, out _))
            {
                return ApiError.Validation("status", "Select a valid choice: pending, succeeded or failed.").ToResult();
            }
            status = parsed;
        }
        if (!PositiveQuery(query, "page", 1, out int page) || !PositiveQuery(query, "page_size", 100, out int pageSize) || pageSize > 1000)
        {
            return ApiError.Validation("page", "A page must be a number from 1, and page_size from 1 to 1000.").ToResult();
        }
        (IReadOnlyList<WebhookDeliveryRecord> results, int count) = await log.ListAsync(status, (page - 1) * pageSize, pageSize, cancellationToken);
        return new JsonBytesResult(DeliveryResource.SerializePage(results, count), StatusCodes.Status200OK);
    }

    public static async Task<IResult> GetAsync(
        long id, long deliveryId, HttpContext context, [FromServices] WebhookAdministration administration, CancellationToken cancellationToken)
    {
        if (await administration.FindDeliveryLogAsync(CallerOrganization.Of(context), id, cancellationToken) is not { } log)
        {
            return ApiError.NoMatch("Webhook").ToResult();
        }
        return await log.FindAsync(deliveryId, cancellationToken) is { } found
            ? new JsonBytesResult(DeliveryResource.Serialize(found.Delivery, found.Attempts), StatusCodes.Status200OK)
            : ApiError.NotFound().ToResult();
    }

    public static async Task<IResult> RedeliverAsync(
        long id, long deliveryId, HttpContext context, [FromServices] WebhookAdministration administration, CancellationToken cancellationToken)
    {
        if (await administration.FindDeliveryLogAsync(CallerOrganization.Of(context), id, cancellationToken) is not { } log)
        {
            return ApiError.NoMatch("Webhook").ToResult();
        }
        int count = await log.RedeliverAsync(deliveryId, cancellationToken);
        return count == 0 ? ApiError.NotFound("No finished message with that id.").ToResult() : Redelivering(count);
    }

    public static async Task<IResult> RecoverAsync(
        long id, HttpContext context, [FromServices] WebhookAdministration administration, [FromServices] IOptions<WebhookOptions> options,
        CancellationToken cancellationToken)
    {
        if (await administration.FindDeliveryLogAsync(CallerOrganization.Of(context), id, cancellationToken) is not { } log)
        {
            return ApiError.NoMatch("Webhook").ToResult();
        }
        (JsonObject? body, ApiError? error) = await JsonObjectBodyReader.ReadAsync(context.Request, options.Value.MaxRequestBodyBytes, cancellationToken);
        if (body is null)
        {
            return error!.ToResult();
        }
        if (body["since"] is not JsonValue since || !since.TryGetValue(out string? text)
            || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset from))
        {
            return ApiError.Validation("since", "Give an ISO 8601 date and time.").ToResult();
        }
        return Redelivering(await log.RecoverAsync(from, cancellationToken));
    }

    private static bool PositiveQuery(IQueryCollection query, string name, int fallback, out int value)
    {
        value = fallback;
        return !query.TryGetValue(name, out var text) || int.TryParse(text, out value) && value >= 1;
    }

    private static IResult Redelivering(int count) =>
        new JsonBytesResult(System.Text.Encoding.UTF8.GetBytes($$"""{"redelivering":{{count}}}"""), StatusCodes.Status202Accepted);
}
