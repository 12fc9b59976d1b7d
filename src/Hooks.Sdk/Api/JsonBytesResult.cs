using Microsoft.AspNetCore.Http;

namespace Hooks.Sdk.Api;

/// <summary>Pre-serialized JSON with a status: the API writes its resources with <c>Utf8JsonWriter</c> in Label Studio's order.</summary>
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
