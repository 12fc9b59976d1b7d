using System.Text.Json.Nodes;
using Hooks.Sdk.Receiving;
using Hooks.Sdk.Signatures;
using Hooks.Sdk.TestInfrastructure;
using Microsoft.Playwright;

namespace LabelStudio.Sample.UiTests;

/// <summary>
/// A person's path through the web page in headless Chromium: log in, create a project, add a webhook for it, import a
/// task, see the event arrive at a loopback receiver, send a test event, edit and delete the webhook. A screenshot of
/// the webhook page is saved with the test output.
/// </summary>
public sealed class WebhookPageTests : IAsyncLifetime
{
    private SampleServer? _server;
    private Receiver? _receiver;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    private SampleServer Server => _server!;

    private Receiver Hooks => _receiver!;

    private IBrowser Browser => _browser!;

    public async Task InitializeAsync()
    {
        try
        {
            _server = await SampleServer.StartAsync();
            _receiver = await Receiver.StartAsync();
            _playwright = await Playwright.CreateAsync();
            _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = Chromium(),
                Headless = true,
                // The machine is offline apart from loopback: keep Chromium from calling home.
                Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
            });
        }
        catch
        {
            // xUnit does not dispose a class whose start failed: the sample's process must not outlive the run.
            await DisposeAsync();
            throw;
        }
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }
        _playwright?.Dispose();
        if (_receiver is not null)
        {
            await _receiver.DisposeAsync();
        }
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    [Fact]
    public async Task Log_in_add_a_webhook_trigger_an_event_and_see_it_arrive()
    {
        IPage page = await Browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1200, Height = 900 } });

        await page.GotoAsync(Server.BaseUrl + "/projects");
        Assert.EndsWith("/user/login?ReturnUrl=%2Fprojects", page.Url);
        await page.FillAsync("input[name=Username]", SampleServer.Username);
        await page.FillAsync("input[name=Password]", "wrong");
        await page.ClickAsync("button[type=submit]");
        Assert.Equal("Wrong username or password.", await page.InnerTextAsync(".error"));
        await page.FillAsync("input[name=Password]", SampleServer.Password);
        await page.ClickAsync("button[type=submit]");
        Assert.EndsWith("/projects", page.Url);

        await page.FillAsync("input[name=Title]", "Browser project");
        await page.ClickAsync("text=Create project");
        Assert.Equal("Browser project", await page.InnerTextAsync("h1"));
        await page.ClickAsync("text=Webhooks of this project");

        // The form answers with the API's own messages.
        await page.FillAsync("input[name='Form.Url']", "not a url");
        await page.ClickAsync("button:has-text('Add webhook')");
        Assert.Equal("Enter a valid URL.", await page.InnerTextAsync("p.error[data-field=url]"));

        await page.FillAsync("input[name='Form.Url']", Hooks.Url("/from-the-page"));
        await page.FillAsync("textarea[name='Form.Headers']", "Authorization: Token for-the-receiver");
        await page.CheckAsync("input[name='Form.SendForAllActions'][value=false]");
        await page.CheckAsync("input[name='Form.Actions'][value=TASKS_CREATED]");
        Assert.Equal(0, await page.Locator("input[name='Form.Actions'][value=PROJECT_CREATED]").CountAsync());
        await page.ClickAsync("button:has-text('Add webhook')");
        Assert.StartsWith("Webhook ", await page.InnerTextAsync("#notice"));
        Assert.Equal("TASKS_CREATED", await page.InnerTextAsync("#webhooks tr[data-webhook] td:nth-child(2)"));

        await page.ClickAsync("a:has-text('Projects')");
        await page.ClickAsync("text=Browser project");
        await page.FillAsync("textarea[name=Json]", """[{"text": "from the browser"}]""");
        await page.ClickAsync("button:has-text('Import')");
        Assert.Equal("Imported 1 task(s).", await page.InnerTextAsync(".notice"));

        // The sample runs with the durable dispatcher by default: the event arrives shortly after the import.
        await Hooks.WaitForAsync(received => received.Count == 1);
        ReceivedRequest delivered = Assert.Single(Hooks.To("/from-the-page"));
        JsonObject body = delivered.Json;
        Assert.Equal("TASKS_CREATED", (string?)body["action"]);
        Assert.Equal("from the browser", (string?)body["tasks"]![0]!["data"]!["text"]);
        Assert.Equal("Browser project", (string?)body["project"]!["title"]);
        Assert.Equal("Token for-the-receiver", delivered.Headers["Authorization"]);

        await page.ClickAsync("text=Webhooks of this project");
        await page.SelectOptionAsync("#webhooks select[name=action]", "TASKS_CREATED");
        await page.ClickAsync("text=Send test event");
        Assert.Contains("delivered", await page.InnerTextAsync("#notice"));
        Assert.Equal("""{"action":"TASKS_CREATED","test":true}""", Hooks.To("/from-the-page")[^1].Body);
        await SaveScreenshotAsync(page, "webhooks-page.png");

        await page.ClickAsync("text=Edit");
        string secret = await page.InnerTextAsync("#secret");
        Assert.StartsWith("whsec_", secret);
        // The test event above was signed with it.
        ReceivedRequest test = Hooks.To("/from-the-page")[^1];
        Assert.Equal(WebhookVerification.Valid, new WebhookSignatureVerifier([WebhookSecret.Parse(secret)]).Verify(
            test.Headers["webhook-id"], test.Headers["webhook-timestamp"], test.Headers["webhook-signature"], System.Text.Encoding.UTF8.GetBytes(test.Body)));
        // The import's TASKS_CREATED went through the outbox: it is in the delivery log and can be sent again.
        Assert.Equal("succeeded", await page.InnerTextAsync("#deliveries tr[data-delivery] td:nth-child(3)"));
        string messageId = await page.InnerTextAsync("#deliveries tr[data-delivery] td:nth-child(1)");
        Assert.Equal(messageId, delivered.Headers["webhook-id"]);
        await page.ClickAsync("#deliveries button:has-text('Redeliver')");
        await Hooks.WaitForAsync(received => received.Count(request => request.Headers["webhook-id"] == messageId) == 2);

        await page.ClickAsync("button:has-text('Rotate secret')");
        Assert.NotEqual(secret, await page.InnerTextAsync("#secret"));
        await page.UncheckAsync("input[name='Form.IsActive']");
        await page.ClickAsync("button:has-text('Save')");
        Assert.Equal("no", await page.InnerTextAsync("#webhooks tr[data-webhook] td:nth-child(3)"));
        await page.ClickAsync("#webhooks button:has-text('Delete')");
        Assert.Equal(0, await page.Locator("#webhooks tr[data-webhook]").CountAsync());
    }

    private static async Task SaveScreenshotAsync(IPage page, string name)
    {
        string directory = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(directory);
        string path = Path.Combine(directory, name);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        Assert.True(new FileInfo(path).Length > 10_000, "the screenshot is empty");
    }

    private static string Chromium() =>
        Environment.GetEnvironmentVariable("CHROMIUM_PATH")
        ?? new[] { "/usr/bin/chromium", "/usr/bin/chromium-browser" }.FirstOrDefault(File.Exists)
        ?? throw new InvalidOperationException("Chromium is not installed: apt-get install chromium (.ci/run does), or set CHROMIUM_PATH.");
}
