using System.Collections.Concurrent;
using System.Linq.Expressions;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Hooks.Sdk.Serialization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Infrastructure;

namespace Hooks.Sdk.Filters;

/// <summary>
/// Reads the status and <c>id</c> of what an action returned: MVC results, typed results (<see cref="IResult"/>),
/// plain objects, JSON nodes and dictionaries. Accessors for a result or value type are compiled once and cached.
/// </summary>
internal static class ResponseReader
{
    private static readonly ConcurrentDictionary<Type, Func<object, object?>?> IdGetters = new();
    private static readonly ConcurrentDictionary<Type, Func<object, object?>?> WrappedResults = new();

    /// <summary>The status and value of an MVC action's result; <paramref name="fallbackStatus"/> when the result names none.</summary>
    public static (int Status, object? Value) Read(object? result, int fallbackStatus) => result switch
    {
        ObjectResult objectResult => (objectResult.StatusCode ?? fallbackStatus, objectResult.Value),
        IStatusCodeActionResult { StatusCode: { } status } => (status, null),
        IResult typed => (typed is IStatusCodeHttpResult { StatusCode: { } status } ? status : fallbackStatus, (typed as IValueHttpResult)?.Value),
        IActionResult actionResult when Unwrap(actionResult) is IResult typed => Read(typed, fallbackStatus),
        IActionResult => (fallbackStatus, null),
        _ => (fallbackStatus, result),
    };

    /// <summary>The <c>id</c> member of a response value, or <see langword="null"/>.</summary>
    public static object? ReadId(object? value) => value switch
    {
        null => null,
        JsonObject node => Scalar(node["id"]),
        JsonElement { ValueKind: JsonValueKind.Object } element when element.TryGetProperty("id", out JsonElement id) => Scalar(id),
        IReadOnlyDictionary<string, object?> dictionary => dictionary.GetValueOrDefault("id"),
        _ => IdGetters.GetOrAdd(value.GetType(), CompileIdGetter)?.Invoke(value),
    };

    private static object? Scalar(JsonNode? node) => JsonNodeValues.TryGetInteger(node, out long number)
        ? number
        : node is JsonValue value && value.TryGetValue(out string? text) ? text : null;

    private static object? Scalar(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Number when element.TryGetInt64(out long number) => number,
        JsonValueKind.String => element.GetString(),
        _ => null,
    };

    /// <summary>MVC wraps an action's <see cref="IResult"/> in an internal result with a public <c>Result</c> property.</summary>
    private static object? Unwrap(IActionResult result) =>
        WrappedResults.GetOrAdd(result.GetType(), type => CompileGetter(type, "Result", typeof(IResult)))?.Invoke(result);

    private static Func<object, object?>? CompileIdGetter(Type type) => CompileGetter(type, "Id", returnType: null);

    private static Func<object, object?>? CompileGetter(Type type, string name, Type? returnType)
    {
        PropertyInfo? property = type.GetProperty(name, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
        if (property?.GetMethod is null || property.GetIndexParameters().Length > 0
            || returnType is not null && !returnType.IsAssignableFrom(property.PropertyType))
        {
            return null;
        }
        ParameterExpression instance = Expression.Parameter(typeof(object));
        Expression body = Expression.Convert(Expression.Property(Expression.Convert(instance, type), property), typeof(object));
        return Expression.Lambda<Func<object, object?>>(body, instance).Compile();
    }
}
