using System.Globalization;
using Hooks.Sdk.TestInfrastructure;
using static Hooks.Sdk.Benchmarks.Load.SampleAppScenarios;

namespace Hooks.Sdk.Benchmarks.Load;

/// <summary>
/// Table 9: table 7's sample app on PostgreSQL (<c>ConnectionStrings__Default</c>), each configuration on a fresh
/// process and database of the test run's PostgreSQL server: its write rate with 1 webhook against none (the target
/// of issue 12, which SQLite's single writer bounds), the same configuration on SQLite, commit → arrival latency, and
/// delivery against Hangfire on the same PostgreSQL server (Hangfire.PostgreSql) given the same deliveries.
/// </summary>
public static class SamplePostgreSqlScenarios
{
    public static async IAsyncEnumerable<Figure> RunAsync(LoadSizes sizes)
    {
        PostgresServer server = await PostgresServer.SharedAsync();
        int tasks = sizes.SampleTasks;
        var none = new List<WriteRun>();
        var one = new List<WriteRun>();
        var sqlite = new List<WriteRun>();
        var hangfire = new List<PeerRun>();
        for (int round = 0; round < sizes.Rounds; round++)
        {
            none.Add(await WriteAsync(tasks, webhooks: 0, stalled: false, await server.CreateDatabaseAsync("bench")));
            one.Add(await WriteAsync(tasks, webhooks: 1, stalled: false, await server.CreateDatabaseAsync("bench")));
            sqlite.Add(await WriteAsync(tasks, webhooks: 1, stalled: false));
            hangfire.Add(await HangfirePeer.RunAsync(one[^1].Body!, WarmUpTasks, tasks, Clients, await server.CreateDatabaseAsync("hangfire")));
        }
        string of = $"{Clients} clients, {tasks:N0} tasks, median of {sizes.Rounds}";

        WriteRun single = Median(one, run => run.TasksPerSecond);
        yield return WriteRate("on PostgreSQL, 1 webhook vs none (issue 12's target ≥ 0.9)", single, Median(none, run => run.TasksPerSecond), of);
        yield return WriteRate("1 webhook, on PostgreSQL vs on SQLite", single, Median(sqlite, run => run.TasksPerSecond), of);

        double[] latencies = one.SelectMany(run => run.LatenciesMs).Order().ToArray();
        double[] sqliteLatencies = sqlite.SelectMany(run => run.LatenciesMs).Order().ToArray();
        double p50 = DispatchScenarios.Percentile(latencies, 0.50);
        double p99 = DispatchScenarios.Percentile(latencies, 0.99);
        yield return new Figure(p50 / 10, "sample app on PostgreSQL, 1 webhook: commit → arrival of its TASKS_CREATED, p50 / 10 ms (issue 12's targets p50 ≤ 10 ms, p99 ≤ 50 ms)",
            string.Create(CultureInfo.InvariantCulture,
                $"p50 {p50:0.0} ms, p99 {p99:0.0} ms over {latencies.Length:N0} tasks at {single.TasksPerSecond:0} tasks/s; on SQLite p50 {DispatchScenarios.Percentile(sqliteLatencies, 0.50):0.0} ms, p99 {DispatchScenarios.Percentile(sqliteLatencies, 0.99):0.0} ms"));

        yield return AgainstHangfire("sample app on PostgreSQL (1 webhook) vs Hangfire on PostgreSQL", one, hangfire, p50, p99, tasks, sizes.Rounds);
    }
}
