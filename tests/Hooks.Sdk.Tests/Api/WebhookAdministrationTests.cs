using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Hooks.Sdk.Api;
using Hooks.Sdk.Http;
using Hooks.Sdk.Store;
using Hooks.Sdk.TestInfrastructure;
using Hooks.Sdk.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Hooks.Sdk.Tests.Api;

/// <summary><see cref="WebhookAdministration"/> called by an app's own code, with a <see cref="WebhookInput"/> rather than JSON.</summary>
public abstract class WebhookAdministrationTests(DatabaseProvider provider) : ProviderTests(provider), IAsyncLifetime
{
    private TestApp _app = null!;

    public async Task InitializeAsync() => _app = await StartAppAsync();

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Typed_input_creates_the_webhook_it_describes()
    {
        TestProject project = await _app.AddProjectAsync(1);

        WebhookChange change = await CreateAsync(_app, new WebhookInput
        {
            ProjectId = project.Id,
            Url = "https://example.com/hook",
            SendPayload = false,
            IsActive = true,
            Actions = ["TASKS_CREATED"],
        });

        Assert.True(change.Succeeded, string.Join("; ", change.FieldErrors.SelectMany(error => error.Value)));
        Assert.Equal((project.Id, false, true, "TASKS_CREATED"), (change.Webhook.ProjectId, change.Webhook.SendPayload, change.Webhook.IsActive, change.Webhook.Actions.Single().Action));
    }

    [Fact]
    public async Task Refusals_carry_the_api_messages_by_field()
    {
        WebhookChange change = await CreateAsync(_app, new WebhookInput { Url = "not a url", ProjectId = 12345 });

        Assert.False(change.Succeeded);
        Assert.Equal(["Enter a valid URL."], change.FieldErrors["url"]);
        Assert.Null(change.Webhook);
    }

    [Fact]
    public async Task A_foreign_project_is_refused_on_the_project_field_as_one_that_does_not_exist()
    {
        TestProject foreign = await _app.AddProjectAsync(2);

        WebhookChange change = await CreateAsync(_app, new WebhookInput { Url = "https://example.com/", ProjectId = foreign.Id });

        Assert.Equal(WebhookChangeOutcome.Invalid, change.Outcome);
        Assert.Equal([$"Invalid pk \"{foreign.Id}\" - object does not exist."], change.FieldErrors["project"]);
    }

    [Fact]
    public async Task Typed_input_gets_exactly_the_api_answer_for_the_same_fields_as_json()
    {
        TestProject project = await _app.AddProjectAsync(1);
        Dictionary<string, string> eleven = Enumerable.Range(0, 11).ToDictionary(index => $"H{index}", _ => "1");
        (WebhookInput Input, string Json)[] cases =
        [
            (new WebhookInput { ProjectId = project.Id }, $$"""{"project":{{project.Id}}}"""),
            (new WebhookInput { Url = "", Headers = new Dictionary<string, string> { ["Host"] = "x", ["X-Test"] = "a\nb" }, Actions = ["TASKS_CREATED", "NOPE", "ALSO_NOPE"] },
                """{"url":"","headers":{"Host":"x","X-Test":"a\nb"},"actions":["TASKS_CREATED","NOPE","ALSO_NOPE"]}"""),
            (new WebhookInput { Url = "ftp://example.com/", Headers = eleven }, $$"""{"url":"ftp://example.com/","headers":{{JsonSerializer.Serialize(eleven)}}}"""),
            (new WebhookInput { Url = "https://example.com/", Headers = new Dictionary<string, string> { ["X é"] = "<b>" } }, """{"url":"https://example.com/","headers":{"X é":"<b>"}}"""),
            (new WebhookInput { Url = "https://example.com/" + new string('a', Webhook.MaxUrlLength) }, $$"""{"url":"https://example.com/{{new string('a', Webhook.MaxUrlLength)}}"}"""),
            (new WebhookInput { Url = "http://10.0.0.1/hook" }, """{"url":"http://10.0.0.1/hook"}"""),
            (new WebhookInput { Url = "https://example.com/", ProjectId = project.Id, Actions = ["PROJECT_CREATED"] },
                $$"""{"url":"https://example.com/","project":{{project.Id}},"actions":["PROJECT_CREATED"]}"""),
        ];

        foreach ((WebhookInput input, string json) in cases)
        {
            WebhookChange change = await CreateAsync(_app, input);
            HttpResponseMessage response = await _app.Client(1).PostAsync("/api/webhooks/", new StringContent(json, Encoding.UTF8, "application/json"));

            JsonObject answer = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
            string service = JsonSerializer.SerializeToNode(ApiError.Validation(change.FieldErrors), ApiJsonContext.Default.ApiError)!["validation_errors"]!.ToJsonString();
            Assert.True(change.Outcome == WebhookChangeOutcome.Invalid && (int)response.StatusCode == 400, $"{json}: {change.Outcome}, {response.StatusCode}");
            Assert.Equal(answer["validation_errors"]!.ToJsonString(), service);
        }
        Assert.Empty(await _app.WithScopeAsync(services => services.GetRequiredService<WebhookAdministration>().ListAsync(1, WebhookProjectFilter.All)));
    }

    [Fact]
    public async Task Update_changes_only_the_members_given_and_refuses_as_create_does()
    {
        TestProject project = await _app.AddProjectAsync(1);
        Webhook created = (await CreateAsync(_app, new WebhookInput { ProjectId = project.Id, Url = "https://example.com/a", SendForAllActions = false, Actions = ["TASKS_CREATED"] })).Webhook!;

        WebhookChange changed = await UpdateAsync(_app, 1, created.Id, new WebhookInput { IsActive = false, ProjectId = 999 });
        WebhookChange refused = await UpdateAsync(_app, 1, created.Id, new WebhookInput { Url = "https://example.com/b", Actions = ["PROJECT_DELETED"] });
        WebhookChange foreign = await UpdateAsync(_app, 2, created.Id, new WebhookInput { IsActive = true });

        Assert.Equal(WebhookChangeOutcome.Saved, changed.Outcome);
        Assert.Equal((false, false, project.Id, "TASKS_CREATED"), (changed.Webhook!.IsActive, changed.Webhook.SendForAllActions, changed.Webhook.ProjectId, changed.Webhook.Actions.Single().Action));
        Assert.Equal(WebhookChangeOutcome.Invalid, refused.Outcome);
        Assert.Equal(["Project webhook can't contain organization-only action."], refused.FieldErrors["non_field_errors"]);
        Assert.Equal((WebhookChangeOutcome.WebhookNotFound, 0), (foreign.Outcome, foreign.FieldErrors.Count));
        Webhook stored = (await _app.FindWebhookAsync(created.Id))!;
        Assert.Equal(("https://example.com/a", false), (stored.Url, stored.IsActive));
    }

    [Fact]
    public async Task Without_organization_webhooks_a_webhook_without_a_project_is_refused_as_needing_one()
    {
        await using TestApp app = await StartAppAsync(options => options.AllowOrganizationWebhooks = false);

        WebhookChange change = await CreateAsync(app, new WebhookInput { Url = "https://example.com/" });

        Assert.Equal((WebhookChangeOutcome.ProjectRequired, 0, false), (change.Outcome, change.FieldErrors.Count, change.Succeeded));
        Assert.Empty(await app.WithScopeAsync(services => services.GetRequiredService<WebhookAdministration>().ListAsync(1, WebhookProjectFilter.All)));
    }

    private static Task<WebhookChange> CreateAsync(TestApp app, WebhookInput input) =>
        app.WithScopeAsync(services => services.GetRequiredService<WebhookAdministration>().CreateAsync(1, input));

    private static Task<WebhookChange> UpdateAsync(TestApp app, long organizationId, long id, WebhookInput input) =>
        app.WithScopeAsync(services => services.GetRequiredService<WebhookAdministration>().UpdateAsync(organizationId, id, input));
}

public sealed class WebhookAdministrationTestsOnSqlite() : WebhookAdministrationTests(DatabaseProvider.Sqlite);

public sealed class WebhookAdministrationTestsOnPostgreSql() : WebhookAdministrationTests(DatabaseProvider.PostgreSql);
