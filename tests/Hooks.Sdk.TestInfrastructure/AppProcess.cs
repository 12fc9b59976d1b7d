using System.Collections.Concurrent;
using System.Diagnostics;

namespace Hooks.Sdk.TestInfrastructure;

/// <summary>
/// A built app run as its own process on 127.0.0.1, the way a user runs it: started with <c>dotnet app.dll</c>,
/// ready once a path answers, and ended either gracefully or with SIGKILL, as a crash would end it.
/// </summary>
public sealed class AppProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output;
    private bool _disposed;

    private AppProcess(Process process, ConcurrentQueue<string> output, string baseUrl)
    {
        _process = process;
        _output = output;
        BaseUrl = baseUrl;
    }

    public string BaseUrl { get; }

    /// <summary>The operating system's id of the process, to read its memory from <c>/proc</c>.</summary>
    public int Id => _process.Id;

    /// <summary>What the process wrote to its standard output and error so far.</summary>
    public string Output => string.Join(Environment.NewLine, _output);

    /// <summary>
    /// Starts <paramref name="assemblyPath"/> listening on <paramref name="baseUrl"/> with <paramref name="environment"/>,
    /// in <paramref name="workingDirectory"/> (the test's own when null: where an app's relative paths, such as a
    /// SQLite file's, land), and waits until <paramref name="readyPath"/> answers (any status) or the process exits.
    /// </summary>
    public static async Task<AppProcess> StartAsync(
        string assemblyPath, string baseUrl, IReadOnlyDictionary<string, string?> environment, string readyPath = "/", TimeSpan? timeout = null,
        string? workingDirectory = null)
    {
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        if (workingDirectory is not null)
        {
            start.WorkingDirectory = workingDirectory;
        }
        start.ArgumentList.Add(assemblyPath);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(baseUrl);
        foreach ((string name, string? value) in environment)
        {
            start.Environment[name] = value;
        }
        var output = new ConcurrentQueue<string>();
        Process process = Process.Start(start)!;
        process.OutputDataReceived += (_, line) => output.Enqueue(line.Data ?? "");
        process.ErrorDataReceived += (_, line) => output.Enqueue(line.Data ?? "");
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var app = new AppProcess(process, output, baseUrl);

        try
        {
            using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
            await Eventually.UntilAsync(
                async () => process.HasExited
                    ? throw new InvalidOperationException($"{Path.GetFileName(assemblyPath)} exited with {process.ExitCode} before it served:{Environment.NewLine}{app.Output}")
                    : await ServesAsync(client, baseUrl + readyPath),
                serves => serves,
                _ => $"{Path.GetFileName(assemblyPath)} did not serve within the time allowed:{Environment.NewLine}{app.Output}",
                timeout ?? TimeSpan.FromSeconds(60),
                TimeSpan.FromMilliseconds(100));
            return app;
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    private static async Task<bool> ServesAsync(HttpClient client, string url)
    {
        try
        {
            using HttpResponseMessage _ = await client.GetAsync(url);
            return true;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    /// <summary>Ends the process with SIGKILL: no shutdown code runs, as in a crash or an OOM kill.</summary>
    public async Task KillAsync()
    {
        if (_disposed)
        {
            return;
        }
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }
        await _process.WaitForExitAsync();
    }


    /// <summary>Kills the process if it still runs; a second call does nothing.</summary>
    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _disposed = true;
        _process.Dispose();
    }
}
