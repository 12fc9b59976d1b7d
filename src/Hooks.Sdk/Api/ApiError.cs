using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;

namespace Hooks.Sdk;

/// <summary>
/// The one error envelope of the webhooks API, in Label Studio's shape:
/// <c>{"status_code": 400, "detail": "Validation error", "validation_errors": {"url": ["Enter a valid URL."]}}</c>.
/// Apps can answer their own errors with it so that clients see one format.
/// </summary>
/// <param name="StatusCode">The HTTP status.</param>
/// <param name="Detail">What went wrong.</param>
/// <param name="ValidationErrors">Messages by field (<c>non_field_errors</c> for the whole object), for validation failures.</param>
public sealed record ApiError(
    [property: JsonPropertyName("status_code")] int StatusCode,
    [property: JsonPropertyName("detail")] string Detail,
    [property: JsonPropertyName("validation_errors"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    IReadOnlyDictionary<string, IReadOnlyList<string>>? ValidationErrors = null)
{
    /// <summary>A 400 "Validation error" with <paramref name="errors"/>.</summary>
    /// <param name="errors">Messages by field.</param>
    public static ApiError Validation(IReadOnlyDictionary<string, IReadOnlyList<string>> errors) =>
        new(StatusCodes.Status400BadRequest, "Validation error", errors);

    /// <summary>A 404 with Label Studio's <c>Not found.</c>, or <paramref name="detail"/>.</summary>
    /// <param name="detail">What was not found.</param>
    public static ApiError NotFound(string detail = "Not found.") => new(StatusCodes.Status404NotFound, detail);

    /// <summary>The envelope as a minimal API result.</summary>
    public IResult ToResult() => Results.Json(this, ApiJsonContext.Default.ApiError, statusCode: StatusCode);

    /// <summary>Writes the envelope as the response.</summary>
    /// <param name="response">The response, not started.</param>
    public Task WriteAsync(HttpResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        response.StatusCode = StatusCode;
        return response.WriteAsJsonAsync(this, ApiJsonContext.Default.ApiError, contentType: null, response.HttpContext.RequestAborted);
    }
}

[JsonSerializable(typeof(ApiError))]
[JsonSerializable(typeof(IReadOnlyDictionary<string, IReadOnlyList<string>>))]
internal sealed partial class ApiJsonContext : JsonSerializerContext;
