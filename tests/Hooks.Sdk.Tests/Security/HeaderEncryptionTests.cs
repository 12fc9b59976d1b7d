using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Hooks.Sdk.Store;
using Hooks.Sdk.TestInfrastructure;
using Hooks.Sdk.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hooks.Sdk.Tests.Security;

/// <summary>A webhook's header values (an <c>Authorization</c> for the receiver, typically) are encrypted at rest and clear everywhere else.</summary>
public abstract class HeaderEncryptionTests(DatabaseProvider provider) : ProviderTests(provider)
{
    private const string Secret = "Bearer receiver-credential-7f3a9c";

    [Fact]
    public async Task Header_values_are_stored_encrypted_shown_and_sent_in_the_clear_and_stay_so_across_updates()
    {
        await using Receiver receiver = await Receiver.StartAsync();
        await using TestApp app = await StartAppAsync();
        HttpClient client = app.Client(1);
        HttpResponseMessage created = await client.PostAsJsonAsync("/api/webhooks/", new { url = receiver.Url("/hook"), headers = new Dictionary<string, string> { ["Authorization"] = Secret } });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        long id = (long)(await created.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
        Assert.Equal(HttpStatusCode.OK, (await client.PatchAsJsonAsync($"/api/webhooks/{id}/", new { send_payload = false })).StatusCode);

        Assert.DoesNotContain(Secret, await StoredHeadersAsync(app, id), StringComparison.Ordinal);
        Assert.Equal(Secret, (string?)(await client.GetFromJsonAsync<JsonObject>($"/api/webhooks/{id}/"))!["headers"]!["Authorization"]);
        Webhook webhook = (await app.WithScopeAsync(services => services.GetRequiredService<IWebhookStore>().GetManyAsync([id], CancellationToken.None))).Single();
        await app.WithEmitterAsync(emitter => emitter.RunWebhookAsync(webhook, "MAINTENANCE", null));
        Assert.Equal(Secret, Assert.Single(receiver.To("/hook")).Headers["Authorization"]);

        // Changing the headers writes the new value encrypted too.
        Assert.Equal(HttpStatusCode.OK, (await client.PatchAsJsonAsync($"/api/webhooks/{id}/", new { headers = new Dictionary<string, string> { ["Authorization"] = Secret + "-2" } })).StatusCode);
        Assert.DoesNotContain(Secret, await StoredHeadersAsync(app, id), StringComparison.Ordinal);
        Assert.Equal(Secret + "-2", (string?)(await client.GetFromJsonAsync<JsonObject>($"/api/webhooks/{id}/"))!["headers"]!["Authorization"]);
    }

    [Fact]
    public async Task A_value_stored_in_the_clear_before_encryption_still_reads_and_sends()
    {
        await using Receiver receiver = await Receiver.StartAsync();
        await using TestApp app = await StartAppAsync();
        // Written straight to the table, as a release before encryption stored it.
        Webhook legacy = await app.AddWebhookAsync(1, null, receiver.Url("/legacy"), webhook => webhook.Headers = new() { ["X-Token"] = "clear" });

        Assert.Equal("clear", (string?)(await app.Client(1).GetFromJsonAsync<JsonObject>($"/api/webhooks/{legacy.Id}/"))!["headers"]!["X-Token"]);
    }

    private static Task<string> StoredHeadersAsync(TestApp app, long id) => app.WithDbAsync(db =>
        db.Database.SqlQuery<string>($"SELECT \"Headers\" AS \"Value\" FROM webhook WHERE \"Id\" = {id}").SingleAsync());
}

public sealed class HeaderEncryptionTestsOnSqlite() : HeaderEncryptionTests(DatabaseProvider.Sqlite);

public sealed class HeaderEncryptionTestsOnPostgreSql() : HeaderEncryptionTests(DatabaseProvider.PostgreSql);
