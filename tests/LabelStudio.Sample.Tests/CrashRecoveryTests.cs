using System.Net.Http.Json;
using Hooks.Sdk.TestInfrastructure;
using static LabelStudio.Sample.Tests.SampleNodes;

namespace LabelStudio.Sample.Tests;

/// <summary>
/// The sample as its own process, killed with SIGKILL while clients create tasks, then restarted on the same data:
/// a task exists if and only if its TASKS_CREATED is delivered, because both commit in one transaction.
/// </summary>
public abstract class CrashRecoveryTests(DatabaseProvider provider)
{
    private const int Writers = 6;

    [Fact]
    public async Task Every_task_committed_before_a_kill_is_announced_and_no_announced_task_is_missing()
    {
        await using Receiver receiver = await Receiver.StartAsync();
        string data = Directory.CreateTempSubdirectory("label-studio-crash-").FullName;
        string? database = provider == DatabaseProvider.PostgreSql ? await (await PostgresServer.SharedAsync()).CreateDatabaseAsync("crash") : null;
        string baseUrl = $"http://127.0.0.1:{Ports.Free()}";
        AppProcess? sample = null;
        try
        {
            sample = await SampleNodes.StartAsync(data, database, baseUrl);
            using HttpClient client = Client(baseUrl);
            long project = await IdOfAsync(await client.PostAsJsonAsync("/api/projects/", new { title = "Crash" }));
            (await client.PostAsJsonAsync("/api/webhooks/", new { url = receiver.Url(), project })).EnsureSuccessStatusCode();

            for (int round = 0; round < 2; round++)
            {
                int before = TasksCreated(receiver.Requests).Count;
                using var stop = new CancellationTokenSource();
                Task[] writers = Enumerable.Range(0, Writers).Select(writer => WriteUntilStoppedAsync(baseUrl, project, writer, stop.Token)).ToArray();
                // Killed mid-stream: once deliveries are flowing, so writes are certainly in progress.
                await receiver.WaitForAsync(_ => TasksCreated(receiver.Requests).Count >= before + 30, TimeSpan.FromSeconds(60));
                await sample.KillAsync();
                await stop.CancelAsync();
                await Task.WhenAll(writers);
                await sample.DisposeAsync();
                sample = await SampleNodes.StartAsync(data, database, baseUrl);
            }

            HashSet<long> stored = await TaskIdsAsync(client, project);
            // Messages leased by a killed process are sent again once their (shortened) lease lapses.
            await receiver.WaitForAsync(_ => stored.IsSubsetOf(TasksCreated(receiver.Requests).Select(message => message.Task)), TimeSpan.FromSeconds(60));
            IReadOnlyList<(long Task, string MessageId)> announced = TasksCreated(receiver.Requests);
            Assert.True(stored.Count >= 60, $"only {stored.Count} tasks were created");
            Assert.DoesNotContain(announced, message => !stored.Contains(message.Task));
            // A message sent again after the kill is the same message: receivers deduplicate by webhook-id.
            Assert.All(announced.GroupBy(message => message.Task), copies => Assert.Single(copies.Select(copy => copy.MessageId).Distinct()));
        }
        finally
        {
            if (sample is not null)
            {
                await sample.DisposeAsync();
            }
            Directory.Delete(data, recursive: true);
        }
    }

    /// <summary>Creates tasks one after another until stopped or the server goes away.</summary>
    private static async Task WriteUntilStoppedAsync(string baseUrl, long project, int writer, CancellationToken stop)
    {
        using HttpClient client = Client(baseUrl);
        for (int index = 0; !stop.IsCancellationRequested; index++)
        {
            try
            {
                using HttpResponseMessage _ = await client.PostAsJsonAsync("/api/tasks/", new { project, data = new { text = $"{writer}-{index}" } }, stop);
            }
            catch (Exception exception) when (exception is HttpRequestException or OperationCanceledException)
            {
                return;
            }
        }
    }

}

public sealed class CrashRecoveryTestsOnSqlite() : CrashRecoveryTests(DatabaseProvider.Sqlite);

public sealed class CrashRecoveryTestsOnPostgreSql() : CrashRecoveryTests(DatabaseProvider.PostgreSql);
