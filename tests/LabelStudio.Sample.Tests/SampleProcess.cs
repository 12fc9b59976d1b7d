using System.Diagnostics;

namespace LabelStudio.Sample.Tests;

/// <summary>Runs the built sample as its own process, the way a user runs its commands.</summary>
internal static class SampleProcess
{
    public static Task<(int ExitCode, string Output, string Error)> RunAsync(string dataDirectory, params string[] args) =>
        RunAsync(dataDirectory, unsetBootstrap: false, args);

    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(string dataDirectory, bool unsetBootstrap, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(typeof(Program).Assembly.Location);
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        start.Environment["LABEL_STUDIO_BASE_DATA_DIR"] = dataDirectory;
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        if (!unsetBootstrap)
        {
            start.Environment["LABEL_STUDIO_USERNAME"] = SampleFactory.Username;
            start.Environment["LABEL_STUDIO_PASSWORD"] = "bootstrap-password";
            start.Environment["LABEL_STUDIO_USER_TOKEN"] = SampleFactory.Token;
        }
        else
        {
            foreach (string name in new[] { "LABEL_STUDIO_USERNAME", "USERNAME", "LABEL_STUDIO_PASSWORD", "PASSWORD", "LABEL_STUDIO_USER_TOKEN", "USER_TOKEN" })
            {
                start.Environment.Remove(name);
            }
        }
        using Process process = Process.Start(start)!;
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await error);
    }
}
