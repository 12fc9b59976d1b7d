using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Hooks.Sdk;
using Hooks.Sdk.TestInfrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace LabelStudio.Sample.Tests;

/// <summary>The sample's default delivery: the durable outbox and dispatcher, with Label Studio's settings.</summary>
public abstract class BackgroundDeliveryTests(DatabaseProvider provider)
{
    [Fact]
    public async Task By_default_events_go_through_the_outbox_with_a_stable_webhook_id()
    {
        await using Receiver receiver = await Receiver.StartAsync();
        await using var sample = await SampleFactory.CreateAsync(provider, new Dictionary<string, string?> { ["WEBHOOK_DELIVERY"] = null, ["WEBHOOK_RETRY_SCHEDULE"] = "500ms, 2s,1m ,1h" });
        HttpClient client = sample.Client();
        await client.PostAsJsonAsync("/api/webhooks/", new { url = receiver.Url() });

        HttpResponseMessage created = await client.PostAsJsonAsync("/api/projects/", new { title = "Durable" });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        ReceivedRequest delivered = Assert.Single(await receiver.WaitForAsync(received => received.Count == 1));
        Assert.Equal("PROJECT_CREATED", (string?)delivered.Json["action"]);
        Assert.StartsWith("msg_", delivered.Headers["webhook-id"]);
        WebhookOptions options = sample.Services.GetRequiredService<IOptions<WebhookOptions>>().Value;
        Assert.Equal(WebhookDeliveryMode.Background, options.Delivery);
        Assert.Equal([TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(2), TimeSpan.FromMinutes(1), TimeSpan.FromHours(1)], options.RetrySchedule);
        using IServiceScope scope = sample.Services.CreateScope();
        Assert.Equal(provider == DatabaseProvider.PostgreSql ? "Npgsql.EntityFrameworkCore.PostgreSQL" : "Microsoft.EntityFrameworkCore.Sqlite",
            scope.ServiceProvider.GetRequiredService<LabelStudio.Sample.Data.SampleDbContext>().Database.ProviderName);
    }

    [Fact]
    public async Task The_data_manager_actions_and_the_import_commit_with_their_events()
    {
        await using Receiver receiver = await Receiver.StartAsync();
        await using var sample = await SampleFactory.CreateAsync(provider, new Dictionary<string, string?> { ["WEBHOOK_DELIVERY"] = null });
        HttpClient client = sample.Client();
        long project = await IdOfAsync(await client.PostAsJsonAsync("/api/projects/", new { title = "Bulk" }));
        (await client.PostAsJsonAsync("/api/webhooks/", new { url = receiver.Url(), project })).EnsureSuccessStatusCode();

        (await client.PostAsJsonAsync($"/api/projects/{project}/import", new[] { new { text = "a" }, new { text = "b" } })).EnsureSuccessStatusCode();
        await receiver.WaitForAsync(received => Actions(received).Contains("TASKS_CREATED"));
        long[] tasks = Ids(receiver.Requests.Single(request => (string?)request.Json["action"] == "TASKS_CREATED").Json["tasks"]!);
        foreach (long task in tasks)
        {
            (await client.PostAsJsonAsync("/api/predictions/", new { task, result = new[] { new { p = task } } })).EnsureSuccessStatusCode();
        }
        // The tasks the action reads are tracked by the app's context while the outbox writes: it must not save them.
        HttpResponseMessage converted = await client.PostAsJsonAsync($"/api/dm/actions?id=predictions_to_annotations&project={project}", new { selectedItems = new { all = true } });
        await receiver.WaitForAsync(requests => Actions(requests).Contains("ANNOTATIONS_CREATED"));
        HttpResponseMessage deleted = await client.PostAsJsonAsync($"/api/dm/actions?id=delete_tasks&project={project}", new { selectedItems = new { all = true } });

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (converted.StatusCode, deleted.StatusCode));
        IReadOnlyList<ReceivedRequest> received = await receiver.WaitForAsync(requests => Actions(requests).Contains("TASKS_DELETED"));
        Assert.Equal(["TASKS_CREATED", "ANNOTATIONS_CREATED", "TASKS_DELETED"], Actions(received).Where(action => action != "TASK_COMPLETED" && action != "PROJECT_COMPLETED"));
        JsonObject annotations = received.Single(request => (string?)request.Json["action"] == "ANNOTATIONS_CREATED").Json;
        Assert.Equal(tasks, Ids(annotations["task"]!));
        Assert.Equal(tasks, Ids(received.Single(request => (string?)request.Json["action"] == "TASKS_DELETED").Json["tasks"]!));
    }

    private static string[] Actions(IReadOnlyList<ReceivedRequest> requests) => requests.Select(request => (string)request.Json["action"]!).ToArray();

    private static long[] Ids(JsonNode items) => items.AsArray().Select(item => (long)item!["id"]!).ToArray();

    private static async Task<long> IdOfAsync(HttpResponseMessage response)
    {
        response.EnsureSuccessStatusCode();
        return (long)(await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
    }
}

public sealed class BackgroundDeliveryTestsOnSqlite() : BackgroundDeliveryTests(DatabaseProvider.Sqlite);

public sealed class BackgroundDeliveryTestsOnPostgreSql() : BackgroundDeliveryTests(DatabaseProvider.PostgreSql);
