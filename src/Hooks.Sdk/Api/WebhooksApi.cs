using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Hooks.Sdk;

/// <summary>
/// The handlers of Label Studio's webhooks API, scoped to the caller's organization: another organization's webhook
/// is a 404, bad input a 400 naming the field, and nothing is written unless everything is valid.
/// </summary>
internal sealed class WebhooksApi(
    WebhookAdministration administration,
    IWebhookProjects projects,
    IWebhookOrganizationAccessor organizations,
    IWebhookOutbox outbox,
    WebhookDispatchSignal signal,
    TimeProvider timeProvider,
    IOptions<WebhookOptions> options)
{
    public static Task<IResult> ListAsync(HttpContext context) => Resolve(context).ListCoreAsync(context);

    public static Task<IResult> CreateAsync(HttpContext context) => Resolve(context).CreateCoreAsync(context);

    public static Task<IResult> GetAsync(HttpContext context, long id) => Resolve(context).GetCoreAsync(context, id);

    public static Task<IResult> PutAsync(HttpContext context, long id) => Resolve(context).UpdateCoreAsync(context, id, partial: false);

    public static Task<IResult> PatchAsync(HttpContext context, long id) => Resolve(context).UpdateCoreAsync(context, id, partial: true);

    public static Task<IResult> DeleteAsync(HttpContext context, long id) => Resolve(context).DeleteCoreAsync(context, id);

    public static Task<IResult> ListDeliveriesAsync(HttpContext context, long id) => Resolve(context).ListDeliveriesCoreAsync(context, id);

    public static Task<IResult> GetDeliveryAsync(HttpContext context, long id, long deliveryId) => Resolve(context).GetDeliveryCoreAsync(context, id, deliveryId);

    public static Task<IResult> RedeliverAsync(HttpContext context, long id, long deliveryId) => Resolve(context).RedeliverCoreAsync(context, id, deliveryId, failedSince: null);

    public static Task<IResult> RecoverAsync(HttpContext context, long id) => Resolve(context).RecoverCoreAsync(context, id);

    public static Task<IResult> GetSecretAsync(HttpContext context, long id) => Resolve(context).SecretCoreAsync(context, id, rotate: false);

    public static Task<IResult> RotateSecretAsync(HttpContext context, long id) => Resolve(context).SecretCoreAsync(context, id, rotate: true);

    private static WebhooksApi Resolve(HttpContext context) => ActivatorUtilities.CreateInstance<WebhooksApi>(context.RequestServices);

    private async Task<IResult> ListCoreAsync(HttpContext context)
    {
        if (Organization(context) is not { } organizationId)
        {
            return NoOrganization;
        }
        WebhookProjectFilter filter = WebhookProjectFilter.All;
        if (context.Request.Query.TryGetValue("project", out var value))
        {
            // Label Studio filters organization webhooks with "null"; "isnull" is what earlier releases of this SDK took.
            if (value == "null" || value == "isnull")
            {
                filter = WebhookProjectFilter.OrganizationLevel;
            }
            else if (long.TryParse(value, out long projectId) && await projects.ExistsAsync(organizationId, projectId, context.RequestAborted))
            {
                filter = WebhookProjectFilter.ForProject(projectId);
            }
            else
            {
                return ApiError.Validation(Single("project", "Select a valid choice. That choice is not one of the available choices.")).ToResult();
            }
        }
        IReadOnlyList<Webhook> webhooks = await administration.ListAsync(organizationId, filter, context.RequestAborted);
        return Json(WebhookResource.SerializeList(webhooks), StatusCodes.Status200OK);
    }

    private async Task<IResult> GetCoreAsync(HttpContext context, long id)
    {
        if (Organization(context) is not { } organizationId)
        {
            return NoOrganization;
        }
        return await administration.FindAsync(organizationId, id, context.RequestAborted) is { } webhook
            ? Json(WebhookResource.Serialize(webhook), StatusCodes.Status200OK)
            : NoWebhook;
    }

    private async Task<IResult> CreateCoreAsync(HttpContext context)
    {
        if (Organization(context) is not { } organizationId)
        {
            return NoOrganization;
        }
        (JsonObject? body, IResult? error) = await ReadBodyAsync(context);
        if (body is null)
        {
            return error!;
        }
        return Result(await administration.CreateAsync(organizationId, body, context.RequestAborted), StatusCodes.Status201Created);
    }

    /// <summary>
    /// PUT and PATCH. The project never changes (Label Studio makes it read-only on update). PATCH changes only the
    /// fields it names; PUT needs <c>url</c> and, as in Label Studio, clears <c>actions</c> when it leaves them out.
    /// </summary>
    private async Task<IResult> UpdateCoreAsync(HttpContext context, long id, bool partial)
    {
        if (Organization(context) is not { } organizationId)
        {
            return NoOrganization;
        }
        (JsonObject? body, IResult? error) = await ReadBodyAsync(context);
        if (body is null)
        {
            return error!;
        }
        return Result(await administration.UpdateAsync(organizationId, id, body, partial, context.RequestAborted), StatusCodes.Status200OK);
    }

    private async Task<IResult> DeleteCoreAsync(HttpContext context, long id)
    {
        if (Organization(context) is not { } organizationId)
        {
            return NoOrganization;
        }
        return await administration.DeleteAsync(organizationId, id, context.RequestAborted)
            ? Results.NoContent()
            : NoWebhook;
    }

    private async Task<IResult> ListDeliveriesCoreAsync(HttpContext context, long id)
    {
        if (await OwnWebhookAsync(context, id) is { } refusal)
        {
            return refusal;
        }
        IQueryCollection query = context.Request.Query;
        WebhookDeliveryStatus? status = null;
        if (query.TryGetValue("status", out var statusText))
        {
            if (!Enum.TryParse(statusText, ignoreCase: true, out WebhookDeliveryStatus parsed) || int.TryParse(statusText, out _))
            {
                return ApiError.Validation(Single("status", "Select a valid choice: pending, succeeded or failed.")).ToResult();
            }
            status = parsed;
        }
        if (!PositiveQuery(query, "page", 1, out int page) || !PositiveQuery(query, "page_size", 100, out int pageSize) || pageSize > 1000)
        {
            return ApiError.Validation(Single("page", "A page must be a number from 1, and page_size from 1 to 1000.")).ToResult();
        }
        (IReadOnlyList<WebhookDeliveryRecord> results, int count) = await outbox.ListAsync(id, status, (page - 1) * pageSize, pageSize, context.RequestAborted);
        return Json(DeliveryResource.SerializePage(results, count), StatusCodes.Status200OK);
    }

    private async Task<IResult> GetDeliveryCoreAsync(HttpContext context, long id, long deliveryId)
    {
        if (await OwnWebhookAsync(context, id) is { } refusal)
        {
            return refusal;
        }
        return await outbox.FindAsync(id, deliveryId, context.RequestAborted) is { } found
            ? Json(DeliveryResource.Serialize(found.Delivery, found.Attempts), StatusCodes.Status200OK)
            : ApiError.NotFound().ToResult();
    }

    private async Task<IResult> RedeliverCoreAsync(HttpContext context, long id, long deliveryId, DateTime? failedSince)
    {
        if (await OwnWebhookAsync(context, id) is { } refusal)
        {
            return refusal;
        }
        int count = await outbox.RedeliverAsync(id, deliveryId, failedSince, timeProvider.GetUtcNow().UtcDateTime, context.RequestAborted);
        if (count == 0)
        {
            return ApiError.NotFound("No finished message with that id.").ToResult();
        }
        signal.MessagesWritten();
        return Json(System.Text.Encoding.UTF8.GetBytes($$"""{"redelivering":{{count}}}"""), StatusCodes.Status202Accepted);
    }

    private async Task<IResult> RecoverCoreAsync(HttpContext context, long id)
    {
        if (await OwnWebhookAsync(context, id) is { } refusal)
        {
            return refusal;
        }
        (JsonObject? body, IResult? error) = await ReadBodyAsync(context);
        if (body is null)
        {
            return error!;
        }
        if (body["since"] is not JsonValue since || !since.TryGetValue(out string? text)
            || !DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out DateTimeOffset from))
        {
            return ApiError.Validation(Single("since", "Give an ISO 8601 date and time.")).ToResult();
        }
        int count = await outbox.RedeliverAsync(id, null, from.UtcDateTime, timeProvider.GetUtcNow().UtcDateTime, context.RequestAborted);
        signal.MessagesWritten();
        return Json(System.Text.Encoding.UTF8.GetBytes($$"""{"redelivering":{{count}}}"""), StatusCodes.Status202Accepted);
    }

    private async Task<IResult?> OwnWebhookAsync(HttpContext context, long id)
    {
        if (Organization(context) is not { } organizationId)
        {
            return NoOrganization;
        }
        return await administration.FindAsync(organizationId, id, context.RequestAborted) is null ? NoWebhook : null;
    }

    private static bool PositiveQuery(IQueryCollection query, string name, int fallback, out int value)
    {
        value = fallback;
        return !query.TryGetValue(name, out var text) || int.TryParse(text, out value) && value >= 1;
    }

    private async Task<IResult> SecretCoreAsync(HttpContext context, long id, bool rotate)
    {
        if (Organization(context) is not { } organizationId)
        {
            return NoOrganization;
        }
        WebhookSecret? secret = rotate
            ? await administration.RotateSecretAsync(organizationId, id, context.RequestAborted)
            : await administration.GetSecretAsync(organizationId, id, context.RequestAborted);
        return secret is null
            ? NoWebhook
            : Json(System.Text.Encoding.UTF8.GetBytes($$"""{"key":"{{secret}}"}"""), StatusCodes.Status200OK);
    }

    private long? Organization(HttpContext context) => organizations.GetOrganizationId(context);

    private static IResult NoWebhook => ApiError.NoMatch("Webhook").ToResult();

    private static IResult NoOrganization =>
        new ApiError(StatusCodes.Status403Forbidden, "You do not belong to an organization.").ToResult();

    private static IResult Result(WebhookChange change, int status) =>
        change.Webhook is { } webhook ? Json(WebhookResource.Serialize(webhook), status) : change.Error!.ToResult();

    private static Dictionary<string, IReadOnlyList<string>> Single(string field, string message) => new() { [field] = [message] };

    private static IResult Json(byte[] body, int status) => new JsonBytesResult(body, status);

    /// <summary>Reads a JSON object body of at most <see cref="WebhookOptions.MaxRequestBodyBytes"/>.</summary>
    private async Task<(JsonObject? Body, IResult? Error)> ReadBodyAsync(HttpContext context)
    {
        HttpRequest request = context.Request;
        if (!request.HasJsonContentType())
        {
            return (null, new ApiError(StatusCodes.Status415UnsupportedMediaType, $"Unsupported media type \"{request.ContentType}\" in request.").ToResult());
        }
        int limit = options.Value.MaxRequestBodyBytes;
        if (request.ContentLength > limit)
        {
            return (null, TooLarge(limit));
        }
        using var buffer = new MemoryStream();
        byte[] chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, context.RequestAborted)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return (null, TooLarge(limit));
            }
            buffer.Write(chunk, 0, read);
        }
        ReadOnlyMemory<byte> json = buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
        if (JsonInputRules.Check(json) is { } problem)
        {
            return (null, new ApiError(StatusCodes.Status400BadRequest, "JSON parse error - " + problem).ToResult());
        }
        try
        {
            return JsonNode.Parse(json.Span) is JsonObject body
                ? (body, null)
                : (null, ApiError.Validation(Single("non_field_errors", "Invalid data. Expected a dictionary.")).ToResult());
        }
        catch (JsonException exception)
        {
            return (null, new ApiError(StatusCodes.Status400BadRequest, "JSON parse error - " + exception.Message).ToResult());
        }
    }

    private static IResult TooLarge(int limit) =>
        new ApiError(StatusCodes.Status413PayloadTooLarge, $"The request body is larger than {limit} bytes.").ToResult();
}

/// <summary>Pre-serialized JSON with a status.</summary>
internal sealed class JsonBytesResult(byte[] body, int statusCode) : IResult, IStatusCodeHttpResult
{
    public int? StatusCode => statusCode;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.StatusCode = statusCode;
        httpContext.Response.ContentType = "application/json";
        httpContext.Response.ContentLength = body.Length;
        return httpContext.Response.Body.WriteAsync(body, httpContext.RequestAborted).AsTask();
    }
}
