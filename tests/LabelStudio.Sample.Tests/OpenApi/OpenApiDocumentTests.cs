using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Hooks.Sdk.Catalogue;
using Hooks.Sdk.TestInfrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace LabelStudio.Sample.Tests.OpenApi;

/// <summary>
/// The sample's OpenAPI document: valid OpenAPI 3.1 by an independent validator (<c>@readme/openapi-parser</c>,
/// installed with npm), with a webhook per action, and the webhook bodies checked by <see cref="WebhookBodyCheck"/>.
/// </summary>
public sealed class OpenApiDocumentTests : IClassFixture<OpenApiParser>, IAsyncLifetime
{
    private readonly OpenApiParser _parser;
    private readonly SampleFactory _sample = new();
    private JsonObject _document = null!;

    public OpenApiDocumentTests(OpenApiParser parser) => _parser = parser;

    public async Task InitializeAsync() =>
        _document = (await _sample.Client(token: null).GetFromJsonAsync<JsonObject>("/openapi/v1.json"))!;

    public async Task DisposeAsync() => await _sample.DisposeAsync();

    [Fact]
    public async Task The_document_is_valid_OpenAPI_3_1_and_a_broken_one_is_not()
    {
        Assert.StartsWith("3.1", (string?)_document["openapi"]);
        JsonObject verdict = await _parser.ValidateAsync(_document);
        Assert.True((bool)verdict["valid"]!, verdict.ToJsonString());

        JsonObject broken = _document.DeepClone().AsObject();
        broken["webhooks"]!["TASKS_CREATED"]!["post"]!["parameters"]![0]!["in"] = "body";
        Assert.False((bool)(await _parser.ValidateAsync(broken))["valid"]!);
    }

    [Fact]
    public void Every_action_is_a_webhook_with_its_payload_and_the_standard_webhooks_headers()
    {
        JsonObject webhooks = _document["webhooks"]!.AsObject();
        string[] actions = [.. _sample.Services.GetRequiredService<WebhookActionRegistry>().Actions.Select(action => action.Action)];

        Assert.Equal(actions, webhooks.Select(webhook => webhook.Key));
        JsonNode annotation = webhooks["ANNOTATION_CREATED"]!["post"]!;
        Assert.Equal("Annotation created", (string?)annotation["summary"]);
        Assert.Equal(["webhook-id", "webhook-timestamp", "webhook-signature"], annotation["parameters"]!.AsArray().Select(parameter => (string?)parameter!["name"]));
        JsonObject properties = annotation["requestBody"]!["content"]!["application/json"]!["schema"]!["properties"]!.AsObject();
        Assert.Equal(["action", "annotation", "project", "task"], properties.Select(property => property.Key));
        Assert.Contains("was_cancelled", properties["annotation"]!["properties"]!.AsObject().Select(property => property.Key));
        Assert.Contains("finished_task_number", properties["project"]!["properties"]!.AsObject().Select(property => property.Key));
        // The SDK's own operator events are described too.
        Assert.Contains("WEBHOOK_DISABLED", webhooks.Select(webhook => webhook.Key));
    }

    [Fact]
    public async Task The_description_tells_a_receiver_how_messages_are_signed_retried_and_ordered_as_configured()
    {
        await using var background = SampleFactory.With(new Dictionary<string, string?> { ["WEBHOOK_DELIVERY"] = "background" });
        string durable = (string)(await background.Client(token: null).GetFromJsonAsync<JsonObject>("/openapi/v1.json"))!["info"]!["description"]!;
        string inline = (string)_document["info"]!["description"]!;

        Assert.Contains("HMAC-SHA256 of `{webhook-id}.{webhook-timestamp}.{body}`", durable);
        Assert.Contains("It is retried after 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h", durable);
        Assert.Contains("in the order they were written", durable);
        Assert.Contains("Each message is sent once", inline);
        Assert.DoesNotContain("It is retried", inline);
    }

    [Fact]
    public async Task A_body_that_breaks_its_schema_fails_the_receivers_wait()
    {
        await using Receiver receiver = await Receiver.StartAsync();
        using var client = new HttpClient();

        await client.PostAsync(receiver.Url(), JsonContent.Create(new { action = "TASKS_DELETED", tasks = new[] { new { id = "five" } } }));

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => receiver.WaitForAsync(requests => requests.Count == 1));
        Assert.Contains("TASKS_DELETED does not fit its schema", failure.Message);
        Assert.Null(await WebhookBodyCheck.CheckAsync(new ReceivedRequest("POST", "/hook", new Dictionary<string, string>(), """{"action":"TASKS_DELETED","tasks":[{"id":5}]}""")));
    }

    [Fact]
    public async Task The_page_for_the_document_is_served()
    {
        HttpResponseMessage page = await _sample.Client(token: null).GetAsync("/scalar/v1");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("\"url\":\"openapi/v1.json\"", await page.Content.ReadAsStringAsync());
        // The page's script is served by the app itself: no CDN, so it works offline.
        Assert.Equal(HttpStatusCode.OK, (await _sample.Client(token: null).GetAsync("/scalar/scalar.js")).StatusCode);
    }
}

/// <summary><c>@readme/openapi-parser</c>, installed once with npm.</summary>
public sealed class OpenApiParser : IAsyncLifetime
{
    private const string Script = """
        const { validate } = require("@readme/openapi-parser");
        let input = "";
        process.stdin.on("data", chunk => input += chunk);
        process.stdin.on("end", () => {
          validate(JSON.parse(input))
            .then(result => console.log(JSON.stringify({ valid: result.valid, errors: result.errors ?? [], warnings: result.warnings ?? [] })))
            .catch(error => console.log(JSON.stringify({ valid: false, errors: [String(error)] })));
        });
        """;

    private NodeScript? _script;

    public async Task InitializeAsync() => _script = await NodeScript.InstallAsync(Script, "@readme/openapi-parser@9.0.0");

    public async Task DisposeAsync()
    {
        if (_script is not null)
        {
            await _script.DisposeAsync();
        }
    }

    public Task<JsonObject> ValidateAsync(JsonObject document) => _script!.RunAsync(document);
}
