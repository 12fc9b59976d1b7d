using Hooks.Sdk.TestInfrastructure;

namespace LabelStudio.Sample.UiTests;

/// <summary>The built sample run as its own process on a free 127.0.0.1 port, with a fresh data directory and a known user.</summary>
public sealed class SampleServer : IAsyncDisposable
{
    public const string Username = "ui@example.com";
    public const string Password = "ui-password";

    private readonly AppProcess _process;
    private readonly string _dataDirectory;

    private SampleServer(AppProcess process, string dataDirectory)
    {
        _process = process;
        _dataDirectory = dataDirectory;
    }

    public string BaseUrl => _process.BaseUrl;

    public static async Task<SampleServer> StartAsync()
    {
        string data = Directory.CreateTempSubdirectory("label-studio-ui-").FullName;
        try
        {
            AppProcess process = await AppProcess.StartAsync(typeof(Program).Assembly.Location, $"http://127.0.0.1:{Ports.Free()}", new Dictionary<string, string?>
            {
                ["LABEL_STUDIO_BASE_DATA_DIR"] = data,
                ["LABEL_STUDIO_USERNAME"] = Username,
                ["LABEL_STUDIO_PASSWORD"] = Password,
                ["Logging__LogLevel__Default"] = "Warning",
                ["USER_ADDITIONAL_ALLOWED_SUBNETS"] = "127.0.0.0/8",
            }, readyPath: "/api/webhooks/info/");
            return new SampleServer(process, data);
        }
        catch
        {
            Directory.Delete(data, recursive: true);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _process.DisposeAsync();
        Directory.Delete(_dataDirectory, recursive: true);
    }
}
