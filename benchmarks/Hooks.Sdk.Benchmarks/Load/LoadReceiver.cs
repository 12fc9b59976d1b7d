using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Hooks.Sdk.Benchmarks.Load;

/// <summary>
/// A Kestrel receiver on 127.0.0.1: <c>/ok/...</c> answers 200 at once and counts; <c>/timed/...</c> does the same
/// and keeps the <see cref="Stopwatch"/> timestamp of each arrival by the item id in its body; <c>/tasks/...</c> does
/// the same for Label Studio's <c>TASKS_CREATED</c>, by each id in <c>tasks[].id</c>, and keeps the first such body;
/// <c>/stall</c> never answers.
/// </summary>
public sealed class LoadReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<long, long> _arrivals = new();
    private int _ok;
    private long _lastArrival;
    private byte[]? _firstTasksCreated;

    private LoadReceiver(WebApplication app) => _app = app;

    public string BaseUrl { get; private set; } = "";

    public int Ok => Volatile.Read(ref _ok);

    public IReadOnlyDictionary<long, long> Arrivals => _arrivals;

    /// <summary>The <see cref="Stopwatch"/> timestamp of the latest arrival at <c>/tasks/...</c>.</summary>
    public long LastArrival => Interlocked.Read(ref _lastArrival);

    /// <summary>The first <c>TASKS_CREATED</c> body that arrived at <c>/tasks/...</c>, as sent.</summary>
    public byte[]? FirstTasksCreated => Volatile.Read(ref _firstTasksCreated);

    public static async Task<LoadReceiver> StartAsync(int port = 0)
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        WebApplication app = builder.Build();
        var receiver = new LoadReceiver(app);
        app.MapPost("/ok/{webhook}", async (HttpContext context) =>
        {
            await context.Request.Body.CopyToAsync(Stream.Null);
            Interlocked.Increment(ref receiver._ok);
            return Results.Ok();
        });
        app.MapPost("/timed/{webhook}", async (HttpContext context) =>
        {
            long now = Stopwatch.GetTimestamp();
            using JsonDocument body = await JsonDocument.ParseAsync(context.Request.Body);
            receiver._arrivals.TryAdd(body.RootElement.GetProperty("item").GetProperty("id").GetInt64(), now);
            Interlocked.Increment(ref receiver._ok);
            return Results.Ok();
        });
        app.MapPost("/tasks/{webhook}", async (HttpContext context) =>
        {
            long now = Stopwatch.GetTimestamp();
            using var buffer = new MemoryStream();
            await context.Request.Body.CopyToAsync(buffer);
            receiver.RecordTasks(buffer.ToArray(), now);
            return Results.Ok();
        });
        app.MapPost("/stall", async (HttpContext context) =>
        {
            // Never answers within any attempt's timeout; bounded only so that the receiver can stop.
            await Task.Delay(TimeSpan.FromSeconds(30), context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
            return Results.Ok();
        });
        await app.StartAsync();
        receiver.BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single().TrimEnd('/');
        return receiver;
    }

    private void RecordTasks(byte[] body, long now)
    {
        using JsonDocument document = JsonDocument.Parse(body);
        if (document.RootElement.GetProperty("action").GetString() == "TASKS_CREATED")
        {
            foreach (JsonElement task in document.RootElement.GetProperty("tasks").EnumerateArray())
            {
                _arrivals.TryAdd(task.GetProperty("id").GetInt64(), now);
            }
            Interlocked.CompareExchange(ref _firstTasksCreated, body, null);
        }
        long last;
        do
        {
            last = LastArrival;
        }
        while (last < now && Interlocked.CompareExchange(ref _lastArrival, now, last) != last);
        Interlocked.Increment(ref _ok);
    }

    /// <summary>Waits until <paramref name="count"/> messages were answered 200.</summary>
    public async Task WaitForOkAsync(int count, TimeSpan timeout)
    {
        long start = Stopwatch.GetTimestamp();
        while (Ok < count)
        {
            if (Stopwatch.GetElapsedTime(start) > timeout)
            {
                throw new TimeoutException($"The receiver got {Ok} of {count} messages in {timeout}.");
            }
            await Task.Delay(2);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
