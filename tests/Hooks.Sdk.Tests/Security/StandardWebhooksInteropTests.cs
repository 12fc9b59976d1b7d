using System.Text;
using System.Text.Json.Nodes;
using Hooks.Sdk.Receiving;
using Hooks.Sdk.Signatures;
using Hooks.Sdk.TestInfrastructure;

namespace Hooks.Sdk.Tests.Security;

/// <summary>
/// Interoperability with the reference implementation: what the SDK signs verifies with the <c>standardwebhooks</c>
/// npm package, and what that package signs verifies with the SDK. The test installs the package with npm.
/// </summary>
public sealed class StandardWebhooksInteropTests : IClassFixture<StandardWebhooksPackage>
{
    private readonly StandardWebhooksPackage _package;

    public StandardWebhooksInteropTests(StandardWebhooksPackage package) => _package = package;

    [Fact]
    public async Task What_the_sdk_signs_verifies_with_the_reference_library()
    {
        WebhookSecret secret = WebhookSecret.Generate();
        byte[] body = Encoding.UTF8.GetBytes("""{"action":"TASKS_CREATED","tasks":[{"id":1,"data":{"text":"Ça <b>marche</b>"}}]}""");
        DateTimeOffset now = DateTimeOffset.UtcNow;

        JsonObject result = await _package.RunAsync("verify", new JsonObject
        {
            ["secret"] = secret.ToString(),
            ["body"] = Encoding.UTF8.GetString(body),
            ["id"] = "msg_interop_1",
            ["timestamp"] = now.ToUnixTimeSeconds().ToString(),
            ["signature"] = WebhookSignature.Sign(secret, "msg_interop_1", now, body),
        });

        Assert.Equal("ok", (string?)result["result"]);
    }

    [Fact]
    public async Task What_the_reference_library_signs_verifies_with_the_sdk()
    {
        WebhookSecret secret = WebhookSecret.Generate();
        const string body = """{"action":"ANNOTATION_CREATED","annotation":{"id":7}}""";
        DateTimeOffset now = DateTimeOffset.UtcNow;

        JsonObject result = await _package.RunAsync("sign", new JsonObject
        {
            ["secret"] = secret.ToString(),
            ["body"] = body,
            ["id"] = "msg_interop_2",
            ["timestamp"] = now.ToUnixTimeSeconds().ToString(),
        });

        var verifier = new WebhookSignatureVerifier([secret]);
        Assert.Equal(WebhookVerification.Valid, verifier.Verify("msg_interop_2", now.ToUnixTimeSeconds().ToString(), (string?)result["signature"], Encoding.UTF8.GetBytes(body)));
        Assert.Equal(WebhookVerification.NoMatchingSignature, verifier.Verify("msg_interop_2", now.ToUnixTimeSeconds().ToString(), (string?)result["signature"], Encoding.UTF8.GetBytes(body + " ")));
    }
}

/// <summary>The <c>standardwebhooks</c> npm package installed once into a temporary folder, with a small driver script.</summary>
public sealed class StandardWebhooksPackage : IAsyncLifetime
{
    private const string Version = "1.1.1";

    private const string Driver = """
        const { Webhook } = require("standardwebhooks");
        let input = "";
        process.stdin.on("data", chunk => input += chunk);
        process.stdin.on("end", () => {
          const request = JSON.parse(input);
          const webhook = new Webhook(request.secret);
          if (process.argv[2] === "sign") {
            const signature = webhook.sign(request.id, new Date(Number(request.timestamp) * 1000), request.body);
            console.log(JSON.stringify({ signature }));
          } else {
            try {
              webhook.verify(request.body, { "webhook-id": request.id, "webhook-timestamp": request.timestamp, "webhook-signature": request.signature });
              console.log(JSON.stringify({ result: "ok" }));
            } catch (error) {
              console.log(JSON.stringify({ result: String(error.message) }));
            }
          }
        });
        """;

    private NodeScript? _script;

    public async Task InitializeAsync() => _script = await NodeScript.InstallAsync(Driver, $"standardwebhooks@{Version}");

    public async Task DisposeAsync()
    {
        if (_script is not null)
        {
            await _script.DisposeAsync();
        }
    }

    public Task<JsonObject> RunAsync(string command, JsonObject request) => _script!.RunAsync(request, command);
}
