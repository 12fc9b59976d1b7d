using Hooks.Sdk.Http;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.WebUtilities;

namespace LabelStudio.Sample.Hosting;

/// <summary>
/// The body of an API answer that has none (the router's 404 and 405, an authorization 401 or 403): the one error
/// envelope, in Django REST framework's words. Pages keep their bare status.
/// </summary>
public static class ApiStatusPages
{
    public static Task WriteAsync(StatusCodeContext context)
    {
        HttpContext http = context.HttpContext;
        if (!http.Request.Path.StartsWithSegments("/api"))
        {
            return Task.CompletedTask;
        }
        int status = http.Response.StatusCode;
        string detail = status switch
        {
            StatusCodes.Status404NotFound => "Not found.",
            StatusCodes.Status405MethodNotAllowed => $"Method \"{http.Request.Method}\" not allowed.",
            StatusCodes.Status401Unauthorized => "Authentication credentials were not provided.",
            StatusCodes.Status403Forbidden => "You do not have permission to perform this action.",
            _ => ReasonPhrases.GetReasonPhrase(status) is { Length: > 0 } phrase ? phrase + "." : "Error.",
        };
        return new ApiError(status, detail).WriteAsync(http.Response);
    }
}
