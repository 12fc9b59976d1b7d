using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Hooks.Sdk.TestInfrastructure;
using Microsoft.AspNetCore.Http;

namespace LabelStudio.Sample.Tests;

/// <summary>
/// Label Studio's test_webhook_api_rejects_local_url_when_ssrf_enabled against the sample's defaults, and the same
/// outbound policy for the other URLs a user enters: ML backends.
/// </summary>
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
        // Label Studio's words, then the sample's variable that allows a local receiver.
        Assert.Equal(
            "URL resolves to a reserved network address (block: 127.0.0.0/8); to allow it, add 127.0.0.0/8 or a subnet of it to USER_ADDITIONAL_ALLOWED_SUBNETS",
            (string?)(await response.Content.ReadFromJsonAsync<JsonObject>())!["validation_errors"]!["url"]![0]);
    }

    [Fact]
    public async Task SSRF_PROTECTION_ENABLED_false_turns_it_off_at_create_and_at_delivery()
    {
        await using Receiver receiver = await Receiver.StartAsync();
        await using var sample = SampleFactory.With(new Dictionary<string, string?> { ["USER_ADDITIONAL_ALLOWED_SUBNETS"] = "", ["SSRF_PROTECTION_ENABLED"] = "false" });
        HttpClient client = sample.Client();

        HttpResponseMessage response = await client.PostAsJsonAsync("/api/webhooks/", new { url = receiver.Url("/webhook") });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        await client.PostAsJsonAsync("/api/projects/", new { title = "Delivered to loopback" });

        // The organization webhook sends every action: the project's creation arrives on 127.0.0.1.
        ReceivedRequest received = (await receiver.WaitForAsync(requests => requests.Any(request => request.Path == "/webhook"))).First();
        JsonObject body = received.Json;
        Assert.Equal("PROJECT_CREATED", (string?)body["action"]);
        Assert.Equal("Delivered to loopback", (string?)body["project"]!["title"]);
    }

    [Theory]
    [InlineData("http://169.254.169.254/latest/meta-data/")]
    [InlineData("http://10.0.0.1/")]
    [InlineData("http://[::1]:9090/")]
    [InlineData("http://localhost:9090")]
    [InlineData("http://127.0.0.1:9090/")]
    public async Task An_ml_backend_on_an_internal_address_is_refused_with_400(string url)
    {
        await using var sample = SampleFactory.With(new Dictionary<string, string?> { ["USER_ADDITIONAL_ALLOWED_SUBNETS"] = "" });
        HttpClient client = sample.Client();
        long project = (long)(await (await client.PostAsJsonAsync("/api/projects/", new { title = "P" })).Content.ReadFromJsonAsync<JsonObject>())!["id"]!;

        HttpResponseMessage response = await client.PostAsJsonAsync("/api/ml/", new { project, url });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith("URL resolves to a reserved network address", (string?)(await response.Content.ReadFromJsonAsync<JsonObject>())!["validation_errors"]!["url"]![0]);
    }

    [Fact]
    public async Task Training_follows_no_redirect_and_its_answers_do_not_tell_an_open_port_from_a_closed_one()
    {
        await using Receiver receiver = await Receiver.StartAsync();
        receiver.Respond = context =>
        {
            if (context.Request.Path.StartsWithSegments("/moved"))
            {
                context.Response.StatusCode = StatusCodes.Status307TemporaryRedirect;
                context.Response.Headers.Location = receiver.Url("/target");
            }
            else if (context.Request.Path.StartsWithSegments("/missing"))
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
            }
            return Task.CompletedTask;
        };
        await using var sample = SampleFactory.With(new Dictionary<string, string?>());
        HttpClient client = sample.Client();
        long project = (long)(await (await client.PostAsJsonAsync("/api/projects/", new { title = "P" })).Content.ReadFromJsonAsync<JsonObject>())!["id"]!;

        var answers = new List<(HttpStatusCode Status, string Body)>();
        foreach (string url in new[] { receiver.Url("/moved"), receiver.Url("/missing"), "http://127.0.0.1:1/" })
        {
            JsonObject backend = (await (await client.PostAsJsonAsync("/api/ml/", new { project, url })).Content.ReadFromJsonAsync<JsonObject>())!;
            HttpResponseMessage trained = await client.PostAsync($"/api/ml/{(long)backend["id"]!}/train", null);
            // Every error has its own id; the rest must not differ.
            JsonObject body = (await trained.Content.ReadFromJsonAsync<JsonObject>())!;
            body.Remove("id");
            answers.Add((trained.StatusCode, body.ToJsonString()));
        }

        Assert.Empty(receiver.To("/target"));
        Assert.Single(answers.Distinct());
        Assert.Equal(HttpStatusCode.BadGateway, answers[0].Status);
    }
}
