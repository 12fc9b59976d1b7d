using System.Text.Json.Serialization;
using Hooks.Sdk.Catalogue;
using Hooks.Sdk.Store;
using Microsoft.EntityFrameworkCore;

namespace Hooks.Sdk.Tests.Infrastructure;

/// <summary>A project of the test app: the app's own entity, which the SDK knows only by id.</summary>
public sealed class TestProject
{
    public long Id { get; set; }

    public long OrganizationId { get; set; }

    public string Title { get; set; } = "";
}

/// <summary>An entity of the test app that its controllers create, update and delete.</summary>
public sealed class TestItem
{
    public long Id { get; set; }

    public long ProjectId { get; set; }

    public string Name { get; set; } = "";

    [JsonIgnore]
    public TestProject? Project { get; set; }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(TestItem))]
[JsonSerializable(typeof(TestProject))]
public sealed partial class TestJsonContext : JsonSerializerContext;

/// <summary>The test app's actions over its entities.</summary>
[WebhookActions(JsonContext = typeof(TestJsonContext))]
public static partial class TestActions
{
    [WebhookAction("Item created", Key = "item", Model = typeof(TestItem), Project = "ProjectId")]
    [WebhookNestedField("owner", "Project")]
    public const string ItemCreated = "ITEM_CREATED";

    [WebhookAction("Item updated", Key = "item", Model = typeof(TestItem), Project = "ProjectId")]
    public const string ItemUpdated = "ITEM_UPDATED";

    [WebhookAction("Items deleted", Key = "items", Model = typeof(TestItem), Many = true, Project = "ProjectId", OnlyIds = true)]
    public const string ItemsDeleted = "ITEMS_DELETED";

    [WebhookAction("Project archived", Key = "project", Model = typeof(TestProject), OrganizationOnly = true)]
    public const string ProjectArchived = "PROJECT_ARCHIVED";

    [WebhookAction("Item reviewed", Key = "item", Model = typeof(TestItem), Project = "ProjectId", OptIn = true)]
    public const string ItemReviewed = "ITEM_REVIEWED";
}

public sealed class TestDbContext(DbContextOptions<TestDbContext> options) : DbContext(options)
{
    public DbSet<TestProject> Projects => Set<TestProject>();

    public DbSet<TestItem> Items => Set<TestItem>();

    public DbSet<Webhook> Webhooks => Set<Webhook>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.AddWebhooks();
        modelBuilder.Entity<Webhook>().HasOne<TestProject>().WithMany().HasForeignKey(webhook => webhook.ProjectId).OnDelete(DeleteBehavior.Cascade);
        modelBuilder.Entity<TestItem>().HasOne(item => item.Project).WithMany().HasForeignKey(item => item.ProjectId);
    }
}

/// <summary>The app side of <see cref="IWebhookProjects"/>: existence within an organization, and the payload object.</summary>
public sealed class TestProjects(TestDbContext db) : IWebhookProjects
{
    public async ValueTask<bool> ExistsAsync(long organizationId, long projectId, CancellationToken cancellationToken) =>
        await db.Projects.AnyAsync(project => project.Id == projectId && project.OrganizationId == organizationId, cancellationToken);

    public async ValueTask<byte[]?> GetPayloadAsync(long projectId, CancellationToken cancellationToken) =>
        await db.Projects.AsNoTracking().FirstOrDefaultAsync(project => project.Id == projectId, cancellationToken) is { } project
            ? System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(project, TestJsonContext.Default.TestProject)
            : null;
}
