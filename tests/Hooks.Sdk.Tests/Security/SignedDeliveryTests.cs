using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Hooks.Sdk.Receiving;
using Hooks.Sdk.Signatures;
using Hooks.Sdk.Store;
using Hooks.Sdk.TestInfrastructure;
using Hooks.Sdk.Tests.Catalogue;
using Hooks.Sdk.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace Hooks.Sdk.Tests.Security;

/// <summary>Every webhook created through the API gets a secret, and every message to it is signed (Standard Webhooks).</summary>
public sealed class SignedDeliveryTests
{
    [Fact]
    public async Task Messages_verify_with_the_secret_the_api_shows_and_the_secret_stays_private()
    {
        await using Receiver receiver = await Receiver.StartAsync();
        await using TestApp app = await TestApp.StartAsync();
        HttpClient client = app.Client(1);
        long id = await CreateAsync(client, receiver.Url());

        string key = await SecretAsync(client, id);
        await EmitAsync(app);

        ReceivedRequest delivered = Assert.Single(receiver.Requests);
        Assert.Equal(WebhookVerification.Valid, Verify([key], delivered));
        Assert.StartsWith("whsec_", key);
        Assert.DoesNotContain(key, await client.GetStringAsync($"/api/webhooks/{id}/"));
        Assert.DoesNotContain(key, (await app.FindWebhookAsync(id))!.ProtectedSecret);
        Assert.DoesNotContain(app.Logs.Entries, entry => entry.Message.Contains(key["whsec_".Length..]));
        Assert.Equal(HttpStatusCode.NotFound, (await app.Client(2).GetAsync($"/api/webhooks/{id}/secret/")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await app.Client(2).PostAsync($"/api/webhooks/{id}/secret/rotate/", null)).StatusCode);
    }

    [Fact]
    public async Task After_a_rotation_both_secrets_sign_until_the_overlap_ends()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using Receiver receiver = await Receiver.StartAsync();
        await using TestApp app = await TestApp.StartAsync(timeProvider: time);
        HttpClient client = app.Client(1);
        long id = await CreateAsync(client, receiver.Url());
        string old = await SecretAsync(client, id);

        HttpResponseMessage rotated = await client.PostAsync($"/api/webhooks/{id}/secret/rotate/", null);
        string current = (string)(await rotated.Content.ReadFromJsonAsync<JsonObject>())!["key"]!;
        await EmitAsync(app);
        ReceivedRequest during = receiver.Requests[0];
        Assert.Equal(2, during.Headers["webhook-signature"].Split(' ').Length);
        Assert.Equal(WebhookVerification.Valid, Verify([old], during, time));
        Assert.Equal(WebhookVerification.Valid, Verify([current], during, time));

        time.Advance(TimeSpan.FromHours(24) + TimeSpan.FromSeconds(1));
        await EmitAsync(app);

        Assert.NotEqual(old, current);
        Assert.Equal(current, await SecretAsync(client, id));
        ReceivedRequest after = receiver.Requests[1];
        Assert.Single(after.Headers["webhook-signature"].Split(' '));
        Assert.Equal(WebhookVerification.NoMatchingSignature, Verify([old], after, time));
        Assert.Equal(WebhookVerification.Valid, Verify([current], after, time));
    }

    [Fact]
    public async Task Webhooks_imported_without_a_secret_stay_unsigned_until_one_is_asked_for()
    {
        await using Receiver receiver = await Receiver.StartAsync();
        await using TestApp app = await TestApp.StartAsync();
        Webhook imported = await app.AddWebhookAsync(1, null, receiver.Url());

        await EmitAsync(app);
        string key = await SecretAsync(app.Client(1), imported.Id);
        await EmitAsync(app);

        Assert.False(receiver.Requests[0].Headers.ContainsKey("webhook-signature"));
        Assert.StartsWith("msg_", receiver.Requests[0].Headers["webhook-id"]);
        Assert.Equal(WebhookVerification.Valid, Verify([key], receiver.Requests[1]));
    }

    private static WebhookVerification Verify(string[] keys, ReceivedRequest request, TimeProvider? time = null) =>
        new WebhookSignatureVerifier(keys.Select(WebhookSecret.Parse), time).Verify(
            request.Headers["webhook-id"], request.Headers["webhook-timestamp"], request.Headers.GetValueOrDefault("webhook-signature"), Encoding.UTF8.GetBytes(request.Body));

    private static async Task<long> CreateAsync(HttpClient client, string url)
    {
        HttpResponseMessage response = await client.PostAsJsonAsync("/api/webhooks/", new { url });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (long)(await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
    }

    private static async Task<string> SecretAsync(HttpClient client, long id) =>
        (string)(await client.GetFromJsonAsync<JsonObject>($"/api/webhooks/{id}/secret/"))!["key"]!;

    private static Task EmitAsync(TestApp app) =>
        app.WithEmitterAsync(emitter => OtherActions.EmitSomethingHappenedAsync(emitter, 1, projectId: null, new JsonObject { ["something"] = "signed" }).AsTask());
}
