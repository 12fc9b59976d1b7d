using Hooks.Sdk.TestInfrastructure;
using System.Text.Json.Nodes;
using Hooks.Sdk.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Hooks.Sdk.Tests.Api;

/// <summary><see cref="WebhookAdministration"/> called by an app's own code, with bodies built in code rather than parsed.</summary>
public abstract class WebhookAdministrationTests(DatabaseProvider provider) : ProviderTests(provider), IAsyncLifetime
{
    private TestApp _app = null!;

    public async Task InitializeAsync() => _app = await StartAppAsync();

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Bodies_built_in_code_are_read_like_parsed_ones()
    {
        TestProject project = await _app.AddProjectAsync(1);

        WebhookChange change = await _app.WithScopeAsync(services => services.GetRequiredService<WebhookAdministration>().CreateAsync(1, new JsonObject
        {
            ["project"] = project.Id,
            ["url"] = "https://example.com/hook",
            ["send_payload"] = 0,
            ["is_active"] = true,
            ["actions"] = new JsonArray("TASKS_CREATED"),
        }));

        Assert.True(change.Succeeded, string.Join("; ", change.FieldErrors.SelectMany(error => error.Value)));
        Assert.Equal((project.Id, false, true, "TASKS_CREATED"), (change.Webhook!.ProjectId, change.Webhook.SendPayload, change.Webhook.IsActive, change.Webhook.Actions.Single().Action));
    }

    [Fact]
    public async Task Refusals_carry_the_api_messages_by_field()
    {
        WebhookChange change = await _app.WithScopeAsync(services => services.GetRequiredService<WebhookAdministration>().CreateAsync(1, new JsonObject
        {
            ["url"] = "not a url",
            ["project"] = 12345,
        }));

        Assert.False(change.Succeeded);
        Assert.Equal(["Enter a valid URL."], change.FieldErrors["url"]);
        Assert.Null(change.Webhook);
    }

    [Fact]
    public async Task A_foreign_project_is_refused_on_the_project_field_as_one_that_does_not_exist()
    {
        TestProject foreign = await _app.AddProjectAsync(2);

        WebhookChange change = await _app.WithScopeAsync(services => services.GetRequiredService<WebhookAdministration>().CreateAsync(1, new JsonObject
        {
            ["url"] = "https://example.com/",
            ["project"] = foreign.Id,
        }));

        Assert.Equal(400, change.Error!.StatusCode);
        Assert.Equal([$"Invalid pk \"{foreign.Id}\" - object does not exist."], change.FieldErrors["project"]);
    }
}

public sealed class WebhookAdministrationTestsOnSqlite() : WebhookAdministrationTests(DatabaseProvider.Sqlite);

public sealed class WebhookAdministrationTestsOnPostgreSql() : WebhookAdministrationTests(DatabaseProvider.PostgreSql);
