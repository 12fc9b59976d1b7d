using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Hooks.Sdk.TestInfrastructure;

namespace LabelStudio.Sample.Tests;

/// <summary>
/// What a new user meets: the first start's credentials printed once, after "Now listening on", in a log quiet
/// enough to keep them on screen; and a login page that says where to find them.
/// </summary>
public sealed class FirstStartTests
{
    // The last line the host writes as it starts.
    private const string StartedLine = "Content root path:";

    [Fact]
    public async Task A_first_start_prints_working_credentials_after_now_listening_on_then_stays_quiet_and_a_restart_prints_none()
    {
        string data = Directory.CreateTempSubdirectory("label-studio-first-start-").FullName;
        try
        {
            string output;
            string idleOutput;
            await using (AppProcess first = await StartAsync(data))
            {
                output = await WaitForStartedAsync(first);
                await Task.Delay(TimeSpan.FromSeconds(3));
                idleOutput = first.Output[output.Length..];

                Match credentials = Regex.Match(output, @"created the user admin@localhost\..*?password: +(?<password>\S+) .*?API token: +(?<token>[0-9a-f]{40}) ", RegexOptions.Singleline);
                Assert.True(credentials.Success, output);
                Assert.InRange(output.IndexOf("Now listening on:", StringComparison.Ordinal), 0, credentials.Index);
                Assert.Contains("LABEL_STUDIO_USERNAME", output[credentials.Index..]);
                Assert.Contains("-- user create --username", output[credentials.Index..]);
                using var client = new HttpClient { BaseAddress = new Uri(first.BaseUrl) };
                client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Token", credentials.Groups["token"].Value);
                Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/projects/")).StatusCode);
            }

            // At ASP.NET Core's defaults the dispatcher's polls alone log some twenty EF Core lines a second.
            Assert.DoesNotContain("Executed DbCommand", output + idleOutput);
            Assert.True(output.Split('\n').Length < 30, output);
            Assert.True(idleOutput.Trim().Length == 0, idleOutput);

            await using AppProcess second = await StartAsync(data);
            Assert.DoesNotContain("admin@localhost", await WaitForStartedAsync(second));
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    [Fact]
    public async Task The_login_page_says_where_the_credentials_are_and_how_to_choose_your_own()
    {
        await using var sample = new SampleFactory();

        string page = await sample.Client(null).GetStringAsync("/user/login");

        Assert.Contains("admin@localhost", page);
        Assert.Contains("Now listening on", page);
        Assert.Contains("LABEL_STUDIO_PASSWORD", page);
        Assert.Contains("-- user create --username U --password P", page);
    }

    /// <summary>The sample at its default settings, with none of the bootstrap variables (or their short names).</summary>
    private static Task<AppProcess> StartAsync(string data)
    {
        var environment = new Dictionary<string, string?> { ["LABEL_STUDIO_BASE_DATA_DIR"] = data };
        foreach (string name in new[] { "USERNAME", "PASSWORD", "USER_TOKEN" })
        {
            // Empty reads as unset; a test runner's own USERNAME must not become the bootstrap user.
            environment["LABEL_STUDIO_" + name] = "";
            environment[name] = "";
        }
        return AppProcess.StartAsync(typeof(Program).Assembly.Location, $"http://127.0.0.1:{Ports.Free()}", environment, readyPath: "/health");
    }

    /// <summary>
    /// The output up to the end of the host's last start-up line (<see cref="AppProcess.Output"/> holds whole lines
    /// only); the console logger writes a moment after the server first answers.
    /// </summary>
    private static async Task<string> WaitForStartedAsync(AppProcess app)
    {
        string output = await Eventually.UntilAsync(() => app.Output, text => text.Contains(StartedLine, StringComparison.Ordinal),
            text => $"No '{StartedLine}' line:{Environment.NewLine}{text}", TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(50));
        int end = output.IndexOf('\n', output.IndexOf(StartedLine, StringComparison.Ordinal));
        return end < 0 ? output : output[..end];
    }
}
