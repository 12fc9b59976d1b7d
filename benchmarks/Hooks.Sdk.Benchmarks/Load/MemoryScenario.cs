using System.Diagnostics;
using System.Globalization;
using Hooks.Sdk.Benchmarks.Infrastructure;

namespace Hooks.Sdk.Benchmarks.Load;

/// <summary>
/// Table 6: the peak working set of a process that only dispatches, draining a large backlog, against the same
/// process draining a small one. The backlog is written by this process; the dispatching one is a child, so that its
/// peak is its own.
/// </summary>
public static class MemoryScenario
{
    public const string ChildSwitch = "--memory-child";
    private const string PeakPrefix = "peak-working-set ";

    public static async IAsyncEnumerable<Figure> RunAsync(LoadSizes sizes)
    {
        await using LoadReceiver receiver = await LoadReceiver.StartAsync();
        long small = await PeakAsync(receiver, sizes.MemoryBaselineMessages);
        long large = await PeakAsync(receiver, sizes.MemoryMessages);
        yield return new Figure((double)large / small,
            string.Create(CultureInfo.InvariantCulture, $"dispatcher peak working set, {sizes.MemoryMessages:N0} due vs {sizes.MemoryBaselineMessages:N0} due"),
            string.Create(CultureInfo.InvariantCulture, $"{large / 1048576.0:0.0} MB vs {small / 1048576.0:0.0} MB"));
    }

    /// <summary>In the child: releases the backlog, waits until it is drained, and prints the process's peak working set.</summary>
    public static async Task<int> RunChildAsync(string connectionString)
    {
        await using (DispatchRig rig = await DispatchRig.StartAsync(connectionString: connectionString))
        {
            await rig.ReleaseAsync();
            while (await rig.PendingAsync() > 0)
            {
                await Task.Delay(250);
            }
        }
        using Process self = Process.GetCurrentProcess();
        Console.WriteLine(PeakPrefix + self.PeakWorkingSet64.ToString(CultureInfo.InvariantCulture));
        return 0;
    }

    private static async Task<long> PeakAsync(LoadReceiver receiver, int messages)
    {
        using var database = new BenchDatabase();
        await using (DispatchRig rig = await DispatchRig.StartAsync(connectionString: database.ConnectionString))
        {
            long[] webhooks = await rig.AddWebhooksAsync(Enumerable.Range(0, 100).Select(index => $"{receiver.BaseUrl}/ok/{index}"));
            await rig.SeedAsync(webhooks, messages, DispatchScenarios.Body);
        }
        int before = receiver.Ok;
        using Process child = Process.Start(ChildStart(database.ConnectionString))
            ?? throw new InvalidOperationException("The dispatching process did not start.");
        string output = await child.StandardOutput.ReadToEndAsync();
        await child.WaitForExitAsync();
        string? line = output.Split('\n').FirstOrDefault(candidate => candidate.StartsWith(PeakPrefix, StringComparison.Ordinal));
        if (child.ExitCode != 0 || line is null || receiver.Ok - before < messages)
        {
            throw new InvalidOperationException($"The dispatching process failed (exit {child.ExitCode}, {receiver.Ok - before} of {messages} delivered): {output}");
        }
        return long.Parse(line[PeakPrefix.Length..], CultureInfo.InvariantCulture);
    }

    private static ProcessStartInfo ChildStart(string connectionString)
    {
        string host = Environment.ProcessPath!;
        var start = new ProcessStartInfo(host) { RedirectStandardOutput = true, UseShellExecute = false };
        // Under `dotnet Hooks.Sdk.Benchmarks.dll` the process is the dotnet host, which needs the assembly first.
        if (Path.GetFileNameWithoutExtension(host) == "dotnet")
        {
            start.ArgumentList.Add(typeof(MemoryScenario).Assembly.Location);
        }
        start.ArgumentList.Add(ChildSwitch);
        start.ArgumentList.Add(connectionString);
        return start;
    }
}
