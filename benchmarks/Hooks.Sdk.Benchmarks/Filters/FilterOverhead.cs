using System.Net.Http.Json;
using BenchmarkDotNet.Attributes;
using Hooks.Sdk.Benchmarks.Infrastructure;
using Hooks.Sdk.Identity;
using Hooks.Sdk.Store;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Hooks.Sdk.Benchmarks.Filters;

/// <summary>
/// A POST through <see cref="TestServer"/> to an action that inserts a row, undecorated and with
/// <c>[ApiWebhook]</c>: with no webhook in the caller's organization, and with one whose message goes to the outbox.
/// The dispatcher is not running, so only the request's own cost is measured.
/// </summary>
[MemoryDiagnoser]
public class FilterOverhead
{
    private const long Quiet = 1;
    private const long Subscribed = 2;

    private readonly BenchDatabase _database = new();
    private WebApplication _app = null!;
    private HttpClient _quiet = null!;
    private HttpClient _subscribed = null!;
    private long _quietProject;
    private long _subscribedProject;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        WebApplicationBuilder builder = WebApplication.CreateBuilder();
        builder.WebHost.UseTestServer();
        builder.Logging.ClearProviders();
        builder.Services.AddDbContext<BenchDbContext>(options => options.UseSqlite(_database.ConnectionString));
        builder.Services.AddHooks(options => options.Delivery = WebhookDeliveryMode.Background)
            .AddHooksEntityFrameworkCore<BenchDbContext>()
            .AddBenchActions();
        builder.Services.AddScoped<IWebhookProjects, BenchProjects>();
        builder.Services.AddSingleton<IWebhookOrganizationAccessor, HeaderOrganizationAccessor>();
        builder.Services.AddControllers().AddApplicationPart(typeof(FilterOverhead).Assembly);
        // Messages stay in the outbox: what is measured is the request, not the sending.
        builder.Services.RemoveAll<IHostedService>();

        _app = builder.Build();
        _app.MapControllers();
        await using (AsyncServiceScope scope = _app.Services.CreateAsyncScope())
        {
            BenchDbContext db = scope.ServiceProvider.GetRequiredService<BenchDbContext>();
            await db.Database.EnsureCreatedAsync();
            var quiet = new BenchProject { OrganizationId = Quiet, Title = "Quiet" };
            var subscribed = new BenchProject { OrganizationId = Subscribed, Title = "Subscribed" };
            db.Projects.AddRange(quiet, subscribed);
            await db.SaveChangesAsync();
            db.Webhooks.Add(new Webhook
            {
                OrganizationId = Subscribed,
                ProjectId = subscribed.Id,
                Url = "https://receiver.example.com/hook",
                CreatedAt = DateTime.UtcNow,
                UpdatedAt = DateTime.UtcNow,
            });
            await db.SaveChangesAsync();
            (_quietProject, _subscribedProject) = (quiet.Id, subscribed.Id);
        }
        await _app.StartAsync();
        _quiet = Client(Quiet);
        _subscribed = Client(Subscribed);
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _database.Dispose();
    }

    [Benchmark(Baseline = true, Description = "undecorated")]
    public Task Undecorated() => PostAsync(_quiet, "plain/items", _quietProject);

    [Benchmark(Description = "[ApiWebhook], no webhook")]
    public Task DecoratedNoWebhook() => PostAsync(_quiet, "hooked/items", _quietProject);

    [Benchmark(Description = "[ApiWebhook], one webhook, to the outbox")]
    public Task DecoratedToOutbox() => PostAsync(_subscribed, "hooked/items", _subscribedProject);

    private HttpClient Client(long organization)
    {
        HttpClient client = _app.GetTestServer().CreateClient();
        client.DefaultRequestHeaders.Add(HeaderOrganizationAccessor.Header, organization.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return client;
    }

    private static async Task PostAsync(HttpClient client, string path, long project)
    {
        using HttpResponseMessage response = await client.PostAsJsonAsync(path, new ItemInput(project, "item"));
        if (response.StatusCode != System.Net.HttpStatusCode.Created)
        {
            throw new InvalidOperationException($"{path} answered {(int)response.StatusCode}");
        }
    }
}
