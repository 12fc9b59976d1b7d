using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Hooks.Sdk;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace LabelStudio.Sample.Tests;

/// <summary>Start-up, token authentication, organizations and settings, as the sample contract states them.</summary>
public sealed class AccountsTests
{
    [Fact]
    public async Task The_bootstrap_token_authenticates_and_wrong_or_missing_tokens_get_a_json_401()
    {
        await using var sample = new SampleFactory();

        HttpResponseMessage ok = await sample.Client().GetAsync("/api/projects");
        HttpResponseMessage wrong = await sample.Client("nope").GetAsync("/api/projects/");
        HttpResponseMessage missing = await sample.Client(null).GetAsync("/api/webhooks/");

        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        JsonObject refusal = (await wrong.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal((401, "Invalid token."), ((int)refusal["status_code"]!, (string?)refusal["detail"]));
        Assert.Equal(HttpStatusCode.Unauthorized, missing.StatusCode);
        Assert.Equal("Authentication credentials were not provided.", (string?)(await missing.Content.ReadFromJsonAsync<JsonObject>())!["detail"]);
    }

    [Fact]
    public async Task User_create_makes_users_in_their_own_organizations_which_see_nothing_of_each_other()
    {
        await using var sample = new SampleFactory();
        _ = sample.Server;
        (int exit, string token, _) = await SampleProcess.RunAsync(sample.DataDirectory, "user", "create", "--username", "other@example.com", "--password", "pw", "--organization", "Other Org");
        Assert.Equal(0, exit);
        HttpClient mine = sample.Client();
        HttpClient theirs = sample.Client(token.Trim());

        HttpResponseMessage created = await mine.PostAsJsonAsync("/api/projects/", new { title = "Mine" });
        long id = (long)(await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
        HttpResponseMessage webhook = await mine.PostAsJsonAsync("/api/webhooks/", new { project = id, url = "http://127.0.0.1:9/hook" });
        long webhookId = (long)(await webhook.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;

        Assert.Equal(0, (int)(await theirs.GetFromJsonAsync<JsonObject>("/api/projects/"))!["count"]!);
        Assert.Equal(HttpStatusCode.NotFound, (await theirs.GetAsync($"/api/projects/{id}/")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await theirs.PatchAsJsonAsync($"/api/projects/{id}/", new { title = "taken" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await theirs.DeleteAsync($"/api/projects/{id}/")).StatusCode);
        Assert.Empty((await theirs.GetFromJsonAsync<JsonArray>("/api/webhooks/"))!);
        Assert.Equal(HttpStatusCode.NotFound, (await theirs.GetAsync($"/api/webhooks/{webhookId}/")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await theirs.PostAsJsonAsync("/api/webhooks/", new { project = id, url = "http://127.0.0.1:9/x" })).StatusCode);
        Assert.Equal("Mine", (string?)(await mine.GetFromJsonAsync<JsonObject>($"/api/projects/{id}/"))!["title"]);
    }

    [Fact]
    public async Task User_create_refuses_a_duplicate_username_and_bad_arguments()
    {
        string data = Directory.CreateTempSubdirectory("label-studio-cli-").FullName;
        try
        {
            (int first, string token, _) = await SampleProcess.RunAsync(data, "user", "create", "--username", "a@example.com", "--password", "pw", "--token", "chosen-token");
            (int duplicate, _, string error) = await SampleProcess.RunAsync(data, "user", "create", "--username", "a@example.com", "--password", "pw");
            (int bad, _, string usage) = await SampleProcess.RunAsync(data, "user", "create", "--username", "b@example.com");

            Assert.Equal((0, "chosen-token"), (first, token.Trim().Split('\n')[^1]));
            Assert.Equal(1, duplicate);
            Assert.Equal("error: a user named 'a@example.com' already exists", error.Trim());
            Assert.Equal(2, bad);
            Assert.StartsWith("usage: user create", usage.Trim());
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    [Fact]
    public async Task A_first_start_without_bootstrap_variables_creates_and_prints_the_admin_once()
    {
        string data = Directory.CreateTempSubdirectory("label-studio-admin-").FullName;
        try
        {
            (_, string first, _) = await SampleProcess.RunAsync(data, unsetBootstrap: true, "user", "create", "--username", "x@example.com", "--password", "pw");
            (_, string second, _) = await SampleProcess.RunAsync(data, unsetBootstrap: true, "user", "create", "--username", "y@example.com", "--password", "pw");

            Assert.Matches(@"created the user admin@localhost\.[^\n]*\n[^\n]*password: +\S{16} [^\n]*\n[^\n]*API token: +[0-9a-f]{40} ", first);
            Assert.DoesNotContain("admin@localhost", second);
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    [Fact]
    public async Task Label_studio_webhook_settings_map_onto_the_sdk_options()
    {
        await using var sample = SampleFactory.With(new Dictionary<string, string?>
        {
            ["LABEL_STUDIO_WEBHOOK_TIMEOUT"] = "2.5",
            ["WEBHOOK_BATCH_SIZE"] = "100",
            ["LABEL_STUDIO_WEBHOOK_MAX_CONSECUTIVE_FAILURES"] = "0",
            ["ALLOW_ORGANIZATION_WEBHOOKS"] = "false",
        });

        WebhookOptions options = sample.Services.GetRequiredService<IOptions<WebhookOptions>>().Value;
        HttpResponseMessage organizationWebhook = await sample.Client().PostAsJsonAsync("/api/webhooks/", new { url = "http://127.0.0.1:9/x" });

        Assert.Equal((TimeSpan.FromSeconds(2.5), 100, 0, false), (options.Timeout, options.BatchSize, options.MaxConsecutiveFailures, options.AllowOrganizationWebhooks));
        Assert.Equal(HttpStatusCode.NotFound, organizationWebhook.StatusCode);
        Assert.Equal("Project not found.", (string?)(await organizationWebhook.Content.ReadFromJsonAsync<JsonObject>())!["detail"]);
    }

    [Theory]
    [InlineData("""{"title":5}""", "title", "Incorrect type.")]
    [InlineData("""{"title":"ok","maximum_annotations":0}""", "maximum_annotations", "Ensure this value is between 1 and 10000.")]
    [InlineData("""{"color":"red"}""", "color", "Enter a color as #RRGGBB.")]
    [InlineData("""{"title":""" , "non_field_errors", "JSON parse error.")]
    [InlineData("""{"title":"a",""" , "non_field_errors", "JSON parse error.")]
    [InlineData("", "non_field_errors", "A non-empty request body is required.")]
    public async Task Bad_project_bodies_are_400_naming_the_field_and_write_nothing(string body, string field, string message)
    {
        await using var sample = new SampleFactory();
        HttpClient client = sample.Client();

        HttpResponseMessage response = await client.PostAsync("/api/projects/", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        JsonObject error = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal([message], error["validation_errors"]![field]!.AsArray().Select(item => (string?)item));
        Assert.Equal(0, (int)(await client.GetFromJsonAsync<JsonObject>("/api/projects/"))!["count"]!);
    }
}
