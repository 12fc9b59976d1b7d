using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Hooks.Sdk.TestInfrastructure;

/// <summary>
/// npm packages installed into a temporary folder with a script beside them, which a test runs with Node.js: JSON on
/// standard input, one JSON object on standard output. For checks by the reference libraries of other ecosystems.
/// </summary>
public sealed class NodeScript : IAsyncDisposable
{
    private readonly DirectoryInfo _directory;

    private NodeScript(DirectoryInfo directory) => _directory = directory;

    /// <summary>Writes <paramref name="script"/> as <c>script.cjs</c> and installs <paramref name="packages"/> (<c>name@version</c>).</summary>
    public static async Task<NodeScript> InstallAsync(string script, params string[] packages)
    {
        var node = new NodeScript(Directory.CreateTempSubdirectory("node-script-"));
        try
        {
            await File.WriteAllTextAsync(Path.Combine(node._directory.FullName, "script.cjs"), script);
            (int exit, string output) = await node.RunProcessAsync("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error", .. packages], stdin: null);
            return exit == 0 ? node : throw new InvalidOperationException($"npm install {string.Join(' ', packages)} failed: {output}");
        }
        catch
        {
            await node.DisposeAsync();
            throw;
        }
    }

    /// <summary>Runs the script with <paramref name="arguments"/> and <paramref name="input"/> on standard input.</summary>
    public async Task<JsonObject> RunAsync(JsonNode input, params string[] arguments)
    {
        (int exit, string output) = await RunProcessAsync("node", ["script.cjs", .. arguments], input.ToJsonString());
        return exit == 0 ? JsonNode.Parse(output)!.AsObject() : throw new InvalidOperationException("node failed: " + output);
    }

    public ValueTask DisposeAsync()
    {
        _directory.Delete(recursive: true);
        return ValueTask.CompletedTask;
    }

    private async Task<(int ExitCode, string Output)> RunProcessAsync(string file, string[] arguments, string? stdin)
    {
        var start = new ProcessStartInfo(file)
        {
            WorkingDirectory = _directory.FullName,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using Process process = Process.Start(start) ?? throw new InvalidOperationException($"{file} could not be started; Node.js and npm are needed.");
        if (stdin is not null)
        {
            await process.StandardInput.WriteAsync(stdin);
        }
        process.StandardInput.Close();
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, (await output).Trim() + (await error).Trim());
    }
}
