using System.Collections.Concurrent;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Hooks.Sdk.Delivery;
using Hooks.Sdk.Emitting;
using Hooks.Sdk.LabelStudioModels;
using Hooks.Sdk.Store;
using Hooks.Sdk.TestInfrastructure;
using Hooks.Sdk.Tests.Catalogue;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Hooks.Sdk.Tests.Infrastructure;

/// <summary>
/// A real app on 127.0.0.1 built the way a user would: its own DbContext on a fresh SQLite file, the SDK's runtime,
/// webhooks API, decorated controllers and minimal API endpoints. The caller's organization comes from an
/// <c>X-Organization</c> header; no header means unauthenticated.
/// </summary>
public sealed class TestApp : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly TestDatabase _database;
    private readonly bool _ownsDatabase;

    private TestApp(WebApplication app, TestDatabase database, bool ownsDatabase, string baseUrl, TestLogs logs)
    {
        _app = app;
        _database = database;
        _ownsDatabase = ownsDatabase;
        BaseUrl = baseUrl;
        Logs = logs;
    }

    public string BaseUrl { get; }

    public TestLogs Logs { get; }

    public IServiceProvider Services => _app.Services;

    /// <summary>
    /// Starts the app on a fresh database of <paramref name="provider"/>, which it removes when disposed; with
    /// <paramref name="database"/> it uses (and leaves) that database, as a restarted host or a second node would.
    /// </summary>
    public static async Task<TestApp> StartAsync(
        Action<WebhookOptions>? configure = null, TimeProvider? timeProvider = null, TestDatabase? database = null, DatabaseProvider provider = DatabaseProvider.Sqlite)
    {
        TestDatabase used = database ?? await TestDatabase.CreateAsync(provider);
        WebApplicationBuilder builder = WebApplication.CreateBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        var logs = new TestLogs();
        builder.Logging.ClearProviders().AddProvider(logs);
        if (timeProvider is not null)
        {
            builder.Services.AddSingleton(timeProvider);
        }
        builder.Services.AddDbContext<TestDbContext>(used.Configure);
        // The receivers are on loopback, which SSRF protection refuses: allow it as a user with a local receiver would.
        builder.Services.AddHooks(options =>
        {
            options.AllowedSubnets.Add("127.0.0.0/8");
            // Label Studio's synchronous delivery, so a test sees each event when the emitting call returns; the
            // durable default is what the delivery tests opt back into.
            options.Delivery = WebhookDeliveryMode.Inline;
            configure?.Invoke(options);
        }).AddHooksEntityFrameworkCore<TestDbContext>().AddLsActions().AddTestActions().AddOtherActions();
        if (used.Provider == DatabaseProvider.PostgreSql)
        {
            builder.Services.AddHooksPostgreSqlWakeUps<TestDbContext>();
        }
        builder.Services.AddScoped<IWebhookProjects, TestProjects>();
        builder.Services.AddAuthentication(OrganizationHeaderHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, OrganizationHeaderHandler>(OrganizationHeaderHandler.SchemeName, null);
        builder.Services.AddAuthorization();
        builder.Services.AddControllers().AddApplicationPart(typeof(TestApp).Assembly);

        WebApplication app = builder.Build();
        using (IServiceScope scope = app.Services.CreateScope())
        {
            await scope.ServiceProvider.GetRequiredService<TestDbContext>().Database.EnsureCreatedAsync();
        }
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapWebhooksApi();
        app.MapControllers();
        MinimalItemEndpoints.Map(app);
        await app.StartAsync();
        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new TestApp(app, used, database is null, address.TrimEnd('/'), logs);
    }

    /// <summary>A client acting for <paramref name="organizationId"/>, or anonymous.</summary>
    public HttpClient Client(long? organizationId = 1)
    {
        var client = new HttpClient { BaseAddress = new Uri(BaseUrl) };
        if (organizationId is { } id)
        {
            client.DefaultRequestHeaders.Add(OrganizationHeaderHandler.Header, id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        return client;
    }

    public async Task<T> WithScopeAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using AsyncServiceScope scope = _app.Services.CreateAsyncScope();
        return await work(scope.ServiceProvider);
    }

    public Task WithScopeAsync(Func<IServiceProvider, Task> work) => WithScopeAsync(async services =>
    {
        await work(services);
        return true;
    });

    public Task<TestProject> AddProjectAsync(long organizationId, string title = "Project") => WithDbAsync(async db =>
    {
        var project = new TestProject { OrganizationId = organizationId, Title = title };
        db.Projects.Add(project);
        await db.SaveChangesAsync();
        return project;
    });

    /// <summary>Adds a webhook through the database, as Label Studio's tests do with the ORM.</summary>
    public Task<Webhook> AddWebhookAsync(long organizationId, long? projectId, string url, Action<Webhook>? configure = null, params string[] actions) =>
        WithDbAsync(async db =>
        {
            var webhook = new Webhook
            {
                OrganizationId = organizationId,
                ProjectId = projectId,
                Url = url,
                CreatedAt = DateTime.UtcNow,
                UpdatedAt = DateTime.UtcNow,
                Actions = actions.Select(action => new WebhookSubscription { Action = action }).ToList(),
            };
            configure?.Invoke(webhook);
            db.Webhooks.Add(webhook);
            await db.SaveChangesAsync();
            return webhook;
        });

    public Task<Webhook?> FindWebhookAsync(long id) =>
        WithDbAsync(db => db.Webhooks.AsNoTracking().Include(webhook => webhook.Actions).FirstOrDefaultAsync(webhook => webhook.Id == id));

    public Task<List<WebhookDeliveryRecord>> DeliveriesAsync() =>
        WithDbAsync(db => db.Set<WebhookDeliveryRecord>().AsNoTracking().OrderBy(delivery => delivery.Id).ToListAsync());

    /// <summary>Wakes the dispatcher, as a write to the outbox would (used after advancing a fake clock).</summary>
    public void WakeDispatcher() => _app.Services.GetRequiredService<WebhookDispatchSignal>().Wake();

    public Task<T> WithDbAsync<T>(Func<TestDbContext, Task<T>> work) => WithScopeAsync(services => work(services.GetRequiredService<TestDbContext>()));

    /// <summary>Runs <paramref name="work"/> with a scoped emitter, as a request would.</summary>
    public Task<T> WithEmitterAsync<T>(Func<IWebhookEmitter, Task<T>> work) => WithScopeAsync(services => work(services.GetRequiredService<IWebhookEmitter>()));

    public Task WithEmitterAsync(Func<IWebhookEmitter, Task> work) => WithScopeAsync(services => work(services.GetRequiredService<IWebhookEmitter>()));

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        if (_ownsDatabase)
        {
            await _database.DisposeAsync();
        }
    }
}

/// <summary>Authenticates a request that carries <c>X-Organization: N</c> as a member of organization N.</summary>
public sealed class OrganizationHeaderHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Test";
    public const string Header = "X-Organization";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(Header, out var organization))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }
        var identity = new ClaimsIdentity([new Claim("organization", organization.ToString())], SchemeName);
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName)));
    }
}

/// <summary>Captures log entries so tests can assert what was logged.</summary>
public sealed class TestLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<(LogLevel Level, string Category, string Message)> _entries = new();

    public IReadOnlyList<(LogLevel Level, string Category, string Message)> Entries => _entries.ToArray();

    public IEnumerable<string> AtLeast(LogLevel level) => Entries.Where(entry => entry.Level >= level).Select(entry => entry.Message);

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(TestLogs logs, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                logs._entries.Enqueue((logLevel, category, formatter(state, exception)));
            }
        }
    }
}
