using Hooks.Sdk.Store;
using Hooks.Sdk.Tests.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

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
            .Services.AddDbContext<TestDbContext>(options => options.UseSqlite($"Data Source={_database}")));

        Assert.Contains("IWebhookProjects", exception.Message);
        Assert.Contains(".AddProjects(WebhookProjects.None)", exception.Message);
    }

    [Fact]
    public async Task A_context_without_the_webhook_tables_fails_the_start_and_names_AddWebhooks()
    {
        var exception = await StartFailureAsync(services => services.AddHooks().AddHooksEntityFrameworkCore<BareDbContext>().AddProjects(WebhookProjects.None)
            .Services.AddDbContext<BareDbContext>(options => options.UseSqlite($"Data Source={_database}")));

        Assert.Contains("BareDbContext has no webhook tables: call modelBuilder.AddWebhooks()", exception.Message);
    }

    [Fact]
    public async Task With_every_part_and_no_projects_the_host_starts()
    {
        HostApplicationBuilder builder = Host.CreateApplicationBuilder();
        builder.Services.AddHooks(options => options.Delivery = WebhookDeliveryMode.Inline).AddHooksEntityFrameworkCore<TestDbContext>()
            .AddProjects(WebhookProjects.None)
            .Services.AddDbContext<TestDbContext>(options => options.UseSqlite($"Data Source={_database}"));
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

    [Fact]
    public async Task Filters_of_a_catalogue_that_is_not_registered_fail_the_start_and_name_its_Add_call()
    {
        await using WebApplication app = await WebAppAsync(registerCatalogue: false, MinimalItemEndpoints.Map);

        var exception = await Assert.ThrowsAsync<InvalidOperationException>(() => app.StartAsync());

        // Both kinds of filter are found: the controllers' attributes and the minimal endpoints' helpers.
        Assert.Contains("ItemsController.Create", exception.Message);
        Assert.Contains("HTTP: POST /minimal/items: ITEM_CREATED is not declared by any registered catalogue", exception.Message);
        Assert.Contains("HTTP: DELETE /minimal/items/{id:long}: ITEMS_DELETED is not declared", exception.Message);
        Assert.Contains("services.Add{ClassName}()", exception.Message);
    }

    [Fact]
    public async Task A_computed_action_of_the_wrong_kind_fails_the_start()
    {
        // A name computed at run time, which the analyzer (HOOK024) cannot see.
        string action = string.Concat("ITEM_", "CREATED");
        await using WebApplication app = await WebAppAsync(registerCatalogue: true, web =>
            web.MapDelete("/things/{id}", (long id) => TypedResults.NoContent()).WithApiWebhookForDelete(action));

        var exception = await Assert.ThrowsAsync<InvalidOperationException>(() => app.StartAsync());

        Assert.Contains("HTTP: DELETE /things/{id}: ITEM_CREATED: [ApiWebhookForDelete] needs an OnlyIds action", exception.Message);
        Assert.DoesNotContain("ItemsController", exception.Message);
    }

    /// <summary>A web app on loopback with every part but, optionally, the catalogue its filters use.</summary>
    private async Task<WebApplication> WebAppAsync(bool registerCatalogue, Action<WebApplication> map)
    {
        WebApplicationBuilder builder = WebApplication.CreateBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddDbContext<TestDbContext>(options => options.UseSqlite($"Data Source={_database}"));
        builder.Services.AddHooks(options => options.Delivery = WebhookDeliveryMode.Inline).AddHooksEntityFrameworkCore<TestDbContext>()
            .AddProjects(WebhookProjects.None);
        if (registerCatalogue)
        {
            builder.Services.AddTestActions();
        }
        builder.Services.AddAuthentication(OrganizationHeaderHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, OrganizationHeaderHandler>(OrganizationHeaderHandler.SchemeName, null);
        builder.Services.AddControllers().AddApplicationPart(typeof(TestApp).Assembly);
        WebApplication app = builder.Build();
        await using (AsyncServiceScope scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<TestDbContext>().Database.EnsureCreatedAsync();
        }
        app.MapControllers();
        map(app);
        return app;
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
