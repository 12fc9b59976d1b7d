using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Hooks.Sdk.Receiving;
using Hooks.Sdk.Signatures;
using Hooks.Sdk.TestInfrastructure;
using Npgsql;
using static LabelStudio.Sample.Tests.SampleNodes;

namespace LabelStudio.Sample.Tests;

/// <summary>
/// Three sample processes on one PostgreSQL database, API calls spread over them, one killed with SIGKILL and
/// restarted while clients write: every committed task announced, copies only with the same webhook-id, each
/// project's messages in order, the webhook's cap never exceeded at the receiver, and a secret rotated on one node
/// signing what the others send.
/// </summary>
public sealed class ClusterTests
{
    private const int Nodes = 3;
    private const int Cap = 2;
    private const int Writers = 6;

    [Fact]
    public async Task Three_nodes_with_one_killed_deliver_every_task_in_order_within_the_cap_signed_with_the_rotated_secret()
    {
        await using Receiver receiver = await Receiver.StartAsync();
        int inFlight = 0;
        int mostInFlight = 0;
        receiver.Respond = async _ =>
        {
            int now = Interlocked.Increment(ref inFlight);
            int seen;
            while ((seen = Volatile.Read(ref mostInFlight)) < now && Interlocked.CompareExchange(ref mostInFlight, now, seen) != seen)
            {
            }
            await Task.Delay(5);
            Interlocked.Decrement(ref inFlight);
        };
        string database = await (await PostgresServer.SharedAsync()).CreateDatabaseAsync("cluster");
        string[] urls = Enumerable.Range(0, Nodes).Select(_ => $"http://127.0.0.1:{Ports.Free()}").ToArray();
        var nodes = new AppProcess?[Nodes];
        var data = Enumerable.Range(0, Nodes).Select(_ => Directory.CreateTempSubdirectory("label-studio-node-").FullName).ToArray();
        try
        {
            // The first start migrates and bootstraps; the others join the database it made.
            for (int node = 0; node < Nodes; node++)
            {
                nodes[node] = await StartNodeAsync(data[node], database, urls[node]);
            }
            using HttpClient first = Client(urls[0]);
            long[] projects =
            [
                await IdOfAsync(await first.PostAsJsonAsync("/api/projects/", new { title = "Cluster A" })),
                await IdOfAsync(await Client(urls[1]).PostAsJsonAsync("/api/projects/", new { title = "Cluster B" })),
            ];
            long webhook = await IdOfAsync(await first.PostAsJsonAsync("/api/webhooks/", new { url = receiver.Url() }));
            (await first.PostAsync($"/api/webhooks/{webhook}/secret/rotate/", null)).EnsureSuccessStatusCode();
            string secret = (string)(await first.GetFromJsonAsync<JsonObject>($"/api/webhooks/{webhook}/secret/"))!["key"]!;
            // The other nodes re-read a webhook at most once a second.
            await Task.Delay(TimeSpan.FromSeconds(2));
            int before = receiver.Requests.Count;

            using var stop = new CancellationTokenSource();
            Task[] writers = Enumerable.Range(0, Writers)
                .Select(writer => WriteUntilStoppedAsync(urls[writer % Nodes], projects[writer % projects.Length], writer, stop.Token)).ToArray();
            await receiver.WaitForAsync(received => TasksCreated(received).Count >= 60, TimeSpan.FromSeconds(60));
            await nodes[1]!.KillAsync();
            await nodes[1]!.DisposeAsync();
            nodes[1] = await StartNodeAsync(data[1], database, urls[1]);
            await receiver.WaitForAsync(received => TasksCreated(received).Count >= 150, TimeSpan.FromSeconds(60));
            await stop.CancelAsync();
            await Task.WhenAll(writers);

            HashSet<long> stored = [];
            foreach (long project in projects)
            {
                stored.UnionWith(await TaskIdsAsync(first, project));
            }
            await receiver.WaitForAsync(received => stored.IsSubsetOf(TasksCreated(received).Select(message => message.Task)), TimeSpan.FromSeconds(90));
            IReadOnlyList<ReceivedRequest> received = receiver.Requests;
            IReadOnlyList<(long Task, string MessageId)> announced = TasksCreated(received);
            Assert.True(stored.Count >= 150, $"only {stored.Count} tasks were created");
            Assert.DoesNotContain(announced, message => !stored.Contains(message.Task));
            Assert.All(announced.GroupBy(message => message.Task), copies => Assert.Single(copies.Select(copy => copy.MessageId).Distinct()));
            Assert.InRange(mostInFlight, 1, Cap);

            // Each project's messages reached the receiver (first arrival of each) in the order they were queued.
            Dictionary<string, (long Id, string Key)> queued = await QueuedAsync(database);
            foreach (IGrouping<string, string> key in received.Select(request => request.Headers["webhook-id"]).Distinct()
                .Where(queued.ContainsKey).GroupBy(id => queued[id].Key))
            {
                long[] order = key.Select(id => queued[id].Id).ToArray();
                Assert.Equal(order.Order(), order);
            }

            var verifier = new WebhookSignatureVerifier([WebhookSecret.Parse(secret)]);
            Assert.All(received.Skip(before), request => Assert.Equal(WebhookVerification.Valid, verifier.Verify(
                request.Headers["webhook-id"], request.Headers["webhook-timestamp"], request.Headers["webhook-signature"], Encoding.UTF8.GetBytes(request.Body))));
        }
        finally
        {
            foreach (AppProcess? node in nodes)
            {
                if (node is not null)
                {
                    await node.DisposeAsync();
                }
            }
            foreach (string directory in data)
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }

    private static Task<AppProcess> StartNodeAsync(string data, string database, string baseUrl) =>
        SampleNodes.StartAsync(data, database, baseUrl, new Dictionary<string, string?>
        {
            ["Hooks__MaxConcurrencyPerWebhook"] = Cap.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });

    private static async Task WriteUntilStoppedAsync(string baseUrl, long project, int writer, CancellationToken stop)
    {
        using HttpClient client = Client(baseUrl);
        for (int index = 0; !stop.IsCancellationRequested; index++)
        {
            try
            {
                using HttpResponseMessage _ = await client.PostAsJsonAsync("/api/tasks/", new { project, data = new { text = $"{writer}-{index}" } }, stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (HttpRequestException)
            {
                // Its node was killed: wait for it to come back.
                await Task.Delay(200, CancellationToken.None);
            }
        }
    }

    /// <summary>Each message's delivery row id and ordering key, as the outbox queued it.</summary>
    private static async Task<Dictionary<string, (long Id, string Key)>> QueuedAsync(string database)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT \"MessageId\", \"Id\", \"OrderingKey\" FROM webhook_delivery", connection);
        await using NpgsqlDataReader reader = await command.ExecuteReaderAsync();
        var queued = new Dictionary<string, (long, string)>();
        while (await reader.ReadAsync())
        {
            queued[reader.GetString(0)] = (reader.GetInt64(1), reader.GetString(2));
        }
        return queued;
    }

}
