using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Hooks.Sdk.Store;
using Hooks.Sdk.TestInfrastructure;
using Hooks.Sdk.Tests.Infrastructure;

namespace Hooks.Sdk.Tests.Api;

/// <summary>The webhooks REST API over real HTTP and a real SQLite file.</summary>
public sealed class WebhooksApiTests : IAsyncLifetime
{
    private TestApp _app = null!;
    private HttpClient _client = null!;
    private TestProject _project = null!;

    public async Task InitializeAsync()
    {
        _app = await TestApp.StartAsync();
        _client = _app.Client(1);
        _project = await _app.AddProjectAsync(1);
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Create_applies_label_studio_defaults_and_answers_fields_in_order()
    {
        HttpResponseMessage response = await _client.PostAsJsonAsync("/api/webhooks/", new { project = _project.Id, url = "https://example.com/hook" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        JsonObject body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(["id", "organization", "project", "url", "send_payload", "send_for_all_actions", "headers", "is_active", "consecutive_failures", "actions", "created_at", "updated_at"],
            body.Select(member => member.Key));
        Assert.Equal($$"""{"organization":1,"project":{{_project.Id}},"url":"https://example.com/hook","send_payload":true,"send_for_all_actions":true,"headers":{},"is_active":true,"consecutive_failures":0,"actions":[]}""",
            new JsonObject(body.Where(member => member.Key is not ("id" or "created_at" or "updated_at")).Select(member => KeyValuePair.Create(member.Key, member.Value?.DeepClone()))).ToJsonString());
        Assert.EndsWith("Z", (string?)body["created_at"]);
    }

    [Fact]
    public async Task Tavern_flow()
    {
        Assert.Equal(HttpStatusCode.OK, (await _app.Client(null).GetAsync("/api/webhooks/info/")).StatusCode);

        HttpResponseMessage created = await _client.PostAsJsonAsync("/api/webhooks/", new
        {
            url = "https://example.com/organization",
            headers = new Dictionary<string, string> { ["Autorization"] = "Token xxx", ["Security"] = "none" },
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        long id = (long)(await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;

        JsonObject fetched = (await _client.GetFromJsonAsync<JsonObject>($"/api/webhooks/{id}/"))!;
        Assert.Null(fetched["project"]);
        Assert.Equal((true, true, true, "https://example.com/organization", 1L), ((bool)fetched["send_payload"]!, (bool)fetched["send_for_all_actions"]!, (bool)fetched["is_active"]!, (string?)fetched["url"], (long)fetched["organization"]!));
        Assert.IsType<JsonArray>(fetched["actions"]);
        Assert.Single((await _client.GetFromJsonAsync<JsonArray>("/api/webhooks/"))!);

        JsonObject patched = await PatchAsync(id, new { actions = new[] { "ANNOTATION_CREATED", "ANNOTATION_UPDATED", "ANNOTATIONS_DELETED" }, send_payload = false, send_for_all_actions = false });
        Assert.Equal(["ANNOTATION_CREATED", "ANNOTATION_UPDATED", "ANNOTATIONS_DELETED"], patched["actions"]!.AsArray().Select(action => (string?)action));
        Assert.Equal((false, false), ((bool)patched["send_payload"]!, (bool)patched["send_for_all_actions"]!));

        patched = await PatchAsync(id, new { actions = new[] { "TASKS_CREATED", "ANNOTATION_UPDATED" }, headers = new Dictionary<string, string> { ["Authorization"] = "Token yyy" } });
        Assert.Equal(["ANNOTATION_UPDATED", "TASKS_CREATED"], patched["actions"]!.AsArray().Select(action => (string?)action).Order());
        Assert.Equal("""{"Authorization":"Token yyy"}""", patched["headers"]!.ToJsonString());

        Assert.Equal(HttpStatusCode.NoContent, (await _client.DeleteAsync($"/api/webhooks/{id}/")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _client.GetAsync($"/api/webhooks/{id}/")).StatusCode);

        HttpResponseMessage projectWebhook = await _client.PostAsJsonAsync("/api/webhooks/", new { project = _project.Id, url = "https://example.com/project" });
        long projectWebhookId = (long)(await projectWebhook.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
        JsonObject unchanged = await PatchAsync(projectWebhookId, new { project = (long?)null });
        Assert.Equal(_project.Id, (long)unchanged["project"]!);
    }

    [Fact]
    public async Task Patch_changes_only_the_fields_it_names()
    {
        long id = await CreateAsync(new { project = _project.Id, url = "https://example.com/a", send_for_all_actions = false, actions = new[] { "TASKS_CREATED" } });

        JsonObject patched = await PatchAsync(id, new { is_active = false });

        Assert.Equal(["TASKS_CREATED"], patched["actions"]!.AsArray().Select(action => (string?)action));
        Assert.False((bool)patched["is_active"]!);
        Assert.False((bool)patched["send_for_all_actions"]!);
    }

    [Fact]
    public async Task Put_requires_the_url_and_clears_omitted_actions_as_label_studio_does()
    {
        long id = await CreateAsync(new { project = _project.Id, url = "https://example.com/a", actions = new[] { "TASKS_CREATED" } });

        HttpResponseMessage missingUrl = await _client.PutAsJsonAsync($"/api/webhooks/{id}/", new { is_active = false });
        HttpResponseMessage put = await _client.PutAsJsonAsync($"/api/webhooks/{id}", new { url = "https://example.com/b" });

        await AssertValidationErrorAsync(missingUrl, "url", "This field is required.");
        JsonObject body = (await put.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(("https://example.com/b", 0), ((string?)body["url"], body["actions"]!.AsArray().Count));
    }

    [Fact]
    public async Task Headers_change_resets_the_failure_counter_but_other_changes_do_not()
    {
        Webhook webhook = await _app.AddWebhookAsync(1, _project.Id, "https://example.com/a", configure: webhook => webhook.ConsecutiveFailures = 7);

        Assert.Equal(7, (int)(await PatchAsync(webhook.Id, new { send_payload = false }))["consecutive_failures"]!);
        Assert.Equal(7, (int)(await PatchAsync(webhook.Id, new { url = "https://example.com/a" }))["consecutive_failures"]!);
        Assert.Equal(0, (int)(await PatchAsync(webhook.Id, new { headers = new { X = "1" } }))["consecutive_failures"]!);
    }

    [Fact]
    public async Task List_filters_by_project_and_by_organization_level()
    {
        TestProject other = await _app.AddProjectAsync(1, "Other");
        await CreateAsync(new { project = _project.Id, url = "https://example.com/mine" });
        await CreateAsync(new { project = other.Id, url = "https://example.com/other" });
        await CreateAsync(new { url = "https://example.com/organization" });

        Assert.Equal(["https://example.com/mine", "https://example.com/other", "https://example.com/organization"], await UrlsAsync("/api/webhooks/"));
        Assert.Equal(["https://example.com/mine"], await UrlsAsync($"/api/webhooks/?project={_project.Id}"));
        Assert.Equal(["https://example.com/organization"], await UrlsAsync("/api/webhooks?project=isnull"));
        await AssertValidationErrorAsync(await _client.GetAsync("/api/webhooks/?project=9999"), "project", "Select a valid choice. That choice is not one of the available choices.");
        await AssertValidationErrorAsync(await _client.GetAsync("/api/webhooks/?project=abc"), "project", "Select a valid choice. That choice is not one of the available choices.");
    }

    [Fact]
    public async Task Organizations_see_and_change_only_their_own_webhooks()
    {
        long mine = await CreateAsync(new { project = _project.Id, url = "https://example.com/mine" });
        HttpClient intruder = _app.Client(2);
        TestProject theirs = await _app.AddProjectAsync(2, "Theirs");

        Assert.Empty((await intruder.GetFromJsonAsync<JsonArray>("/api/webhooks/"))!);
        Assert.Equal(HttpStatusCode.NotFound, (await intruder.GetAsync($"/api/webhooks/{mine}/")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await intruder.PatchAsJsonAsync($"/api/webhooks/{mine}/", new { is_active = false })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await intruder.PutAsJsonAsync($"/api/webhooks/{mine}/", new { url = "https://evil.example/" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await intruder.DeleteAsync($"/api/webhooks/{mine}/")).StatusCode);
        // As Label Studio answers for a project that does not exist: the other organization's is not revealed.
        Assert.Equal(HttpStatusCode.BadRequest, (await intruder.PostAsJsonAsync("/api/webhooks/", new { project = _project.Id, url = "https://evil.example/" })).StatusCode);
        await AssertValidationErrorAsync(await intruder.GetAsync($"/api/webhooks/?project={_project.Id}"), "project", "Select a valid choice. That choice is not one of the available choices.");
        Assert.Equal(HttpStatusCode.BadRequest, (await _client.PostAsJsonAsync("/api/webhooks/", new { project = theirs.Id, url = "https://example.com/" })).StatusCode);

        Webhook stored = (await _app.FindWebhookAsync(mine))!;
        Assert.Equal(("https://example.com/mine", true), (stored.Url, stored.IsActive));
    }

    [Fact]
    public async Task Anonymous_callers_get_401_except_on_info()
    {
        HttpClient anonymous = _app.Client(null);

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/webhooks/")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync("/api/webhooks/", new { url = "https://example.com/" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/api/webhooks/info")).StatusCode);
    }

    [Fact]
    public async Task Callers_without_an_organization_get_403_on_every_endpoint_before_their_body_is_read()
    {
        long id = await CreateAsync(new { project = _project.Id, url = "https://example.com/kept" });
        HttpClient outsider = _app.Client(null);
        outsider.DefaultRequestHeaders.Add(OrganizationHeaderHandler.Header, "none");
        var notJson = new StringContent("url=x", Encoding.UTF8, "text/plain");

        HttpResponseMessage[] responses =
        [
            await outsider.GetAsync("/api/webhooks/"),
            await outsider.PostAsync("/api/webhooks/", notJson),
            await outsider.GetAsync($"/api/webhooks/{id}/"),
            await outsider.PutAsync($"/api/webhooks/{id}/", notJson),
            await outsider.PatchAsync($"/api/webhooks/{id}/", notJson),
            await outsider.DeleteAsync($"/api/webhooks/{id}/"),
            await outsider.GetAsync($"/api/webhooks/{id}/secret/"),
            await outsider.PostAsync($"/api/webhooks/{id}/secret/rotate/", null),
            await outsider.GetAsync($"/api/webhooks/{id}/deliveries/"),
            await outsider.GetAsync($"/api/webhooks/{id}/deliveries/1/"),
            await outsider.PostAsync($"/api/webhooks/{id}/deliveries/1/redeliver/", null),
            await outsider.PostAsync($"/api/webhooks/{id}/deliveries/recover/", notJson),
        ];

        foreach (HttpResponseMessage response in responses)
        {
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            JsonObject error = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
            Assert.Equal((403, "You do not belong to an organization."), ((int)error["status_code"]!, (string?)error["detail"]));
        }
        Assert.Equal("https://example.com/kept", (await _app.FindWebhookAsync(id))!.Url);
    }

    [Fact]
    public async Task Organization_webhooks_can_be_turned_off_as_in_label_studio()
    {
        await using TestApp app = await TestApp.StartAsync(options => options.AllowOrganizationWebhooks = false);

        HttpResponseMessage response = await app.Client(1).PostAsJsonAsync("/api/webhooks/", new { url = "https://example.com/" });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("Project not found.", (string?)(await response.Content.ReadFromJsonAsync<JsonObject>())!["detail"]);
    }

    public static TheoryData<string, string, string> InvalidBodies => new()
    {
        { """{"project":PID}""", "url", "This field is required." },
        { """{"project":PID,"url":null}""", "url", "This field may not be null." },
        { """{"project":PID,"url":""}""", "url", "This field may not be blank." },
        { """{"project":PID,"url":42}""", "url", "Not a valid string." },
        { """{"project":PID,"url":"not a url"}""", "url", "Enter a valid URL." },
        { """{"project":PID,"url":"/relative/path"}""", "url", "Enter a valid URL." },
        { """{"project":PID,"url":"ftp://example.com/hook"}""", "url", "Enter a valid URL." },
        { """{"project":PID,"url":"https://example.com/LONG"}""", "url", "Ensure this field has no more than 2048 characters." },
        { """{"project":PID,"url":"https://example.com/","send_payload":"maybe"}""", "send_payload", "Must be a valid boolean." },
        { """{"project":PID,"url":"https://example.com/","send_for_all_actions":null}""", "send_for_all_actions", "This field may not be null." },
        { """{"project":PID,"url":"https://example.com/","is_active":[true]}""", "is_active", "Must be a valid boolean." },
        { """{"project":PID,"url":"https://example.com/","headers":null}""", "headers", "This field may not be null." },
        { """{"project":PID,"url":"https://example.com/","headers":"X: 1"}""", "headers", "\"X: 1\" failed JSON schema check" },
        { """{"project":PID,"url":"https://example.com/","headers":{"X Bad":"1"}}""", "headers", """{"X Bad":"1"} failed JSON schema check""" },
        { """{"project":PID,"url":"https://example.com/","headers":{"X-Token\n":"1"}}""", "headers", """{"X-Token\n":"1"} failed JSON schema check""" },
        { """{"project":PID,"url":"https://example.com/","headers":{"X":1}}""", "headers", """{"X":1} failed JSON schema check""" },
        { """{"project":PID,"url":"https://example.com/","headers":{"A":"1","B":"1","C":"1","D":"1","E":"1","F":"1","G":"1","H":"1","I":"1","J":"1","K":"1"}}""", "headers", """{"A":"1","B":"1","C":"1","D":"1","E":"1","F":"1","G":"1","H":"1","I":"1","J":"1","K":"1"} failed JSON schema check""" },
        { """{"project":PID,"url":"https://example.com/","headers":{"Content-Type":"text/plain"}}""", "headers", "The header 'Content-Type' is set by the sender and cannot be overridden." },
        { """{"project":PID,"url":"https://example.com/","headers":{"webhook-signature":"v1,x"}}""", "headers", "The header 'webhook-signature' is set by the sender and cannot be overridden." },
        { """{"project":PID,"url":"https://example.com/","headers":{"Host":"internal"}}""", "headers", "The header 'Host' is set by the sender and cannot be overridden." },
        { """{"project":PID,"url":"https://example.com/","headers":{"X-Test":"a\r\nHost: internal-admin.local"}}""", "headers", "The value of the header 'X-Test' contains a line break, a control character or a non-ASCII character; header values must be printable ASCII." },
        { """{"project":PID,"url":"https://example.com/","headers":{"X-Test":"a\nX-Injected: 1"}}""", "headers", "The value of the header 'X-Test' contains a line break, a control character or a non-ASCII character; header values must be printable ASCII." },
        { """{"project":PID,"url":"https://example.com/","headers":{"X-Test":"a\rb"}}""", "headers", "The value of the header 'X-Test' contains a line break, a control character or a non-ASCII character; header values must be printable ASCII." },
        { """{"project":PID,"url":"https://example.com/","headers":{"X-Test":"a\u0000b"}}""", "headers", "The value of the header 'X-Test' contains a line break, a control character or a non-ASCII character; header values must be printable ASCII." },
        { """{"project":PID,"url":"https://example.com/","headers":{"X-Test":"a\u0007b"}}""", "headers", "The value of the header 'X-Test' contains a line break, a control character or a non-ASCII character; header values must be printable ASCII." },
        { """{"project":PID,"url":"https://example.com/","headers":{"X-Test":"a\u007fb"}}""", "headers", "The value of the header 'X-Test' contains a line break, a control character or a non-ASCII character; header values must be printable ASCII." },
        { """{"project":PID,"url":"https://example.com/","headers":{"X-Test":"caf\u00e9"}}""", "headers", "The value of the header 'X-Test' contains a line break, a control character or a non-ASCII character; header values must be printable ASCII." },
        { """{"project":PID,"url":"https://example.com/","actions":["FOO"]}""", "actions.0", "\"FOO\" is not a valid choice." },
        { """{"project":PID,"url":"https://example.com/","actions":[1]}""", "actions.0", "\"1\" is not a valid choice." },
        { """{"project":PID,"url":"https://example.com/","actions":"TASKS_CREATED"}""", "actions", "Expected a list of items but got type \"str\"." },
        { """{"project":PID,"url":"https://example.com/","actions":null}""", "actions", "This field may not be null." },
        { """{"project":"abc","url":"https://example.com/"}""", "project", "Incorrect type. Expected pk value, received str." },
        { """{"project":[1],"url":"https://example.com/"}""", "project", "Incorrect type. Expected pk value, received list." },
        { """{"project":PID,"url":"https://example.com/","actions":["PROJECT_CREATED"]}""", "non_field_errors", "Project webhook can't contain organization-only action." },
        { """[{"url":"https://example.com/"}]""", "non_field_errors", "Invalid data. Expected a dictionary." },
    };

    [Theory]
    [MemberData(nameof(InvalidBodies))]
    public async Task Invalid_create_bodies_answer_400_naming_the_field_and_store_nothing(string body, string field, string message)
    {
        string json = body.Replace("PID", _project.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)).Replace("LONG", new string('a', 2030));

        HttpResponseMessage response = await _client.PostAsync("/api/webhooks/", new StringContent(json, Encoding.UTF8, "application/json"));

        await AssertValidationErrorAsync(response, field, message);
        Assert.Empty((await _client.GetFromJsonAsync<JsonArray>("/api/webhooks/"))!);
    }

    [Fact]
    public async Task Errors_of_reading_and_of_checking_come_together_in_the_serializer_field_order()
    {
        const string body = """{"project":"abc","actions":["NOPE",1],"headers":{"Host":"x"},"send_payload":"maybe","url":""}""";

        HttpResponseMessage response = await _client.PostAsync("/api/webhooks/", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(
            """{"url":["This field may not be blank."],"send_payload":["Must be a valid boolean."],"headers":["The header 'Host' is set by the sender and cannot be overridden."],"actions":{"0":["\"NOPE\" is not a valid choice."],"1":["\"1\" is not a valid choice."]},"project":["Incorrect type. Expected pk value, received str."]}""",
            (await response.Content.ReadFromJsonAsync<JsonObject>())!["validation_errors"]!.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
    }

    [Fact]
    public async Task A_url_of_exactly_2048_characters_is_accepted()
    {
        string url = "https://example.com/" + new string('a', 2048 - "https://example.com/".Length);

        Assert.Equal(HttpStatusCode.Created, (await _client.PostAsJsonAsync("/api/webhooks/", new { project = _project.Id, url })).StatusCode);
    }

    [Theory]
    [InlineData("""{"url":"bad"}""", "url", "Enter a valid URL.")]
    [InlineData("""{"headers":{"A B":"x"}}""", "headers", """{"A B":"x"} failed JSON schema check""")]
    [InlineData("""{"actions":["PROJECT_DELETED"]}""", "non_field_errors", "Project webhook can't contain organization-only action.")]
    [InlineData("""{"headers":{"Content-Length":"5"}}""", "headers", "The header 'Content-Length' is set by the sender and cannot be overridden.")]
    [InlineData("""{"actions":["NOPE"],"is_active":false}""", "actions.0", "\"NOPE\" is not a valid choice.")]
    [InlineData("""{"headers":{"Authorization":"Bearer x\r\nwebhook-id: msg_forged"}}""", "headers", "The value of the header 'Authorization' contains a line break, a control character or a non-ASCII character; header values must be printable ASCII.")]
    public async Task Invalid_updates_answer_400_and_change_nothing(string body, string field, string message)
    {
        long id = await CreateAsync(new { project = _project.Id, url = "https://example.com/a" });

        HttpResponseMessage response = await _client.PatchAsync($"/api/webhooks/{id}/", new StringContent(body, Encoding.UTF8, "application/json"));

        await AssertValidationErrorAsync(response, field, message);
        Webhook stored = (await _app.FindWebhookAsync(id))!;
        Assert.Equal(("https://example.com/a", true, 0), (stored.Url, stored.IsActive, stored.Actions.Count));
    }

    [Theory]
    [InlineData("""{"url":"https://example.com/a","url":"https://example.com/b"}""", "JSON parse error - A JSON object has the same key twice.")]
    [InlineData("""{"url":"https://example.com/","headers":{"X-A":"\ud800"}}""", "JSON parse error - A JSON string contains an unpaired UTF-16 surrogate (such as \\ud800).")]
    [InlineData("""{"url":"https://example.com/","headers":{"\udc00":"x"}}""", "JSON parse error - A JSON string contains an unpaired UTF-16 surrogate (such as \\ud800).")]
    [InlineData("""{"url":"https://example.com/","is_active":1e400}""", "JSON parse error - Numbers must be finite: 1e400, NaN and Infinity cannot be stored.")]
    [InlineData("""{"url":"https://example.com/","headers":DEEP}""", "JSON parse error - JSON nested deeper than 32 levels.")]
    public async Task Bodies_that_could_not_be_stored_and_read_back_are_400_on_create_and_update(string body, string detail)
    {
        string json = body.Replace("DEEP", string.Concat(Enumerable.Repeat("{\"a\":", 40)) + "1" + new string('}', 40));
        long id = await CreateAsync(new { project = _project.Id, url = "https://example.com/kept" });

        HttpResponseMessage created = await _client.PostAsync("/api/webhooks/", new StringContent(json, Encoding.UTF8, "application/json"));
        HttpResponseMessage updated = await _client.PatchAsync($"/api/webhooks/{id}/", new StringContent(json, Encoding.UTF8, "application/json"));

        foreach (HttpResponseMessage response in new[] { created, updated })
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal(detail, (string?)(await response.Content.ReadFromJsonAsync<JsonObject>())!["detail"]);
        }
        Assert.Equal("https://example.com/kept", Assert.Single((await _client.GetFromJsonAsync<JsonArray>("/api/webhooks/"))!)!["url"]!.GetValue<string>());
    }

    [Fact]
    public async Task Malformed_json_wrong_media_type_and_oversized_bodies_are_4xx()
    {
        HttpResponseMessage malformed = await _client.PostAsync("/api/webhooks/", new StringContent("{\"url\":", Encoding.UTF8, "application/json"));
        HttpResponseMessage form = await _client.PostAsync("/api/webhooks/", new FormUrlEncodedContent([KeyValuePair.Create("url", "https://example.com/")]));
        HttpResponseMessage huge = await _client.PostAsync("/api/webhooks/", new StringContent($$"""{"url":"https://example.com/","x":"{{new string('x', 70_000)}}"}""", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.StartsWith("JSON parse error", (string?)(await malformed.Content.ReadFromJsonAsync<JsonObject>())!["detail"]);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, form.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, huge.StatusCode);
        Assert.Empty((await _client.GetFromJsonAsync<JsonArray>("/api/webhooks/"))!);
    }

    [Fact]
    public async Task Deleting_a_project_deletes_its_webhooks()
    {
        long id = await CreateAsync(new { project = _project.Id, url = "https://example.com/a" });

        await _app.WithDbAsync(async db =>
        {
            db.Projects.Remove((await db.Projects.FindAsync(_project.Id))!);
            return await db.SaveChangesAsync();
        });

        Assert.Null(await _app.FindWebhookAsync(id));
    }

    private async Task<long> CreateAsync(object body)
    {
        HttpResponseMessage response = await _client.PostAsJsonAsync("/api/webhooks/", body);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (long)(await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
    }

    private async Task<JsonObject> PatchAsync(long id, object body)
    {
        HttpResponseMessage response = await _client.PatchAsJsonAsync($"/api/webhooks/{id}/", body);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    private async Task<IEnumerable<string?>> UrlsAsync(string path) =>
        (await _client.GetFromJsonAsync<JsonArray>(path))!.Select(webhook => (string?)webhook!["url"]);

    private static async Task AssertValidationErrorAsync(HttpResponseMessage response, string field, string message)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        JsonObject body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal((400, "Validation error"), ((int)body["status_code"]!, (string?)body["detail"]));
        // "field.0": the errors of a list field's first item, which Label Studio keys by index under the field.
        JsonNode errors = field.Split('.').Aggregate(body["validation_errors"]!, (node, name) => node[name]!);
        Assert.Equal([message], errors.AsArray().Select(item => (string?)item));
    }
}
