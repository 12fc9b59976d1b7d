using System.Reflection;
using System.Text.Json;
using Hooks.Sdk.Http;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace LabelStudio.Sample.Hosting;

/// <summary>
/// The two anonymous routes Label Studio's clients probe before anything else: <c>GET /api/version</c>, which the
/// official Python client's legacy <c>Client(url, key)</c> reads when it starts, and <c>GET /health</c>, its
/// <c>check_connection()</c>, which must be JSON (<c>{"status": "UP"}</c>).
/// </summary>
public static class ServerEndpoints
{
    private static readonly string SdkVersion =
        typeof(ApiError).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    public static void MapServerEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/version", WriteVersionAsync).AllowAnonymous();
        endpoints.MapHealthChecks("/health", new HealthCheckOptions { ResponseWriter = WriteHealthAsync }).AllowAnonymous();
    }

    /// <summary>
    /// Label Studio's version body: <c>release</c> is the sample's own version (the one its error bodies carry), the
    /// package entries are there for clients that read their keys, and <c>hooks-sdk</c> names the SDK's version.
    /// </summary>
    private static async Task WriteVersionAsync(HttpContext context)
    {
        context.Response.ContentType = "application/json";
        await using var json = new Utf8JsonWriter(context.Response.Body);
        json.WriteStartObject();
        json.WriteString("release", ApiError.AppVersion);
        json.WriteStartObject("label-studio-os-package");
        json.WriteString("version", ApiError.AppVersion);
        json.WriteEndObject();
        foreach (string part in (string[])["label-studio-os-backend", "label-studio-frontend", "dm2", "label-studio-converter"])
        {
            json.WriteStartObject(part);
            json.WriteEndObject();
        }
        json.WriteString("edition", "Community");
        foreach (string part in (string[])["lsf", "backend"])
        {
            json.WriteStartObject(part);
            json.WriteEndObject();
        }
        json.WriteStartObject("hooks-sdk");
        json.WriteString("version", SdkVersion);
        json.WriteEndObject();
        json.WriteEndObject();
        await json.FlushAsync(context.RequestAborted);
    }

    /// <summary><c>{"status": "UP"}</c> while the app works (a dispatcher behind on its backlog included), else <c>DOWN</c> with why.</summary>
    private static async Task WriteHealthAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json";
        await using var json = new Utf8JsonWriter(context.Response.Body);
        json.WriteStartObject();
        json.WriteString("status", report.Status == HealthStatus.Unhealthy ? "DOWN" : "UP");
        if (report.Status != HealthStatus.Healthy)
        {
            json.WriteStartObject("checks");
            foreach ((string name, HealthReportEntry entry) in report.Entries.Where(entry => entry.Value.Status != HealthStatus.Healthy))
            {
                json.WriteString(name, entry.Description ?? entry.Status.ToString());
            }
            json.WriteEndObject();
        }
        json.WriteEndObject();
        await json.FlushAsync(context.RequestAborted);
    }
}
