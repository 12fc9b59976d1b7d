using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace LabelStudio.Sample.Tests;

/// <summary>Label Studio's test_webhook_api_rejects_local_url_when_ssrf_enabled, against the sample's defaults.</summary>
public sealed class SsrfTests
{
    [Fact]
    public async Task test_webhook_api_rejects_local_url_when_ssrf_enabled()
    {
        await using var sample = SampleFactory.With(new Dictionary<string, string?> { ["USER_ADDITIONAL_ALLOWED_SUBNETS"] = "" });
        HttpClient client = sample.Client();
        long project = (long)(await (await client.PostAsJsonAsync("/api/projects/", new { title = "P" })).Content.ReadFromJsonAsync<JsonObject>())!["id"]!;

        HttpResponseMessage response = await client.PostAsJsonAsync("/api/webhooks/", new { project, url = "http://127.0.0.1:9000/webhook" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith("URL resolves to a reserved network address", (string?)(await response.Content.ReadFromJsonAsync<JsonObject>())!["validation_errors"]!["url"]![0]);
    }

    [Fact]
    public async Task SSRF_PROTECTION_ENABLED_false_turns_it_off()
    {
        await using var sample = SampleFactory.With(new Dictionary<string, string?> { ["USER_ADDITIONAL_ALLOWED_SUBNETS"] = "", ["SSRF_PROTECTION_ENABLED"] = "false" });

        HttpResponseMessage response = await sample.Client().PostAsJsonAsync("/api/webhooks/", new { url = "http://127.0.0.1:9000/webhook" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }
}
