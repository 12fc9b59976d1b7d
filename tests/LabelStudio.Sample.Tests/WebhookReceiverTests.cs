extern alias Receiver;

using System.Net;
using System.Net.Http.Json;
using Hooks.Sdk.TestInfrastructure;

namespace LabelStudio.Sample.Tests;

/// <summary>The receiver sample, run as a process, prints what the sample sends it.</summary>
public sealed class WebhookReceiverTests
{
    [Fact]
    public async Task Prints_the_action_ids_project_and_headers_of_each_webhook()
    {
        await using AppProcess receiver = await StartReceiverAsync(new Dictionary<string, string?>());
        await using var sample = new SampleFactory();
        HttpClient client = sample.Client();
        await client.PostAsJsonAsync("/api/webhooks/", new { url = receiver.BaseUrl + "/hook", headers = new Dictionary<string, string> { ["X-Secret"] = "abc" } });

        HttpResponseMessage project = await client.PostAsJsonAsync("/api/projects/", new { title = "Printed" });
        long id = (long)(await project.Content.ReadFromJsonAsync<System.Text.Json.Nodes.JsonObject>())!["id"]!;
        await client.PostAsJsonAsync("/api/tasks/", new { project = id, data = new { text = "x" } });

        string output = await PrintedAsync(receiver, "TASKS_CREATED");
        Assert.Contains($"/hook PROJECT_CREATED project={id} (Printed)", output);
        Assert.Matches($@"/hook TASKS_CREATED tasks=\d+ project={id} \(Printed\)", output);
        Assert.Contains("X-Secret=abc", output);
    }

    [Fact]
    public async Task With_a_secret_it_prints_signed_webhooks_and_refuses_others()
    {
        Hooks.Sdk.Signatures.WebhookSecret secret = Hooks.Sdk.Signatures.WebhookSecret.Generate();
        await using AppProcess receiver = await StartReceiverAsync(new Dictionary<string, string?> { ["WEBHOOK_SECRET"] = secret.ToString() });
        using var client = new HttpClient();
        byte[] body = """{"action":"TASKS_CREATED","tasks":[{"id":5}]}"""u8.ToArray();
        DateTimeOffset now = DateTimeOffset.UtcNow;
        var signed = new HttpRequestMessage(HttpMethod.Post, receiver.BaseUrl + "/hook") { Content = new ByteArrayContent(body) };
        signed.Headers.Add("webhook-id", "msg_1");
        signed.Headers.Add("webhook-timestamp", now.ToUnixTimeSeconds().ToString());
        signed.Headers.Add("webhook-signature", Hooks.Sdk.Signatures.WebhookSignature.Sign(secret, "msg_1", now, body));

        HttpResponseMessage accepted = await client.SendAsync(signed);
        HttpResponseMessage refused = await client.PostAsync(receiver.BaseUrl + "/hook", new ByteArrayContent(body));

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.Unauthorized), (accepted.StatusCode, refused.StatusCode));
        string output = await PrintedAsync(receiver, "TASKS_CREATED");
        Assert.Single(output.Split('\n'), line => line.Contains("/hook TASKS_CREATED tasks=5"));
    }

    /// <summary>The receiver sample as a user runs it, serving once it answers on <c>/</c>.</summary>
    private static Task<AppProcess> StartReceiverAsync(IReadOnlyDictionary<string, string?> environment) =>
        AppProcess.StartAsync(typeof(Receiver::WebhookReceiver.WebhookDescription).Assembly.Location, $"http://127.0.0.1:{Ports.Free()}", environment);

    /// <summary>What the receiver printed, once it printed <paramref name="text"/>.</summary>
    private static Task<string> PrintedAsync(AppProcess receiver, string text) =>
        Eventually.UntilAsync(() => receiver.Output, output => output.Contains(text, StringComparison.Ordinal),
            output => $"The receiver did not print {text}:{Environment.NewLine}{output}", TimeSpan.FromSeconds(10), TimeSpan.FromMilliseconds(100));
}
