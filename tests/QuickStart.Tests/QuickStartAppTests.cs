using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Hooks.Sdk.Receiving;
using Hooks.Sdk.Signatures;
using Hooks.Sdk.TestInfrastructure;

namespace QuickStart.Tests;

/// <summary>
/// The quick-start app run as its reader runs it: its own process on 127.0.0.1 with a fresh database in its working
/// folder, an account through Identity's endpoints, a webhook through the REST API to a real receiver, a todo
/// created and deleted, and the signed webhooks the README shows arriving.
/// </summary>
public sealed class QuickStartAppTests : IAsyncLifetime
{
    /// <summary>What the README tells its reader to set so that a receiver on this machine is allowed.</summary>
    private const string AllowLocalReceiver = "Hooks__AllowedSubnets__0=127.0.0.0/8";

    private readonly string _folder = Directory.CreateTempSubdirectory("quickstart-").FullName;
    private Receiver _receiver = null!;

    public async Task InitializeAsync() => _receiver = await Receiver.StartAsync();

    public async Task DisposeAsync()
    {
        await _receiver.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task A_signed_in_user_subscribes_and_gets_the_signed_created_and_deleted_webhooks_the_README_shows()
    {
        Assert.Contains(AllowLocalReceiver, QuickStartReadme.Text);
        string[] setting = AllowLocalReceiver.Split('=', 2);
        await using AppProcess app = await StartAppAsync(new Dictionary<string, string?> { [setting[0]] = setting[1] });
        using HttpClient client = new() { BaseAddress = new Uri(app.BaseUrl) };

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsJsonAsync("/api/webhooks/", new { url = _receiver.Url() })).StatusCode);
        await SignInAsync(client);

        HttpResponseMessage subscribed = await client.PostAsJsonAsync("/api/webhooks/", new { url = _receiver.Url() });
        Assert.Equal(HttpStatusCode.Created, subscribed.StatusCode);
        JsonObject webhook = (await subscribed.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(1, (long)webhook["organization"]!);   // WebhookOptions.SingleOrganizationId: no organization claim needed
        JsonObject secret = (await client.GetFromJsonAsync<JsonObject>($"/api/webhooks/{webhook["id"]}/secret/"))!;
        var verifier = new WebhookSignatureVerifier([WebhookSecret.Parse((string)secret["key"]!)]);

        HttpResponseMessage created = await client.PostAsJsonAsync("/todos/", new { title = "Buy milk" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(1, (long)(await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!);
        ReceivedRequest createdHook = (await _receiver.WaitForAsync(requests => requests.Count >= 1))[0];

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync("/todos/1")).StatusCode);
        ReceivedRequest deletedHook = (await _receiver.WaitForAsync(requests => requests.Count >= 2))[1];

        Assert.Equal("""{"action":"TODO_CREATED","todo":{"id":1,"title":"Buy milk","done":false}}""", createdHook.Body);
        Assert.Equal("""{"action":"TODO_DELETED","todo":{"id":1}}""", deletedHook.Body);
        foreach (ReceivedRequest hook in new[] { createdHook, deletedHook })
        {
            Assert.Equal(("POST", "/hook"), (hook.Method, hook.Path));
            Assert.Contains(hook.Body, QuickStartReadme.Text);
            Assert.Equal(WebhookVerification.Valid, verifier.Verify(
                hook.Headers.GetValueOrDefault("webhook-id"), hook.Headers.GetValueOrDefault("webhook-timestamp"),
                hook.Headers.GetValueOrDefault("webhook-signature"), Encoding.UTF8.GetBytes(hook.Body)));
        }
        Assert.Equal(2, _receiver.Requests.Count);
    }

    [Fact]
    public async Task Without_the_README_setting_a_local_receiver_is_refused_with_the_setting_that_allows_it()
    {
        await using AppProcess app = await StartAppAsync(new Dictionary<string, string?>());
        using HttpClient client = new() { BaseAddress = new Uri(app.BaseUrl) };
        await SignInAsync(client);

        HttpResponseMessage refused = await client.PostAsJsonAsync("/api/webhooks/", new { url = _receiver.Url() });

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        string url = (string)(await refused.Content.ReadFromJsonAsync<JsonObject>())!["validation_errors"]!["url"]![0]!;
        Assert.Contains("add 127.0.0.0/8 or a subnet of it to Hooks:AllowedSubnets", url);
        Assert.Empty(_receiver.Requests);
    }

    /// <summary>Registers and logs in through Identity's endpoints, as the README does, and sends the token from then on.</summary>
    private static async Task SignInAsync(HttpClient client)
    {
        var account = new { email = "me@example.com", password = "Passw0rd!" };
        HttpResponseMessage registered = await client.PostAsJsonAsync("/register", account);
        Assert.True(registered.IsSuccessStatusCode, await registered.Content.ReadAsStringAsync());
        HttpResponseMessage login = await client.PostAsJsonAsync("/login", account);
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        string token = (string)(await login.Content.ReadFromJsonAsync<JsonObject>())!["accessToken"]!;
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
    }

    private Task<AppProcess> StartAppAsync(Dictionary<string, string?> environment) =>
        AppProcess.StartAsync(typeof(Todo).Assembly.Location, $"http://127.0.0.1:{Ports.Free()}", environment,
            readyPath: "/api/webhooks/info/", workingDirectory: _folder);
}
