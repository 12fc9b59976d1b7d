extern alias Sample;

using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Hooks.Sdk.TestInfrastructure;

namespace Hooks.Sdk.Benchmarks.Load;

/// <summary>
/// The built LabelStudio.Sample as a user runs it: its own process (<c>dotnet LabelStudio.Sample.dll --urls ...</c>),
/// real Kestrel on 127.0.0.1, its SQLite file in the given data directory (or the PostgreSQL database it is given),
/// background delivery (its default), and the bootstrap user's token for the API. Disposing kills the process; the data directory stays the caller's.
/// </summary>
public sealed class SampleApp : IAsyncDisposable
{
    private const string Token = "bench-token-0123456789";

    private readonly AppProcess _process;

    private SampleApp(AppProcess process, string dataDirectory)
    {
        _process = process;
        DatabaseFile = Path.Combine(dataDirectory, "label_studio.sqlite3");
        Client = new HttpClient { BaseAddress = new Uri(process.BaseUrl), Timeout = TimeSpan.FromSeconds(30) };
        Client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Token", Token);
    }

    /// <summary>The sample's database, as its settings place it in the data directory.</summary>
    public string DatabaseFile { get; }

    public HttpClient Client { get; }

    /// <summary>The sample's process id.</summary>
    public int ProcessId => _process.Id;

    /// <summary>
    /// Starts the sample on <paramref name="dataDirectory"/> (new or left by an earlier start) and waits until it
    /// serves; with <paramref name="connectionString"/>, on that PostgreSQL database instead of the SQLite file.
    /// </summary>
    public static async Task<SampleApp> StartAsync(string dataDirectory, string? connectionString = null)
    {
        AppProcess process = await AppProcess.StartAsync(typeof(Sample::Program).Assembly.Location, $"http://127.0.0.1:{Ports.Free()}",
            new Dictionary<string, string?>
            {
                ["LABEL_STUDIO_BASE_DATA_DIR"] = dataDirectory,
                ["LABEL_STUDIO_USERNAME"] = "bench@example.com",
                ["LABEL_STUDIO_PASSWORD"] = "bench-password",
                ["LABEL_STUDIO_USER_TOKEN"] = Token,
                // The receivers are on loopback, which SSRF protection refuses unless allowed.
                ["USER_ADDITIONAL_ALLOWED_SUBNETS"] = "127.0.0.0/8",
                ["Logging__LogLevel__Default"] = "Warning",
                ["ConnectionStrings__Default"] = connectionString,
            }, readyPath: "/health");
        return new SampleApp(process, dataDirectory);
    }

    public Task<long> CreateProjectAsync(string title) => IdOfAsync(Client.PostAsJsonAsync("/api/projects/", new { title }));

    /// <summary>A project webhook with Label Studio's defaults: every action, no headers.</summary>
    public Task<long> AddWebhookAsync(string url, long project) => IdOfAsync(Client.PostAsJsonAsync("/api/webhooks/", new { url, project }));

    /// <summary>Creates one task with <c>POST /api/tasks/</c>; the response means its row and its event are committed.</summary>
    public Task<long> CreateTaskAsync(long project, JsonObject data, CancellationToken cancellationToken) =>
        IdOfAsync(Client.PostAsJsonAsync("/api/tasks/", new { project, data }, cancellationToken));

    /// <summary>Imports <paramref name="tasks"/>, a JSON array, with <c>POST /api/projects/{id}/import</c>.</summary>
    public async Task ImportAsync(long project, byte[] tasks)
    {
        using var content = new ByteArrayContent(tasks);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using HttpResponseMessage response = await Client.PostAsync($"/api/projects/{project}/import", content);
        await EnsureSuccessAsync(response);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _process.DisposeAsync();
    }

    private async Task<long> IdOfAsync(Task<HttpResponseMessage> request)
    {
        using HttpResponseMessage response = await request;
        await EnsureSuccessAsync(response);
        return (long)(await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!;
    }

    /// <summary>A failed request stops the scenario with the sample's answer and the end of its log, which say why.</summary>
    private async Task EnsureSuccessAsync(HttpResponseMessage response)
    {
        if (!response.IsSuccessStatusCode)
        {
            string log = _process.Output;
            throw new InvalidOperationException($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.PathAndQuery} answered {(int)response.StatusCode}: "
                + $"{await response.Content.ReadAsStringAsync()}{Environment.NewLine}The sample's log ends:{Environment.NewLine}{log[Math.Max(0, log.Length - 8000)..]}");
        }
    }
}
