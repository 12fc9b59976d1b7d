using System.Text.Json;
using Hooks.Sdk.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace LabelStudio.Sample.Hosting;

/// <summary>Every API error of the sample in the SDK's one envelope, model-binding failures included.</summary>
public static class ApiErrors
{
    private const string NonField = "non_field_errors";

    public static ApiError Field(string field, string message) => ApiError.Validation(new Dictionary<string, IReadOnlyList<string>> { [field] = [message] });

    /// <summary>MVC's invalid model state as a 400 naming each field in snake_case, in Label Studio's words where they differ.</summary>
    public static IActionResult FromModelState(ActionContext context)
    {
        HashSet<string> bodyParameters = context.ActionDescriptor.Parameters
            .Where(parameter => parameter.BindingInfo?.BindingSource == BindingSource.Body)
            .Select(parameter => parameter.Name)
            .ToHashSet();
        var errors = new Dictionary<string, List<string>>();
        foreach ((string key, ModelStateEntry? entry) in context.ModelState)
        {
            if (entry is not { Errors.Count: > 0 })
            {
                continue;
            }
            bool wholeBody = bodyParameters.Contains(key);
            foreach (ModelError error in entry.Errors)
            {
                // Broken JSON concerns the whole body, whichever property the parser had reached.
                bool brokenJson = IsSyntaxError(error);
                string field = wholeBody || brokenJson || key.Trim('$', '.').Length == 0 ? NonField : FieldName(key);
                // A body that failed to parse also leaves the parameter "required"; say it once, as Label Studio would.
                string message = brokenJson ? "JSON parse error." : wholeBody ? "A JSON object body is required." : Message(error);
                errors.TryAdd(field, []);
                if (!errors[field].Contains(message))
                {
                    errors[field].Add(message);
                }
            }
        }
        if (errors.TryGetValue(NonField, out List<string>? nonField) && (errors.Count > 1 || nonField.Count > 1))
        {
            nonField.Remove("A JSON object body is required.");
            if (nonField.Count == 0)
            {
                errors.Remove(NonField);
            }
        }
        var envelope = ApiError.Validation(errors.ToDictionary(error => error.Key, error => (IReadOnlyList<string>)error.Value));
        return new ObjectResult(envelope) { StatusCode = StatusCodes.Status400BadRequest };
    }

    private static string FieldName(string key)
    {
        string name = key.StartsWith('$') ? key.TrimStart('$', '.') : key[(key.IndexOf('.') + 1)..];
        return JsonNamingPolicy.SnakeCaseLower.ConvertName(name);
    }

    private static bool IsSyntaxError(ModelError error) =>
        !error.ErrorMessage.StartsWith("The JSON value could not be converted", StringComparison.Ordinal)
        && (error.Exception is JsonException || error.ErrorMessage.Contains("LineNumber:", StringComparison.Ordinal));

    private static string Message(ModelError error) => error.ErrorMessage switch
    {
        "" => "Invalid value.",
        { } message when message.StartsWith("The JSON value could not be converted", StringComparison.Ordinal) => "Incorrect type.",
        { } message when message.StartsWith("The value '", StringComparison.Ordinal) && message.EndsWith("' is not valid.", StringComparison.Ordinal) => "A valid integer is required.",
        { } message => message,
    };
}
