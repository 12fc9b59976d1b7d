using System.Diagnostics;
using System.Globalization;
using Hooks.Sdk.Benchmarks.Infrastructure;
using Hooks.Sdk.TestInfrastructure;

namespace Hooks.Sdk.Benchmarks.Load;

/// <summary>
/// Table 8: dispatch from one outbox by 1, 2 and 3 dispatcher processes on one PostgreSQL database, and one process on
/// SQLite against one on PostgreSQL. The backlog (100 webhooks, one key each, the dispatch scenario's bodies) is
/// written by this process, not yet due; the dispatchers are children of it, started and ready before the backlog is
/// released with one notification, and each reports the CPU time it spent from the release until nothing was left. All of them, the
/// database and the receiver share this machine's cores, so the figures show contention and correctness, not how
/// the cluster scales on more hardware; the CPU per delivery tells that.
/// </summary>
public static class ClusterScenario
{
    public const string ChildSwitch = "--dispatch-child";
    public const string ServeSwitch = "--serve-child";
    private const string ReadyLine = "ready";
    private const string CpuPrefix = "cpu-microseconds ";
    private const int Webhooks = 100;

    public static async IAsyncEnumerable<Figure> RunAsync(LoadSizes sizes)
    {
        await using LoadReceiver receiver = await LoadReceiver.StartAsync();
        PostgresServer server = await PostgresServer.SharedAsync();
        int messages = sizes.Messages;
        var sqlite = new List<Run>();
        var one = new List<Run>();
        var two = new List<Run>();
        var three = new List<Run>();
        for (int round = 0; round < sizes.Rounds; round++)
        {
            using (var file = new BenchDatabase())
            {
                sqlite.Add(await RunAsync(receiver, file.ConnectionString, nodes: 1, messages));
            }
            one.Add(await RunAsync(receiver, await server.CreateDatabaseAsync("bench"), nodes: 1, messages));
            two.Add(await RunAsync(receiver, await server.CreateDatabaseAsync("bench"), nodes: 2, messages));
            three.Add(await RunAsync(receiver, await server.CreateDatabaseAsync("bench"), nodes: 3, messages));
        }
        string of = string.Create(CultureInfo.InvariantCulture, $"{messages:N0} messages to {Webhooks} webhooks, median of {sizes.Rounds}");
        yield return Compare("dispatch on PostgreSQL vs SQLite, one process", Median(one), Median(sqlite), of);
        yield return Compare("dispatch, 2 processes vs 1 on one PostgreSQL (target ≥ 1.0; CPU per delivery within 1.2×)", Median(two), Median(one), of);
        yield return Compare("dispatch, 3 processes vs 1 on one PostgreSQL", Median(three), Median(one), of);

        double[] local = await LocalLatencyAsync(receiver, await server.CreateDatabaseAsync("bench"), sizes.LatencyMessages);
        double[] remote = await RemoteLatencyAsync(receiver, await server.CreateDatabaseAsync("bench"), nodes: 2, sizes.LatencyMessages);
        double localP50 = DispatchScenarios.Percentile(local, 0.50);
        double remoteP50 = DispatchScenarios.Percentile(remote, 0.50);
        yield return new Figure(remoteP50 / localP50,
            "commit → arrival on PostgreSQL, written on a node that does not dispatch, 2 dispatcher processes, vs one process writing and dispatching, p50 (target ≤ 2)",
            string.Create(CultureInfo.InvariantCulture,
                $"p50 {remoteP50:0.0} vs {localP50:0.0} ms, p99 {DispatchScenarios.Percentile(remote, 0.99):0.0} vs {DispatchScenarios.Percentile(local, 0.99):0.0} ms, {sizes.LatencyMessages} messages at about 100/s"));
    }

    /// <summary>In the child: dispatches from <paramref name="connectionString"/> until its standard input closes.</summary>
    public static async Task<int> ServeChildAsync(string connectionString)
    {
        await using DispatchRig rig = await DispatchRig.StartAsync(connectionString: connectionString);
        Console.WriteLine(ReadyLine);
        await Console.In.ReadToEndAsync();
        return 0;
    }

    /// <summary>One process writes and dispatches: its own commit wakes its dispatcher.</summary>
    private static async Task<double[]> LocalLatencyAsync(LoadReceiver receiver, string connectionString, int messages)
    {
        await using DispatchRig rig = await DispatchRig.StartAsync(connectionString: connectionString);
        await rig.AddWebhooksAsync([$"{receiver.BaseUrl}/timed/0"]);
        return await TrickleAsync(receiver, rig, messages, 1_000_000);
    }

    /// <summary>This process only writes; <paramref name="nodes"/> children dispatch, woken by PostgreSQL's notifications.</summary>
    private static async Task<double[]> RemoteLatencyAsync(LoadReceiver receiver, string connectionString, int nodes, int messages)
    {
        DispatchRig writer = await DispatchRig.StartAsync(options => options.Delivery = WebhookDeliveryMode.Inline, connectionString);
        await using (writer.ConfigureAwait(false))
        {
            await writer.AddWebhooksAsync([$"{receiver.BaseUrl}/timed/0"]);
            var children = new List<Process>();
            try
            {
                for (int node = 0; node < nodes; node++)
                {
                    ProcessStartInfo start = ChildStart(connectionString, ServeSwitch);
                    start.RedirectStandardInput = true;
                    Process child = Process.Start(start) ?? throw new InvalidOperationException("A dispatching process did not start.");
                    children.Add(child);
                    while (await child.StandardOutput.ReadLineAsync() is { } line && line != ReadyLine)
                    {
                    }
                }
                return await TrickleAsync(receiver, writer, messages, 2_000_000);
            }
            finally
            {
                foreach (Process child in children)
                {
                    child.StandardInput.Close();
                    await child.WaitForExitAsync();
                    child.Dispose();
                }
            }
        }
    }

    /// <summary>
    /// Writes <paramref name="messages"/> due messages about 100 a second, after as many again unmeasured that warm the
    /// fresh processes up; each measured one's commit → arrival, in ms.
    /// </summary>
    private static async Task<double[]> TrickleAsync(LoadReceiver receiver, DispatchRig rig, int messages, long firstItem)
    {
        var committed = new Dictionary<long, long>();
        for (long item = firstItem - messages; item < firstItem + messages; item++)
        {
            await rig.WriteDueAsync(item);
            if (item >= firstItem)
            {
                committed[item] = Stopwatch.GetTimestamp();
            }
            await Task.Delay(10);
        }
        long deadline = Stopwatch.GetTimestamp();
        while (committed.Keys.Any(item => !receiver.Arrivals.ContainsKey(item)) && Stopwatch.GetElapsedTime(deadline) < TimeSpan.FromSeconds(60))
        {
            await Task.Delay(10);
        }
        return committed.Select(entry => Stopwatch.GetElapsedTime(entry.Value, receiver.Arrivals[entry.Key]).TotalMilliseconds).Order().ToArray();
    }

    /// <summary>In the child: dispatches from <paramref name="connectionString"/> until nothing is pending, then prints its CPU time.</summary>
    public static async Task<int> RunChildAsync(string connectionString)
    {
        TimeSpan atRelease;
        using Process self = Process.GetCurrentProcess();
        await using (DispatchRig rig = await DispatchRig.StartAsync(connectionString: connectionString))
        {
            Console.WriteLine(ReadyLine);
            // Wait for the release, then for the drain.
            while (!await rig.AnyDueAsync())
            {
                await Task.Delay(20);
            }
            // From the release on: the process's start, its JIT of start-up code and the wait are not the delivery's.
            self.Refresh();
            atRelease = self.TotalProcessorTime;
            while (await rig.PendingAsync() > 0)
            {
                await Task.Delay(50);
            }
        }
        self.Refresh();
        Console.WriteLine(CpuPrefix + (self.TotalProcessorTime - atRelease).TotalMicroseconds.ToString(CultureInfo.InvariantCulture));
        return 0;
    }

    private static async Task<Run> RunAsync(LoadReceiver receiver, string connectionString, int nodes, int messages)
    {
        DispatchRig seeder = await DispatchRig.StartAsync(options => options.Delivery = WebhookDeliveryMode.Inline, connectionString);
        await using (seeder.ConfigureAwait(false))
        {
            long[] webhooks = await seeder.AddWebhooksAsync(Enumerable.Range(0, Webhooks).Select(index => $"{receiver.BaseUrl}/ok/{index}"));
            await seeder.SeedAsync(webhooks, messages, DispatchScenarios.Body);
            var children = new List<Process>();
            try
            {
                for (int node = 0; node < nodes; node++)
                {
                    Process child = Process.Start(ChildStart(connectionString, ChildSwitch)) ?? throw new InvalidOperationException("A dispatching process did not start.");
                    children.Add(child);
                    // Started and listening before anything is due.
                    while (await child.StandardOutput.ReadLineAsync() is { } line && line != ReadyLine)
                    {
                    }
                }
                int before = receiver.Ok;
                long start = Stopwatch.GetTimestamp();
                await seeder.ReleaseAsync();
                await receiver.WaitForOkAsync(before + messages, TimeSpan.FromMinutes(10));
                TimeSpan elapsed = Stopwatch.GetElapsedTime(start);
                double cpu = 0;
                foreach (Process child in children)
                {
                    string output = await child.StandardOutput.ReadToEndAsync();
                    await child.WaitForExitAsync();
                    string? line = output.Split('\n').FirstOrDefault(candidate => candidate.StartsWith(CpuPrefix, StringComparison.Ordinal));
                    if (child.ExitCode != 0 || line is null)
                    {
                        throw new InvalidOperationException($"A dispatching process failed (exit {child.ExitCode}): {output}");
                    }
                    cpu += double.Parse(line[CpuPrefix.Length..], CultureInfo.InvariantCulture);
                }
                return new Run(messages / elapsed.TotalSeconds, cpu / messages);
            }
            finally
            {
                foreach (Process child in children)
                {
                    if (!child.HasExited)
                    {
                        child.Kill();
                    }
                    child.Dispose();
                }
            }
        }
    }

    private static Figure Compare(string what, Run value, Run reference, string of) =>
        new(value.PerSecond / reference.PerSecond, what, string.Create(CultureInfo.InvariantCulture,
            $"{value.PerSecond:0} vs {reference.PerSecond:0} deliveries/s, {value.CpuMicroseconds:0} vs {reference.CpuMicroseconds:0} µs of dispatcher CPU per delivery (all processes), {of}"));

    private static Run Median(List<Run> runs) => runs.OrderBy(run => run.PerSecond).ElementAt(runs.Count / 2);

    private static ProcessStartInfo ChildStart(string connectionString, string mode)
    {
        string host = Environment.ProcessPath!;
        var start = new ProcessStartInfo(host) { RedirectStandardOutput = true, UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(host) == "dotnet")
        {
            start.ArgumentList.Add(typeof(ClusterScenario).Assembly.Location);
        }
        start.ArgumentList.Add(mode);
        start.ArgumentList.Add(connectionString);
        return start;
    }

    /// <summary>A measured rate, and the dispatching processes' CPU time (all their threads) per delivery.</summary>
    private sealed record Run(double PerSecond, double CpuMicroseconds);
}
