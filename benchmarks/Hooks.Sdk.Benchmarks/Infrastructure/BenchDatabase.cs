using System.Text.Json;
using System.Text.Json.Serialization;
using Hooks.Sdk.Catalogue;
using Hooks.Sdk.Identity;
using Hooks.Sdk.Store;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Hooks.Sdk.Benchmarks.Infrastructure;

/// <summary>A project of the measured app, which the SDK knows only by id.</summary>
public sealed class BenchProject
{
    public long Id { get; set; }
    public long OrganizationId { get; set; }
    public string Title { get; set; } = "";
}

/// <summary>What the measured endpoints create.</summary>
public sealed class BenchItem
{
    public long Id { get; set; }
    public long ProjectId { get; set; }
    public string Name { get; set; } = "";
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(BenchItem))]
[JsonSerializable(typeof(BenchProject))]
public sealed partial class BenchJsonContext : JsonSerializerContext;

/// <summary>The measured app's one action.</summary>
[WebhookActions(JsonContext = typeof(BenchJsonContext))]
public static partial class BenchActions
{
    [WebhookAction("Item created", Key = "item", Model = typeof(BenchItem), Project = "ProjectId")]
    public const string ItemCreated = "ITEM_CREATED";
}

public sealed class BenchDbContext(DbContextOptions<BenchDbContext> options) : DbContext(options)
{
    public DbSet<BenchProject> Projects => Set<BenchProject>();

    public DbSet<BenchItem> Items => Set<BenchItem>();

    public DbSet<Webhook> Webhooks => Set<Webhook>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.AddWebhooks();
}

/// <summary>A SQLite file in a fresh temporary folder, deleted with the benchmark.</summary>
public sealed class BenchDatabase : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("hooks-bench-");

    public string ConnectionString => $"Data Source={Path.Combine(_directory.FullName, "bench.db")}";

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _directory.Delete(recursive: true);
    }
}

public sealed class BenchProjects(BenchDbContext db) : IWebhookProjects
{
    public async ValueTask<bool> ExistsAsync(long organizationId, long projectId, CancellationToken cancellationToken) =>
        await db.Projects.AnyAsync(project => project.Id == projectId && project.OrganizationId == organizationId, cancellationToken);

    public async ValueTask<byte[]?> GetPayloadAsync(long projectId, CancellationToken cancellationToken) =>
        await db.Projects.AsNoTracking().FirstOrDefaultAsync(project => project.Id == projectId, cancellationToken) is { } project
            ? JsonSerializer.SerializeToUtf8Bytes(project, BenchJsonContext.Default.BenchProject)
            : null;
}

/// <summary>The caller's organization from an <c>X-Organization</c> header: authentication is not what is measured.</summary>
public sealed class HeaderOrganizationAccessor : IWebhookOrganizationAccessor
{
    public const string Header = "X-Organization";

    public long? GetOrganizationId(HttpContext context) =>
        long.TryParse(context.Request.Headers[Header], out long organization) ? organization : null;
}
