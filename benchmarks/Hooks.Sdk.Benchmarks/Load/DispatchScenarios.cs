using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;

namespace Hooks.Sdk.Benchmarks.Load;

/// <summary>
/// Tables 3 and 4: deliveries per second from the outbox to a loopback receiver that answers at once, against a
/// plain <see cref="HttpClient"/> loop posting the same bodies with the same concurrency and no database; latency from
/// commit to arrival; and the same throughput while another webhook's receiver never answers.
/// </summary>
public static class DispatchScenarios
{
    private const int Webhooks = 100;

    // An ITEM_CREATED message of typical size (about 1 KB), as the emitter writes it.
    internal static readonly byte[] Body = Encoding.UTF8.GetBytes(
        $$$"""{"action":"ITEM_CREATED","item":{"id":1,"project_id":1,"name":"{{{new string('x', 900)}}}"},"project":{"id":1,"organization_id":1,"title":"Project"}}""");

    public static async IAsyncEnumerable<Figure> RunAsync(LoadSizes sizes)
    {
        await using LoadReceiver receiver = await LoadReceiver.StartAsync();
        WebhookOptions defaults = new();

        var single = new List<Run>();
        var singleCeiling = new List<Run>();
        var fanOut = new List<Run>();
        var fanOutCeiling = new List<Run>();
        var isolated = new List<Run>();
        for (int round = 0; round < sizes.Rounds; round++)
        {
            singleCeiling.Add(await CeilingAsync(receiver, 1, defaults.MaxConcurrencyPerWebhook, sizes.Messages));
            single.Add(await DispatchAsync(receiver, 1, sizes.Messages, stalled: false));
            fanOutCeiling.Add(await CeilingAsync(receiver, Webhooks, defaults.MaxConcurrency, sizes.Messages));
            fanOut.Add(await DispatchAsync(receiver, Webhooks, sizes.Messages, stalled: false));
            isolated.Add(await DispatchAsync(receiver, Webhooks, sizes.Messages, stalled: true));
        }
        yield return Throughput($"dispatch, 1 webhook ({defaults.MaxConcurrencyPerWebhook} in flight) vs HttpClient loop at {defaults.MaxConcurrencyPerWebhook}", single, singleCeiling);
        yield return Throughput($"dispatch, {Webhooks} webhooks ({defaults.MaxConcurrency} in flight) vs HttpClient loop at {defaults.MaxConcurrency}", fanOut, fanOutCeiling);
        yield return Throughput($"dispatch, {Webhooks} webhooks + 1 never answering vs undisturbed", isolated, fanOut);
        yield return await LatencyAsync(receiver, sizes.LatencyMessages);
    }

    private static Figure Throughput(string what, List<Run> measured, List<Run> baseline)
    {
        Run value = Median(measured);
        Run reference = Median(baseline);
        return new Figure(value.PerSecond / reference.PerSecond, what, string.Create(CultureInfo.InvariantCulture,
            $"{value.PerSecond:0} vs {reference.PerSecond:0} deliveries/s, {value.CpuMicroseconds:0} vs {reference.CpuMicroseconds:0} µs CPU per delivery, median of {measured.Count}"));
    }

    /// <summary>A measured rate, and the process's CPU time (all threads: sender, receiver, database) per message.</summary>
    private sealed record Run(double PerSecond, double CpuMicroseconds)
    {
        public static async Task<Run> MeasureAsync(int messages, Func<Task> work)
        {
            TimeSpan cpu = Process.GetCurrentProcess().TotalProcessorTime;
            long start = Stopwatch.GetTimestamp();
            await work();
            TimeSpan elapsed = Stopwatch.GetElapsedTime(start);
            return new Run(messages / elapsed.TotalSeconds, (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMicroseconds / messages);
        }
    }

    /// <summary>The machine's ceiling: the same bodies to the same paths with the same concurrency, no database.</summary>
    private static async Task<Run> CeilingAsync(LoadReceiver receiver, int webhooks, int concurrency, int messages)
    {
        using var client = new HttpClient();
        async Task PostAllAsync(int count)
        {
            await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (index, cancellationToken) =>
            {
                using var content = new ByteArrayContent(Body);
                content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                using HttpResponseMessage response = await client.PostAsync($"{receiver.BaseUrl}/ok/{index % webhooks}", content, cancellationToken);
                response.EnsureSuccessStatusCode();
            });
        }
        await PostAllAsync(Math.Min(500, messages));
        return await Run.MeasureAsync(messages, () => PostAllAsync(messages));
    }

    /// <summary>Deliveries per second of a released backlog, after a warm-up through the same dispatcher.</summary>
    private static async Task<Run> DispatchAsync(LoadReceiver receiver, int webhooks, int messages, bool stalled)
    {
        // A short timeout keeps the stalled receiver's slots busy for the whole run without slowing teardown.
        await using DispatchRig rig = await DispatchRig.StartAsync(options => options.Timeout = TimeSpan.FromSeconds(2));
        long[] ok = await rig.AddWebhooksAsync(Enumerable.Range(0, webhooks).Select(index => $"{receiver.BaseUrl}/ok/{index}"));
        int warmUp = Math.Min(500, messages / 4);
        await rig.SeedAsync(ok, warmUp, Body);
        await DeliverAsync(rig, receiver, warmUp);
        if (stalled)
        {
            long[] never = await rig.AddWebhooksAsync([$"{receiver.BaseUrl}/stall"]);
            await rig.SeedAsync(never, Math.Max(50, messages / 20), Body);
        }
        await rig.SeedAsync(ok, messages, Body);
        return await Run.MeasureAsync(messages, () => DeliverAsync(rig, receiver, messages));
    }

    private static async Task DeliverAsync(DispatchRig rig, LoadReceiver receiver, int messages)
    {
        int target = receiver.Ok + messages;
        await rig.ReleaseAsync();
        await receiver.WaitForOkAsync(target, TimeSpan.FromMinutes(10));
    }

    /// <summary>p50 and p99 from the emitting call's return (the outbox row is committed) to the receiver.</summary>
    private static async Task<Figure> LatencyAsync(LoadReceiver receiver, int messages)
    {
        await using DispatchRig rig = await DispatchRig.StartAsync();
        await rig.AddWebhooksAsync([$"{receiver.BaseUrl}/timed/0"]);
        var committed = new Dictionary<long, long>();
        for (long item = 1; item <= messages; item++)
        {
            await rig.EmitAsync(item);
            committed[item] = Stopwatch.GetTimestamp();
            // A steady trickle (about 100 a second), far below capacity: this is the latency of an idle dispatcher.
            await Task.Delay(10);
        }
        long deadline = Stopwatch.GetTimestamp();
        while (committed.Keys.Any(item => !receiver.Arrivals.ContainsKey(item)) && Stopwatch.GetElapsedTime(deadline) < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(10);
        }
        double[] milliseconds = committed
            .Select(entry => Stopwatch.GetElapsedTime(entry.Value, receiver.Arrivals[entry.Key]).TotalMilliseconds)
            .Order()
            .ToArray();
        double p50 = Percentile(milliseconds, 0.50);
        double p99 = Percentile(milliseconds, 0.99);
        return new Figure(p99 / p50, "latency from commit to arrival, p99 / p50",
            string.Create(CultureInfo.InvariantCulture, $"p50 {p50:0.0} ms, p99 {p99:0.0} ms over {milliseconds.Length} messages at about 100/s"));
    }

    internal static double Percentile(double[] sorted, double fraction) => sorted[(int)Math.Min(sorted.Length - 1, Math.Ceiling(fraction * sorted.Length) - 1)];

    private static Run Median(List<Run> runs) => runs.OrderBy(run => run.PerSecond).ElementAt(runs.Count / 2);
}
