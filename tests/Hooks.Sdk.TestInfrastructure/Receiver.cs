using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Hooks.Sdk.TestInfrastructure;

/// <summary>A real HTTP receiver on 127.0.0.1 that records every request and answers as told (200 by default).</summary>
public sealed class Receiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ReceivedRequest> _requests = new();
    private readonly ConcurrentQueue<string> _problems = new();

    private Receiver(WebApplication app, string baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
    }

    public string BaseUrl { get; }

    /// <summary>How to answer; 200 with no body by default.</summary>
    public Func<HttpContext, Task> Respond { get; set; } = _ => Task.CompletedTask;

    public IReadOnlyList<ReceivedRequest> Requests => _requests.ToArray();

    /// <summary>
    /// Checks every request any receiver of this test process records, and says what is wrong with it (null when
    /// nothing is): a test project sets it once, for example to validate webhook bodies against their schemas.
    /// <see cref="WaitForAsync"/> then fails with the problems, so no test reads a wrong body and passes.
    /// </summary>
    public static Func<ReceivedRequest, Task<string?>>? Check { get; set; }

    /// <summary>The request being answered, as recorded, for <see cref="Respond"/> to decide on.</summary>
    public static ReceivedRequest RequestOf(HttpContext context) => (ReceivedRequest)context.Items[typeof(ReceivedRequest)]!;

    public string Url(string path = "/hook") => BaseUrl + path;

    public IReadOnlyList<ReceivedRequest> To(string path) => Requests.Where(request => request.Path == path).ToArray();

    /// <summary>Waits (in real time, up to <paramref name="timeout"/>) until the recorded requests satisfy <paramref name="done"/>.</summary>
    public async Task<IReadOnlyList<ReceivedRequest>> WaitForAsync(Func<IReadOnlyList<ReceivedRequest>, bool> done, TimeSpan? timeout = null)
    {
        IReadOnlyList<ReceivedRequest> requests = await Eventually.UntilAsync(
            () => Requests, done, requests => $"The receiver got {requests.Count} request(s), not what the test waited for.", timeout);
        return _problems.IsEmpty
            ? requests
            : throw new InvalidOperationException("The receiver got requests that fail its check:" + Environment.NewLine + string.Join(Environment.NewLine, _problems));
    }

    public static async Task<Receiver> StartAsync(int port = 0)
    {
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        WebApplication app = builder.Build();
        Receiver? receiver = null;
        app.Run(async context =>
        {
            using var reader = new StreamReader(context.Request.Body);
            string body = await reader.ReadToEndAsync();
            var request = new ReceivedRequest(
                context.Request.Method,
                context.Request.Path,
                context.Request.Headers.ToDictionary(header => header.Key, header => header.Value.ToString(), StringComparer.OrdinalIgnoreCase),
                body);
            context.Items[typeof(ReceivedRequest)] = request;
            if (Check is { } check && await check(request) is { } problem)
            {
                receiver!._problems.Enqueue($"{request.Method} {request.Path}: {problem}");
            }
            receiver!._requests.Enqueue(request);
            await receiver.Respond(context);
        });
        await app.StartAsync();
        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        receiver = new Receiver(app, address.TrimEnd('/'));
        return receiver;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

/// <summary>One recorded request.</summary>
public sealed record ReceivedRequest(string Method, string Path, IReadOnlyDictionary<string, string> Headers, string Body)
{
    public JsonObject Json => JsonNode.Parse(Body)!.AsObject();
}
