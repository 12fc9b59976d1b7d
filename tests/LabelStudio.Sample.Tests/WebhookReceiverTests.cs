extern alias Receiver;

using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;

namespace LabelStudio.Sample.Tests;

/// <summary>The receiver sample, run as a process, prints what the sample sends it.</summary>
public sealed class WebhookReceiverTests
{
    [Fact]
    public async Task Prints_the_action_ids_project_and_headers_of_each_webhook()
    {
        int port = FreePort();
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add(typeof(Receiver::WebhookReceiver.WebhookDescription).Assembly.Location);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add($"http://127.0.0.1:{port}");
        using Process receiver = Process.Start(start)!;
        var lines = new List<string>();
        receiver.OutputDataReceived += (_, line) => { if (line.Data is not null) { lock (lines) { lines.Add(line.Data); } } };
        receiver.BeginOutputReadLine();
        try
        {
            await using var sample = new SampleFactory();
            HttpClient client = sample.Client();
            await client.PostAsJsonAsync("/api/webhooks/", new { url = $"http://127.0.0.1:{port}/hook", headers = new Dictionary<string, string> { ["X-Secret"] = "abc" } });
            await WaitUntilListeningAsync(port);

            HttpResponseMessage project = await client.PostAsJsonAsync("/api/projects/", new { title = "Printed" });
            long id = (long)(await project.Content.ReadFromJsonAsync<System.Text.Json.Nodes.JsonObject>())!["id"]!;
            await client.PostAsJsonAsync("/api/tasks/", new { project = id, data = new { text = "x" } });

            string output = await WaitForAsync(lines, text => text.Contains("TASKS_CREATED"));
            Assert.Contains($"/hook PROJECT_CREATED project={id} (Printed)", output);
            Assert.Matches($@"/hook TASKS_CREATED tasks=\d+ project={id} \(Printed\)", output);
            Assert.Contains("X-Secret=abc", output);
        }
        finally
        {
            receiver.Kill(entireProcessTree: true);
        }
    }

    [Fact]
    public async Task With_a_secret_it_prints_signed_webhooks_and_refuses_others()
    {
        Hooks.Sdk.WebhookSecret secret = Hooks.Sdk.WebhookSecret.Generate();
        int port = FreePort();
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, UseShellExecute = false };
        start.ArgumentList.Add(typeof(Receiver::WebhookReceiver.WebhookDescription).Assembly.Location);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add($"http://127.0.0.1:{port}");
        start.Environment["WEBHOOK_SECRET"] = secret.ToString();
        using Process receiver = Process.Start(start)!;
        var lines = new List<string>();
        receiver.OutputDataReceived += (_, line) => { if (line.Data is not null) { lock (lines) { lines.Add(line.Data); } } };
        receiver.BeginOutputReadLine();
        try
        {
            await WaitUntilListeningAsync(port);
            using var client = new HttpClient();
            byte[] body = """{"action":"TASKS_CREATED","tasks":[{"id":5}]}"""u8.ToArray();
            DateTimeOffset now = DateTimeOffset.UtcNow;
            var signed = new HttpRequestMessage(HttpMethod.Post, $"http://127.0.0.1:{port}/hook") { Content = new ByteArrayContent(body) };
            signed.Headers.Add("webhook-id", "msg_1");
            signed.Headers.Add("webhook-timestamp", now.ToUnixTimeSeconds().ToString());
            signed.Headers.Add("webhook-signature", Hooks.Sdk.WebhookSignature.Sign(secret, "msg_1", now, body));

            HttpResponseMessage accepted = await client.SendAsync(signed);
            HttpResponseMessage refused = await client.PostAsync($"http://127.0.0.1:{port}/hook", new ByteArrayContent(body));

            Assert.Equal((HttpStatusCode.OK, HttpStatusCode.Unauthorized), (accepted.StatusCode, refused.StatusCode));
            string output = await WaitForAsync(lines, text => text.Contains("TASKS_CREATED"));
            Assert.Single(output.Split('\n'), line => line.Contains("/hook TASKS_CREATED tasks=5"));
        }
        finally
        {
            receiver.Kill(entireProcessTree: true);
        }
    }

    private static async Task WaitUntilListeningAsync(int port)
    {
        using var client = new HttpClient();
        for (int attempt = 0; attempt < 300; attempt++)
        {
            try
            {
                await client.GetAsync($"http://127.0.0.1:{port}/");
                return;
            }
            catch (HttpRequestException)
            {
                await Task.Delay(100);
            }
        }
        throw new TimeoutException("The receiver did not start.");
    }

    private static async Task<string> WaitForAsync(List<string> lines, Func<string, bool> done)
    {
        for (int attempt = 0; attempt < 100; attempt++)
        {
            string text;
            lock (lines)
            {
                text = string.Join("\n", lines);
            }
            if (done(text))
            {
                return text;
            }
            await Task.Delay(100);
        }
        lock (lines)
        {
            return string.Join("\n", lines);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
