using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace LabelStudio.Sample.UiTests;

/// <summary>The built sample run as its own process on a free 127.0.0.1 port, with a fresh data directory and a known user.</summary>
public sealed class SampleServer : IAsyncDisposable
{
    public const string Username = "ui@example.com";
    public const string Password = "ui-password";

    private readonly Process _process;
    private readonly string _dataDirectory;

    private SampleServer(Process process, string dataDirectory, string baseUrl)
    {
        _process = process;
        _dataDirectory = dataDirectory;
        BaseUrl = baseUrl;
    }

    public string BaseUrl { get; }

    public static async Task<SampleServer> StartAsync()
    {
        string data = Directory.CreateTempSubdirectory("label-studio-ui-").FullName;
        string baseUrl = $"http://127.0.0.1:{FreePort()}";
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(typeof(Program).Assembly.Location);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(baseUrl);
        start.Environment["LABEL_STUDIO_BASE_DATA_DIR"] = data;
        start.Environment["LABEL_STUDIO_USERNAME"] = Username;
        start.Environment["LABEL_STUDIO_PASSWORD"] = Password;
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["USER_ADDITIONAL_ALLOWED_SUBNETS"] = "127.0.0.0/8";
        Process process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var client = new HttpClient();
        for (DateTime deadline = DateTime.UtcNow.AddSeconds(60); DateTime.UtcNow < deadline; await Task.Delay(200))
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The sample exited with {process.ExitCode} before it served.");
            }
            try
            {
                if ((await client.GetAsync(baseUrl + "/api/webhooks/info/")).StatusCode == HttpStatusCode.OK)
                {
                    return new SampleServer(process, data, baseUrl);
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
        }
        process.Kill(entireProcessTree: true);
        throw new TimeoutException("The sample did not serve within 60 s.");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        Directory.Delete(_dataDirectory, recursive: true);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
