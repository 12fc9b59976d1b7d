using System.Text.Json;
using System.Text.Json.Nodes;
using Hooks.Sdk.Http;
using Microsoft.AspNetCore.Http;

namespace Hooks.Sdk.Api;

/// <summary>
/// Reads a request body that must be one JSON object, with Django REST framework's answers for what is not: a 415 for
/// another media type, a 413 past the size limit, a 400 "JSON parse error - ..." (including what
/// <see cref="JsonInputRules"/> refuses) and a 400 on <c>non_field_errors</c> for JSON that is not an object.
/// </summary>
internal static class JsonObjectBodyReader
{
    /// <summary>The body's object, or the error to answer.</summary>
    /// <param name="request">The request, its body not read yet.</param>
    /// <param name="limit">The most bytes accepted (<see cref="WebhookOptions.MaxRequestBodyBytes"/>).</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    public static async Task<(JsonObject? Body, ApiError? Error)> ReadAsync(HttpRequest request, int limit, CancellationToken cancellationToken)
    {
        if (!request.HasJsonContentType())
        {
            return (null, new ApiError(StatusCodes.Status415UnsupportedMediaType, $"Unsupported media type \"{request.ContentType}\" in request."));
        }
        // Content-Length refuses an honest client before it sends anything; the bounded read, any other body.
        if (request.ContentLength > limit)
        {
            return (null, TooLarge(limit));
        }
        return await BoundedBody.ReadAsync(request.Body, limit, cancellationToken).ConfigureAwait(false) is { } json
            ? Parse(json)
            : (null, TooLarge(limit));
    }

    private static (JsonObject? Body, ApiError? Error) Parse(ReadOnlyMemory<byte> json)
    {
        if (JsonInputRules.Check(json) is { } problem)
        {
            return (null, ParseError(problem));
        }
        try
        {
            return JsonNode.Parse(json.Span) is JsonObject body
                ? (body, null)
                : (null, ApiError.Validation("non_field_errors", "Invalid data. Expected a dictionary."));
        }
        catch (JsonException exception)
        {
            return (null, ParseError(exception.Message));
        }
    }

    private static ApiError ParseError(string problem) => new(StatusCodes.Status400BadRequest, "JSON parse error - " + problem);

    private static ApiError TooLarge(int limit) => new(StatusCodes.Status413PayloadTooLarge, $"The request body is larger than {limit} bytes.");
}
