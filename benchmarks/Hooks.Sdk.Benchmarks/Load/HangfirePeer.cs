using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Hooks.Sdk.Benchmarks.Infrastructure;

namespace Hooks.Sdk.Benchmarks.Load;

/// <summary>
/// The peer a .NET team would deliver webhooks with instead: Hangfire on a SQLite file (or PostgreSQL), one background job per
/// delivery that POSTs the body with an <see cref="HttpClient"/>. It runs as its own process
/// (Hooks.Sdk.Benchmarks.HangfirePeer), as the sample does, and delivers to a <see cref="LoadReceiver"/> here.
/// </summary>
public static class HangfirePeer
{
    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(6);

    private static readonly JsonSerializerOptions AsSent = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>
    /// Enqueues <paramref name="deliveries"/> copies of <paramref name="body"/> (a <c>TASKS_CREATED</c> of one task,
    /// each copy naming its own task id) from <paramref name="producers"/> concurrent producers, after a warm-up of
    /// <paramref name="warmUp"/> that must finish first, and measures them as they arrive. Hangfire stores its jobs in
    /// a SQLite file, or with <paramref name="connectionString"/> in that PostgreSQL database (Hangfire.PostgreSql).
    /// </summary>
    public static async Task<PeerRun> RunAsync(byte[] body, int warmUp, int deliveries, int producers, string? connectionString = null)
    {
        using var data = new TemporaryDirectory("hangfire-bench-");
        await using LoadReceiver receiver = await LoadReceiver.StartAsync();
        string bodies = Path.Combine(data.Path, "bodies.jsonl");
        await File.WriteAllLinesAsync(bodies, Enumerable.Range(1, warmUp + deliveries).Select(task => WithTaskId(body, task)));

        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string argument in new[] { PeerAssembly(), connectionString ?? Path.Combine(data.Path, "hangfire.db"), bodies, $"{receiver.BaseUrl}/tasks/0",
            warmUp.ToString(CultureInfo.InvariantCulture), producers.ToString(CultureInfo.InvariantCulture) })
        {
            start.ArgumentList.Add(argument);
        }
        using Process peer = Process.Start(start) ?? throw new InvalidOperationException("The Hangfire peer did not start.");
        try
        {
            Task<string> output = peer.StandardOutput.ReadToEndAsync();
            Task<string> errors = peer.StandardError.ReadToEndAsync();
            using (var deadline = new CancellationTokenSource(Deadline))
            {
                await peer.WaitForExitAsync(deadline.Token);
            }
            if (peer.ExitCode != 0)
            {
                throw new InvalidOperationException($"The Hangfire peer failed (exit {peer.ExitCode}): {await errors}");
            }
            return Measure(receiver, (await output).Split('\n', StringSplitOptions.RemoveEmptyEntries), warmUp, deliveries);
        }
        finally
        {
            if (!peer.HasExited)
            {
                peer.Kill(entireProcessTree: true);
                await peer.WaitForExitAsync();
            }
        }
    }

    /// <summary>From the peer's lines (<c>workers N</c>, <c>start T</c>, <c>enqueued I T</c>) and the receiver's arrivals.</summary>
    private static PeerRun Measure(LoadReceiver receiver, string[] lines, int warmUp, int deliveries)
    {
        long Value(string name) => long.Parse(lines.Single(line => line.StartsWith(name + " ", StringComparison.Ordinal))[(name.Length + 1)..], CultureInfo.InvariantCulture);
        long start = Value("start");
        var enqueued = lines.Where(line => line.StartsWith("enqueued ", StringComparison.Ordinal))
            .Select(line => line.Split(' '))
            .Select(fields => (Task: warmUp + 1 + long.Parse(fields[1], CultureInfo.InvariantCulture), At: long.Parse(fields[2], CultureInfo.InvariantCulture)))
            .ToList();
        if (enqueued.Count != deliveries || enqueued.Any(job => !receiver.Arrivals.ContainsKey(job.Task)))
        {
            throw new InvalidOperationException($"The Hangfire peer reported {enqueued.Count} of {deliveries} jobs, {enqueued.Count(job => receiver.Arrivals.ContainsKey(job.Task))} arrived.");
        }
        return new PeerRun(
            (int)Value("workers"),
            deliveries / Stopwatch.GetElapsedTime(start, enqueued.Max(job => job.At)).TotalSeconds,
            deliveries / Stopwatch.GetElapsedTime(start, receiver.LastArrival).TotalSeconds,
            enqueued.Select(job => Stopwatch.GetElapsedTime(job.At, receiver.Arrivals[job.Task]).TotalMilliseconds).Order().ToArray());
    }

    private static string WithTaskId(byte[] body, long task)
    {
        JsonNode message = JsonNode.Parse(body)!;
        message["tasks"]![0]!["id"] = task;
        return message.ToJsonString(AsSent);
    }

    private static string PeerAssembly() =>
        typeof(HangfirePeer).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(attribute => attribute.Key == "HangfirePeer").Value
        ?? throw new InvalidOperationException("The build did not record where the Hangfire peer is.");
}

/// <summary>What the peer did: its worker count, jobs enqueued and delivered per second, and enqueue → arrival latencies in ms, sorted.</summary>
public sealed record PeerRun(int Workers, double EnqueuedPerSecond, double DeliveriesPerSecond, double[] LatenciesMs);
