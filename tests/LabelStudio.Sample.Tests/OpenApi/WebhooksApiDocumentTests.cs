using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Hooks.Sdk.Api;
using Hooks.Sdk.TestInfrastructure;
using Json.Schema;

namespace LabelStudio.Sample.Tests.OpenApi;

/// <summary>
/// The webhooks REST API as the sample's OpenAPI document describes it, checked against what it answers: each call's
/// body validated (JsonSchema.Net) against the schema the document gives for its operation and status.
/// </summary>
public sealed class WebhooksApiDocumentTests : IAsyncLifetime
{
    private readonly SampleFactory _sample = SampleFactory.With(new Dictionary<string, string?> { ["WEBHOOK_DELIVERY"] = "background" });
    private JsonObject _document = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _client = _sample.Client();
        _document = (await _sample.Client(token: null).GetFromJsonAsync<JsonObject>("/openapi/v1.json"))!;
    }

    public async Task DisposeAsync() => await _sample.DisposeAsync();

    [Fact]
    public void Every_route_is_described_with_the_token_scheme_and_the_error_envelope()
    {
        string[] names = [.. typeof(WebhooksApiNames).GetFields().Where(field => field.IsLiteral && field.Name != nameof(WebhooksApiNames.Tag))
            .Select(field => (string)field.GetValue(null)!)];

        Assert.Equal(names.Order(), Operations().Select(operation => (string)operation["operationId"]!).Order());
        Assert.Equal("apiKey", (string?)_document["components"]!["securitySchemes"]!["Token"]!["type"]);
        JsonObject create = Operation(WebhooksApiNames.Create);
        Assert.Equal("Token", create["security"]![0]!.AsObject().Single().Key);
        Assert.Null(Operation(WebhooksApiNames.Info)["security"]);
        Assert.Equal(["url"], create["requestBody"]!["content"]!["application/json"]!["schema"]!["required"]!.AsArray().Select(name => (string?)name));
        Assert.Contains("exc_info", create["responses"]!["400"]!["content"]!["application/json"]!["schema"]!["properties"]!.AsObject().Select(p => p.Key));
    }

    [Fact]
    public async Task Every_answer_fits_the_schema_the_document_gives_for_it()
    {
        await using Receiver receiver = await Receiver.StartAsync();
        receiver.Respond = context => { context.Response.StatusCode = 500; return Task.CompletedTask; };
        long project = (long)(await (await _client.PostAsJsonAsync("/api/projects/", new { title = "Described" })).Content.ReadFromJsonAsync<JsonObject>())!["id"]!;

        long webhook = (long)(await FitsAsync(WebhooksApiNames.Create, HttpMethod.Post, "/api/webhooks/", new { project, url = receiver.Url() }, HttpStatusCode.Created))["id"]!;
        await FitsAsync(WebhooksApiNames.Info, HttpMethod.Get, "/api/webhooks/info/");
        await FitsAsync(WebhooksApiNames.List, HttpMethod.Get, $"/api/webhooks/?project={project}");
        await FitsAsync(WebhooksApiNames.Get, HttpMethod.Get, $"/api/webhooks/{webhook}/");
        await FitsAsync(WebhooksApiNames.Patch, HttpMethod.Patch, $"/api/webhooks/{webhook}/", new { headers = new { X_Team = "a" } });
        await FitsAsync(WebhooksApiNames.Put, HttpMethod.Put, $"/api/webhooks/{webhook}/", new { url = receiver.Url(), actions = new[] { "TASKS_CREATED" } });
        await FitsAsync(WebhooksApiNames.GetSecret, HttpMethod.Get, $"/api/webhooks/{webhook}/secret/");
        await FitsAsync(WebhooksApiNames.RotateSecret, HttpMethod.Post, $"/api/webhooks/{webhook}/secret/rotate/");

        // A failed attempt, in the delivery log.
        await _client.PostAsJsonAsync("/api/tasks/", new { project, data = new { text = "logged" } });
        await receiver.WaitForAsync(requests => requests.Count >= 1);
        JsonNode page = await Eventually.UntilAsync(
            () => FitsAsync(WebhooksApiNames.ListDeliveries, HttpMethod.Get, $"/api/webhooks/{webhook}/deliveries/"),
            answer => answer["results"]!.AsArray().Any(delivery => (int)delivery!["attempts"]! > 0), answer => answer.ToJsonString());
        long delivery = (long)page["results"]![0]!["id"]!;
        await FitsAsync(WebhooksApiNames.GetDelivery, HttpMethod.Get, $"/api/webhooks/{webhook}/deliveries/{delivery}/");
        await FitsAsync(WebhooksApiNames.Recover, HttpMethod.Post, $"/api/webhooks/{webhook}/deliveries/recover/", new { since = "2020-01-01T00:00:00Z" }, HttpStatusCode.Accepted);

        // Errors, in the envelope.
        await FitsAsync(WebhooksApiNames.Create, HttpMethod.Post, "/api/webhooks/", new { project, url = "not a url" }, HttpStatusCode.BadRequest);
        await FitsAsync(WebhooksApiNames.Get, HttpMethod.Get, "/api/webhooks/999999/", status: HttpStatusCode.NotFound);
        await FitsAsync(WebhooksApiNames.Delete, HttpMethod.Delete, $"/api/webhooks/{webhook}/", status: HttpStatusCode.NoContent);
    }

    /// <summary>Calls the API and checks the answer against the document's schema for that operation and status.</summary>
    private async Task<JsonNode> FitsAsync(string operation, HttpMethod method, string path, object? body = null, HttpStatusCode status = HttpStatusCode.OK)
    {
        HttpResponseMessage response = await _client.SendAsync(new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) });
        string text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"{method} {path}: {(int)response.StatusCode} {text}");
        JsonObject documented = Operation(operation)["responses"]![((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture)]!.AsObject();
        if (documented["content"]?["application/json"]?["schema"] is not { } schema)
        {
            Assert.Equal("", text);
            return JsonValue.Create(0);
        }
        EvaluationResults results = JsonSchema.FromText(schema.ToJsonString())
            .Evaluate(JsonDocument.Parse(text).RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        Assert.True(results.IsValid, $"{method} {path} answered what its schema does not allow: {text}\n{JsonSerializer.Serialize(results)}");
        return JsonNode.Parse(text)!;
    }

    private IEnumerable<JsonObject> Operations() =>
        _document["paths"]!.AsObject().SelectMany(path => path.Value!.AsObject().Select(method => method.Value!.AsObject()))
            .Where(operation => operation["tags"]?.AsArray().Any(tag => (string?)tag == WebhooksApiNames.Tag) == true);

    private JsonObject Operation(string name) => Operations().Single(operation => (string?)operation["operationId"] == name);
}
