using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Hooks.Sdk.Emitting;
using Hooks.Sdk.TestInfrastructure;
using Hooks.Sdk.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Hooks.Sdk.Tests.Filters;

/// <summary>
/// With the durable outbox, a decorated action's change and its messages commit in one transaction of the app's
/// DbContext, written without the app's change tracker; the dispatcher is woken by the commit, not by a poll.
/// </summary>
public abstract class AtomicEmissionTests(DatabaseProvider provider) : ProviderTests(provider), IAsyncLifetime
{
    private Receiver _receiver = null!;

    public async Task InitializeAsync() => _receiver = await Receiver.StartAsync();

    public async Task DisposeAsync() => await _receiver.DisposeAsync();

    /// <summary>Background delivery that polls once an hour: only a wake-up at commit delivers within a test.</summary>
    private static Action<WebhookOptions> Durable(bool emitInTransaction = true) => options =>
    {
        options.Delivery = WebhookDeliveryMode.Background;
        options.PollInterval = TimeSpan.FromHours(1);
        options.EmitInTransaction = emitInTransaction;
    };

    [Theory]
    [InlineData("/items")]
    [InlineData("/minimal/items")]
    public async Task The_change_and_its_message_commit_together_and_the_commit_wakes_the_dispatcher(string route)
    {
        await using TestApp app = await StartAppAsync(Durable());
        TestProject project = await app.AddProjectAsync(1);
        await app.AddWebhookAsync(1, project.Id, _receiver.Url());

        HttpResponseMessage response = await app.Client().PostAsJsonAsync(route, new { projectId = project.Id, name = "stored name" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        ReceivedRequest delivered = Assert.Single(await _receiver.WaitForAsync(received => received.Count == 1));
        Assert.Equal("stored name", (string?)delivered.Json["item"]!["name"]);
        // The controller changes its tracked item after saving; writing the message must not save that change.
        Assert.Equal(["stored name"], await app.WithDbAsync(db => db.Items.Select(item => item.Name).ToListAsync()));
    }

    [Theory]
    [InlineData("/items")]
    [InlineData("/minimal/items")]
    public async Task When_the_message_cannot_be_written_the_change_is_rolled_back_and_the_answer_is_a_problem(string route)
    {
        await using TestApp app = await StartAppAsync(Durable());
        TestProject project = await app.AddProjectAsync(1);
        await app.AddWebhookAsync(1, project.Id, _receiver.Url());
        long kept = await CreateAsync(app, project, "kept");
        await BreakOutboxAsync(app);

        HttpResponseMessage created = await app.Client().PostAsJsonAsync(route, new { projectId = project.Id, name = "never stored" });
        HttpResponseMessage deleted = await app.Client().DeleteAsync($"{route}/{kept}");

        foreach (HttpResponseMessage response in new[] { created, deleted })
        {
            Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            JsonObject problem = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
            Assert.Equal("The change was not saved because its webhook event could not be written.", (string?)problem["title"]);
        }
        Assert.Equal(["kept"], await app.WithDbAsync(db => db.Items.Select(item => item.Name).ToListAsync()));
        Assert.Contains(app.Logs.AtLeast(LogLevel.Error), message => message.Contains("could not be written, so the change was rolled back"));
    }

    [Fact]
    public async Task With_EmitInTransaction_off_the_change_commits_first_as_in_Label_Studio()
    {
        await using TestApp app = await StartAppAsync(Durable(emitInTransaction: false));
        TestProject project = await app.AddProjectAsync(1);
        await app.AddWebhookAsync(1, project.Id, _receiver.Url());
        await BreakOutboxAsync(app);

        HttpResponseMessage response = await app.Client().PostAsJsonAsync("/items", new { projectId = project.Id, name = "stored anyway" });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(["stored anyway"], await app.WithDbAsync(db => db.Items.Select(item => item.Name).ToListAsync()));
        Assert.Contains(app.Logs.AtLeast(LogLevel.Error), message => message.Contains("ITEM_CREATED after /items could not be emitted"));
    }

    [Fact]
    public async Task The_typed_helpers_join_the_app_s_own_transaction()
    {
        await using TestApp app = await StartAppAsync(Durable());
        TestProject project = await app.AddProjectAsync(1);
        await app.AddWebhookAsync(1, project.Id, _receiver.Url());

        await EmitInTransactionAsync(app, project, "rolled back", commit: false);
        await EmitInTransactionAsync(app, project, "committed", commit: true);

        ReceivedRequest delivered = Assert.Single(await _receiver.WaitForAsync(received => received.Count == 1));
        Assert.Equal("committed", (string?)delivered.Json["item"]!["name"]);
        Assert.Single(await app.DeliveriesAsync());
    }

    [Fact]
    public async Task One_event_to_many_webhooks_stores_each_body_once()
    {
        await using TestApp app = await StartAppAsync(Durable());
        TestProject project = await app.AddProjectAsync(1);
        for (int index = 0; index < 10; index++)
        {
            await app.AddWebhookAsync(1, project.Id, _receiver.Url($"/full/{index}"));
            await app.AddWebhookAsync(1, project.Id, _receiver.Url($"/bare/{index}"), webhook => webhook.SendPayload = false);
        }

        await CreateAsync(app, project, "fanned out");

        await _receiver.WaitForAsync(received => received.Count == 20);
        Assert.Equal(20, (await app.DeliveriesAsync()).Count);
        // The full payload once, and Label Studio's {"action": ...} for webhooks that send no payload, once.
        Assert.Equal(2, await app.WithDbAsync(db => db.Database.SqlQueryRaw<int>("SELECT COUNT(*) AS \"Value\" FROM webhook_payload").SingleAsync()));
        Assert.All(_receiver.Requests.Where(request => request.Path.StartsWith("/bare/", StringComparison.Ordinal)), request => Assert.Equal("""{"action":"ITEM_CREATED"}""", request.Body));
    }

    private static async Task EmitInTransactionAsync(TestApp app, TestProject project, string name, bool commit) => await app.WithScopeAsync(async services =>
    {
        TestDbContext db = services.GetRequiredService<TestDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync();
        var item = new TestItem { ProjectId = project.Id, Name = name };
        db.Items.Add(item);
        await db.SaveChangesAsync();
        await TestActions.EmitItemCreatedAsync(services.GetRequiredService<IWebhookEmitter>(), 1, item);
        if (commit)
        {
            await transaction.CommitAsync();
        }
    });

    private static async Task<long> CreateAsync(TestApp app, TestProject project, string name)
    {
        HttpResponseMessage response = await app.Client().PostAsJsonAsync("/items", new { projectId = project.Id, name });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (long)(await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
    }

    /// <summary>A real failure of the outbox's write, from the database itself.</summary>
    private Task BreakOutboxAsync(TestApp app) => app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(Provider == DatabaseProvider.Sqlite
        ? "CREATE TRIGGER outbox_unavailable BEFORE INSERT ON webhook_delivery BEGIN SELECT RAISE(ABORT, 'outbox unavailable'); END;"
        : "CREATE FUNCTION outbox_unavailable() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'outbox unavailable'; END $$; "
            + "CREATE TRIGGER outbox_unavailable BEFORE INSERT ON webhook_delivery FOR EACH ROW EXECUTE FUNCTION outbox_unavailable();"));
}

public sealed class AtomicEmissionTestsOnSqlite() : AtomicEmissionTests(DatabaseProvider.Sqlite);

public sealed class AtomicEmissionTestsOnPostgreSql() : AtomicEmissionTests(DatabaseProvider.PostgreSql);
