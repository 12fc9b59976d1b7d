using Hooks.Sdk.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Hooks.Sdk.Tests.Hosting;

/// <summary>A missing registration fails the host's start, or the mapping of the API, with the call that fixes it.</summary>
public sealed class StartupCheckTests : IDisposable
{
    private readonly string _database = Path.Combine(Path.GetTempPath(), $"hooks-startup-{Guid.NewGuid():N}.db");

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Delete(_database);
    }

    [Fact]
    public async Task Without_a_store_the_host_does_not_start_and_names_AddHooksEntityFrameworkCore()
    {
        var exception = await StartFailureAsync(services => services.AddHooks(options => options.Delivery = WebhookDeliveryMode.Inline));

        Assert.Contains("services.AddHooksEntityFrameworkCore<YourDbContext>()", exception.Message);
    }

    [Fact]
    public async Task Without_projects_the_host_does_not_start_and_names_the_registration_and_the_default()
    {
        var exception = await StartFailureAsync(services => services.AddHooks().AddHooksEntityFrameworkCore<TestDbContext>()
            .AddDbContext<TestDbContext>(options => options.UseSqlite($"Data Source={_database}")));

        Assert.Contains("IWebhookProjects", exception.Message);
        Assert.Contains("services.AddSingleton(WebhookProjects.None)", exception.Message);
    }

    [Fact]
    public async Task A_context_without_the_webhook_tables_fails_the_start_and_names_AddWebhooks()
    {
        var exception = await StartFailureAsync(services => services.AddHooks().AddHooksEntityFrameworkCore<BareDbContext>()
            .AddDbContext<BareDbContext>(options => options.UseSqlite($"Data Source={_database}"))
            .AddSingleton(WebhookProjects.None));

        Assert.Contains("BareDbContext has no webhook tables: call modelBuilder.AddWebhooks()", exception.Message);
    }

    [Fact]
    public async Task With_every_part_and_no_projects_the_host_starts()
    {
        HostApplicationBuilder builder = Host.CreateApplicationBuilder();
        builder.Services.AddHooks(options => options.Delivery = WebhookDeliveryMode.Inline).AddHooksEntityFrameworkCore<TestDbContext>()
            .AddDbContext<TestDbContext>(options => options.UseSqlite($"Data Source={_database}"))
            .AddSingleton(WebhookProjects.None);
        using IHost host = builder.Build();

        await host.StartAsync();
        await host.StopAsync();

        Assert.False(await WebhookProjects.None.ExistsAsync(1, 1, CancellationToken.None));
    }

    [Fact]
    public void MapWebhooksApi_without_AddHooks_names_it()
    {
        WebApplication app = WebApplication.CreateBuilder().Build();

        var exception = Assert.Throws<InvalidOperationException>(() => app.MapWebhooksApi());

        Assert.Contains("call builder.Services.AddHooks()", exception.Message);
    }

    [Fact]
    public void MapWebhooksApi_without_authentication_names_AddAuthentication()
    {
        WebApplicationBuilder builder = WebApplication.CreateBuilder();
        builder.Services.AddHooks();
        WebApplication app = builder.Build();

        var exception = Assert.Throws<InvalidOperationException>(() => app.MapWebhooksApi());

        Assert.Contains("builder.Services.AddAuthentication(...)", exception.Message);
        Assert.Contains("'organization'", exception.Message);
    }

    private static async Task<InvalidOperationException> StartFailureAsync(Action<IServiceCollection> configure)
    {
        HostApplicationBuilder builder = Host.CreateApplicationBuilder();
        configure(builder.Services);
        using IHost host = builder.Build();
        return await Assert.ThrowsAsync<InvalidOperationException>(() => host.StartAsync());
    }

    /// <summary>An app's context that forgot <c>modelBuilder.AddWebhooks()</c>.</summary>
    public sealed class BareDbContext(DbContextOptions<BareDbContext> options) : DbContext(options);
}
