using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Hooks.Sdk.Receiving;
using Hooks.Sdk.Signatures;
using Hooks.Sdk.TestInfrastructure;

namespace LabelStudio.Sample.Tests;

/// <summary>
/// A data directory made by the release before migrations (<c>Legacy/README.md</c>) upgrades in place: the built
/// sample, started on a copy of it from the same install location, keeps its webhooks, secrets and pending messages.
/// </summary>
public sealed class UpgradeTests
{
    // Where the old release ran from: the Data Protection key ring's application discriminator, which decides whether
    // the stored secrets can be read.
    private const string InstallLocation = "/tmp/label-studio-legacy-root";
    private const string Token = "legacy-token-0123456789";
    // The old release's webhook URL, where nothing listened then.
    private const int ReceiverPort = 59999;

    [Fact]
    public async Task A_data_directory_from_before_migrations_starts_and_keeps_its_webhooks_secrets_and_pending_messages()
    {
        await using Receiver receiver = await Receiver.StartAsync(ReceiverPort);
        string data = Directory.CreateTempSubdirectory("label-studio-upgrade-").FullName;
        CopyDirectory(Path.Combine(AppContext.BaseDirectory, "Legacy", "data-before-migrations"), data);
        Directory.CreateDirectory(InstallLocation);
        try
        {
            await using AppProcess sample = await AppProcess.StartAsync(typeof(Program).Assembly.Location, $"http://127.0.0.1:{Ports.Free()}",
                new Dictionary<string, string?>
                {
                    ["ASPNETCORE_CONTENTROOT"] = InstallLocation,
                    ["LABEL_STUDIO_BASE_DATA_DIR"] = data,
                    ["USER_ADDITIONAL_ALLOWED_SUBNETS"] = "127.0.0.0/8",
                    ["Logging__LogLevel__Default"] = "Warning",
                }, readyPath: "/health");
            using var client = new HttpClient { BaseAddress = new Uri(sample.BaseUrl) };
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Token", Token);

            JsonObject webhook = (await client.GetFromJsonAsync<JsonObject>("/api/webhooks/1/"))!;
            Assert.Equal("Bearer legacy-secret", (string?)webhook["headers"]!["Authorization"]);
            JsonObject secret = (await client.GetFromJsonAsync<JsonObject>("/api/webhooks/1/secret/"))!;
            Assert.Equal("whsec_oisoVONsRWBUUcKgG7V1eBazTkTYOPBAvtDTwigyRr4=", (string?)secret["key"]);
            Assert.Equal("Legacy project", (string?)(await client.GetFromJsonAsync<JsonObject>("/api/projects/1/"))!["title"]);

            // The kept messages go out, in order, with the kept header and signed with the kept secret.
            IReadOnlyList<ReceivedRequest> arrived = await receiver.WaitForAsync(received => received.Count == 3, TimeSpan.FromSeconds(60));
            Assert.Equal(["legacy task 1", "legacy task 2", "legacy task 3"], arrived.Select(request => (string?)request.Json["tasks"]![0]!["data"]!["text"]));
            Assert.All(arrived, request => Assert.Equal("Bearer legacy-secret", request.Headers["Authorization"]));
            var verifier = new WebhookSignatureVerifier([WebhookSecret.Parse((string)secret["key"]!)]);
            // The old release's three messages, the first with its failed attempt from before the upgrade. An outcome
            // is recorded a moment after its arrival (outcomes are written in batches), so the log is read until the
            // last one is.
            (long, int)[] attempts = await Eventually.UntilAsync(
                async () => (await client.GetFromJsonAsync<JsonObject>("/api/webhooks/1/deliveries/"))!["results"]!.AsArray()
                    .Select(delivery => ((long)delivery!["id"]!, (int)delivery["attempts"]!)).ToArray(),
                read => read.All(attempt => attempt.Item2 > 0),
                read => "Outcomes not recorded yet: " + string.Join(", ", read), TimeSpan.FromSeconds(30), TimeSpan.FromMilliseconds(100));
            Assert.Equal([(3L, 1), (2L, 1), (1L, 2)], attempts);
            Assert.All(arrived, request => Assert.Equal(WebhookVerification.Valid, verifier.Verify(
                request.Headers["webhook-id"], request.Headers["webhook-timestamp"], request.Headers["webhook-signature"], System.Text.Encoding.UTF8.GetBytes(request.Body))));

            // New changes work on the upgraded schema.
            (await client.PostAsJsonAsync("/api/tasks/", new { project = 1, data = new { text = "after the upgrade" } })).EnsureSuccessStatusCode();
            await receiver.WaitForAsync(received => received.Count == 4, TimeSpan.FromSeconds(60));
        }
        finally
        {
            Directory.Delete(data, recursive: true);
        }
    }

    private static void CopyDirectory(string from, string to)
    {
        foreach (string directory in Directory.GetDirectories(from, "*", SearchOption.AllDirectories))
        {
            Directory.CreateDirectory(Path.Combine(to, Path.GetRelativePath(from, directory)));
        }
        foreach (string file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            File.Copy(file, Path.Combine(to, Path.GetRelativePath(from, file)));
        }
    }
}
