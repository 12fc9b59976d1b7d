using System.Diagnostics;
using System.Globalization;
using Hangfire;
using Hangfire.PostgreSql;
using Hangfire.Storage.SQLite;

namespace Hooks.Sdk.Benchmarks.HangfirePeer;

/// <summary>
/// Hangfire configured as its storage's README shows (SQLite, or PostgreSQL when the database is a connection string), with a <see cref="BackgroundJobServer"/> at its default
/// worker count: a warm-up whose jobs all finish first, then one job per body enqueued by concurrent producers. Prints
/// <c>workers N</c>, <c>start T</c> and one <c>enqueued I T</c> per measured body (I counts from the first body after
/// the warm-up; T is a <see cref="Stopwatch"/> timestamp, the same monotonic clock as the harness's on Linux), and
/// exits once every job has succeeded.
/// </summary>
public static class DeliveryRun
{
    // The storage's default is 15 s, which would make most of the latency an idle worker's sleep; 1 s is the SDK
    // dispatcher's own poll interval. Workers that find work fetch again at once either way.
    private static readonly TimeSpan QueuePollInterval = TimeSpan.FromSeconds(1);

    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(5);

    public static async Task<int> RunAsync(string database, string[] bodies, string url, int warmUp, int producers)
    {
        IGlobalConfiguration configuration = GlobalConfiguration.Configuration
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings();
        if (database.StartsWith("Host=", StringComparison.OrdinalIgnoreCase))
        {
            configuration.UsePostgreSqlStorage(
                storage => storage.UseNpgsqlConnection(database), new PostgreSqlStorageOptions { QueuePollInterval = QueuePollInterval });
        }
        else
        {
            configuration.UseSQLiteStorage(database, new SQLiteStorageOptions { QueuePollInterval = QueuePollInterval });
        }
        var options = new BackgroundJobServerOptions();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"workers {options.WorkerCount}"));
        using var server = new BackgroundJobServer(options);
        var client = new BackgroundJobClient();

        foreach (string body in bodies.Take(warmUp))
        {
            client.Enqueue(() => WebhookJob.PostAsync(url, body));
        }
        if (!await SucceededAsync(warmUp))
        {
            return 1;
        }

        string[] measured = bodies[warmUp..];
        long[] enqueued = new long[measured.Length];
        int next = -1;
        long start = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, producers).Select(_ => Task.Run(() =>
        {
            for (int index = Interlocked.Increment(ref next); index < measured.Length; index = Interlocked.Increment(ref next))
            {
                string body = measured[index];
                client.Enqueue(() => WebhookJob.PostAsync(url, body));
                enqueued[index] = Stopwatch.GetTimestamp();
            }
        })));
        bool finished = await SucceededAsync(bodies.Length);

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"start {start}"));
        for (int index = 0; index < enqueued.Length; index++)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"enqueued {index} {enqueued[index]}"));
        }
        return finished ? 0 : 1;
    }

    /// <summary>Waits until <paramref name="count"/> jobs have succeeded, within <see cref="Deadline"/>.</summary>
    private static async Task<bool> SucceededAsync(long count)
    {
        long start = Stopwatch.GetTimestamp();
        while (JobStorage.Current.GetMonitoringApi().SucceededListCount() < count)
        {
            if (Stopwatch.GetElapsedTime(start) > Deadline)
            {
                Console.Error.WriteLine($"only {JobStorage.Current.GetMonitoringApi().SucceededListCount()} of {count} jobs succeeded within {Deadline}");
                return false;
            }
            await Task.Delay(50);
        }
        return true;
    }
}
