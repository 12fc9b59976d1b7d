using Hooks.Sdk.Http;
using Hooks.Sdk.Receiving;
using Microsoft.AspNetCore.Http;

namespace Microsoft.AspNetCore.Builder;

/// <summary>Verifies Standard Webhooks signatures before a receiving endpoint runs.</summary>
public static class WebhookSignatureEndpointFilter
{
    /// <summary>
    /// Answers 401 (with the reason) unless the request carries a valid signature from <paramref name="verifier"/>'s
    /// secrets; the endpoint then reads the body as usual. Bodies larger than <paramref name="maxBodyBytes"/> are a 413.
    /// </summary>
    /// <typeparam name="TBuilder">The endpoint builder.</typeparam>
    /// <param name="builder">A receiving endpoint.</param>
    /// <param name="verifier">The verifier with the trusted secrets.</param>
    /// <param name="maxBodyBytes">The largest body read; 1 MiB by default.</param>
    /// <returns><paramref name="builder"/>, for chaining.</returns>
    public static TBuilder RequireWebhookSignature<TBuilder>(this TBuilder builder, WebhookSignatureVerifier verifier, int maxBodyBytes = 1024 * 1024)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(verifier);
        return builder.AddEndpointFilter(async (context, next) =>
        {
            HttpRequest request = context.HttpContext.Request;
            if (request.ContentLength > maxBodyBytes)
            {
                return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
            }
            request.EnableBuffering(bufferThreshold: 64 * 1024, bufferLimit: maxBodyBytes);
            using var body = new MemoryStream();
            try
            {
                await request.Body.CopyToAsync(body, context.HttpContext.RequestAborted);
            }
            catch (IOException)
            {
                return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
            }
            request.Body.Position = 0;
            WebhookVerification verification = verifier.Verify(request.Headers, body.GetBuffer().AsSpan(0, (int)body.Length));
            if (verification != WebhookVerification.Valid)
            {
                return Results.Json(new ApiError(StatusCodes.Status401Unauthorized, $"Webhook signature rejected: {verification}."),
                    ApiJsonContext.Default.ApiError, statusCode: StatusCodes.Status401Unauthorized);
            }
            return await next(context);
        });
    }
}
