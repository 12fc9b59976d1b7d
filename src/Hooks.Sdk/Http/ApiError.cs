using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;

namespace Hooks.Sdk.Http;

/// <summary>
/// The one error envelope of the webhooks API, in Label Studio's shape:
/// <c>{"id": "…", "status_code": 400, "version": "1.4.0", "detail": "Validation error", "exc_info": null,
/// "validation_errors": {"url": ["Enter a valid URL."]}}</c>. Apps can answer their own errors with it so that clients
/// see one format.
/// </summary>
/// <param name="StatusCode">The HTTP status.</param>
/// <param name="Detail">What went wrong.</param>
/// <param name="ValidationErrors">
/// Messages by field (<c>non_field_errors</c> for the whole object), for validation failures. A key made by
/// <see cref="ItemField"/> (<c>actions[0]</c>) holds the errors of one item of a list field; it is written as Label
/// Studio writes them, by index under the field: <c>{"actions": {"0": ["\"FOO\" is not a valid choice."]}}</c>.
/// </param>
public sealed record ApiError(
    [property: JsonPropertyName("status_code"), JsonPropertyOrder(1)] int StatusCode,
    [property: JsonPropertyName("detail"), JsonPropertyOrder(3)] string Detail,
    [property: JsonPropertyName("validation_errors"), JsonPropertyOrder(5), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull),
        JsonConverter(typeof(ValidationErrorsConverter))]
    IReadOnlyDictionary<string, IReadOnlyList<string>>? ValidationErrors = null)
{
    /// <summary>The <see cref="ValidationErrors"/> key of item <paramref name="index"/> of the list field <paramref name="field"/>: <c>field[index]</c>.</summary>
    /// <param name="field">The list field.</param>
    /// <param name="index">The item's position, from 0.</param>
    public static string ItemField(string field, int index) => string.Create(CultureInfo.InvariantCulture, $"{field}[{index}]");

    /// <summary>
    /// The app's version as its entry assembly's informational version states it (without a source revision), or
    /// <c>0.0.0</c>: what <see cref="Version"/> says unless set.
    /// </summary>
    public static string AppVersion { get; } = ReadAppVersion();

    /// <summary>This error's own id, a new UUID unless set: what a user quotes to find it in the app's logs.</summary>
    [JsonPropertyName("id"), JsonPropertyOrder(0)]
    public string Id { get; init; } = Guid.NewGuid().ToString();

    /// <summary>The version of the app that answered; <see cref="AppVersion"/> unless set.</summary>
    [JsonPropertyName("version"), JsonPropertyOrder(2)]
    public string Version { get; init; } = AppVersion;

    /// <summary>Always <see langword="null"/>: Label Studio's debugging field, which never carries a stack trace here.</summary>
    [JsonPropertyName("exc_info"), JsonPropertyOrder(4), JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? ExcInfo => null;

    /// <summary>A 400 "Validation error" with <paramref name="errors"/>.</summary>
    /// <param name="errors">Messages by field.</param>
    public static ApiError Validation(IReadOnlyDictionary<string, IReadOnlyList<string>> errors) =>
        new(StatusCodes.Status400BadRequest, "Validation error", errors);

    /// <summary>A 400 "Validation error" with one message on one field.</summary>
    internal static ApiError Validation(string field, string message) =>
        Validation(new Dictionary<string, IReadOnlyList<string>> { [field] = [message] });

    /// <summary>A 404 with Label Studio's <c>Not found.</c>, or <paramref name="detail"/>.</summary>
    /// <param name="detail">What was not found.</param>
    public static ApiError NotFound(string detail = "Not found.") => new(StatusCodes.Status404NotFound, detail);

    /// <summary>
    /// A 404 in Label Studio's words for a missing object of <paramref name="model"/>: <c>No Webhook matches the given
    /// query.</c>
    /// </summary>
    /// <param name="model">The model's name as Label Studio spells it (<c>Webhook</c>, <c>Project</c>, <c>Task</c>...).</param>
    public static ApiError NoMatch(string model) => NotFound($"No {model} matches the given query.");

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

    private static string ReadAppVersion()
    {
        string? version = Assembly.GetEntryAssembly()?.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        return string.IsNullOrEmpty(version) ? "0.0.0" : version.Split('+')[0];
    }
}

[JsonSerializable(typeof(ApiError))]
[JsonSerializable(typeof(IReadOnlyDictionary<string, IReadOnlyList<string>>))]
internal sealed partial class ApiJsonContext : JsonSerializerContext;
