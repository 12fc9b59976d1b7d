using System.Net.Http.Headers;
using Hooks.Sdk.TestInfrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace LabelStudio.Sample.Tests;

/// <summary>
/// The sample in-process on a fresh data directory, with Label Studio's bootstrap variables for a known user and
/// token. Extra settings are passed the way Label Studio users pass them: as its variable names.
/// </summary>
public sealed class SampleFactory : WebApplicationFactory<Program>
{
    public const string Username = "admin@example.com";
    public const string Token = "bootstrap-token-0123456789";

    private readonly Dictionary<string, string?> _settings;

    public SampleFactory()
        : this(settings: null, dataDirectory: null)
    {
    }

    private SampleFactory(IReadOnlyDictionary<string, string?>? settings, string? dataDirectory)
    {
        DataDirectory = dataDirectory ?? Directory.CreateTempSubdirectory("label-studio-sample-").FullName;
        _settings = new Dictionary<string, string?>
        {
            ["LABEL_STUDIO_BASE_DATA_DIR"] = DataDirectory,
            ["LABEL_STUDIO_USERNAME"] = Username,
            ["LABEL_STUDIO_PASSWORD"] = "bootstrap-password",
            ["LABEL_STUDIO_USER_TOKEN"] = Token,
            // The tests' receivers are on loopback, which SSRF protection refuses unless allowed.
            ["USER_ADDITIONAL_ALLOWED_SUBNETS"] = "127.0.0.0/8",
            // Label Studio's synchronous delivery, so a test sees each event as its request returns; the durable
            // default is tested on its own (BackgroundDeliveryTests).
            ["WEBHOOK_DELIVERY"] = "inline",
        };
        foreach ((string key, string? value) in settings ?? new Dictionary<string, string?>())
        {
            _settings[key] = value;
        }
    }

    public string DataDirectory { get; }

    /// <summary>The sample with more settings, by Label Studio's variable names.</summary>
    public static SampleFactory With(IReadOnlyDictionary<string, string?> settings) => new(settings, dataDirectory: null);

    /// <summary>
    /// The sample on <paramref name="provider"/>: its embedded SQLite default, or a fresh database of its own on the test
    /// run's PostgreSQL server (<c>ConnectionStrings__Default</c>), with more settings by Label Studio's variable names.
    /// </summary>
    public static async Task<SampleFactory> CreateAsync(DatabaseProvider provider, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var all = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>());
        if (provider == DatabaseProvider.PostgreSql)
        {
            all["ConnectionStrings:Default"] = await (await PostgresServer.SharedAsync()).CreateDatabaseAsync("sample");
        }
        return new SampleFactory(all, dataDirectory: null);
    }

    /// <summary>The sample on an existing data directory, which it deletes when disposed.</summary>
    public static SampleFactory On(string dataDirectory, IReadOnlyDictionary<string, string?>? settings = null) => new(settings, dataDirectory);

    /// <summary>A client authenticated with <paramref name="token"/> (the bootstrap user's by default), or anonymous.</summary>
    public HttpClient Client(string? token = Token)
    {
        HttpClient client = CreateClient();
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Token", token);
        }
        return client;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach ((string key, string? value) in _settings)
        {
            builder.UseSetting(key, value);
        }
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(DataDirectory, recursive: true);
            }
            catch (IOException)
            {
                // A file still held open is left to the temp folder's cleaner.
            }
        }
    }
}
