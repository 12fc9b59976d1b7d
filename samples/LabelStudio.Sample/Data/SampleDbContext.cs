using Hooks.Sdk.Store;
using LabelStudio.Sample.Domain;
using LabelStudio.Sample.Projects;
using Microsoft.EntityFrameworkCore;

namespace LabelStudio.Sample.Data;

/// <summary>
/// The sample's database: its own entities, and the SDK's webhook tables in the same context. Each provider has a type
/// deriving from it (<see cref="Sqlite.SqliteSampleDbContext"/>, <see cref="PostgreSql.PostgreSqlSampleDbContext"/>)
/// with its own migrations, as EF Core does multiple providers; the app's code asks for this one.
/// </summary>
public abstract class SampleDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<Organization> Organizations => Set<Organization>();

    public DbSet<User> Users => Set<User>();

    public DbSet<Project> Projects => Set<Project>();

    public DbSet<TaskItem> Tasks => Set<TaskItem>();

    public DbSet<Annotation> Annotations => Set<Annotation>();

    public DbSet<Prediction> Predictions => Set<Prediction>();

    public DbSet<MlBackend> MlBackends => Set<MlBackend>();

    /// <inheritdoc />
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        await TaskNumbers.AssignAsync(this, cancellationToken);
        return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    /// <inheritdoc />
    /// <remarks>Data Protection's key store saves synchronously; tasks are numbered by a query, so they are saved asynchronously.</remarks>
    public override int SaveChanges(bool acceptAllChangesOnSuccess) => TaskNumbers.AnyToAssign(this)
        ? throw new NotSupportedException("New tasks are numbered by a query on save: save them with SaveChangesAsync.")
        : base.SaveChanges(acceptAllChangesOnSuccess);

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.AddWebhooks();
        // Deleting a project deletes its webhooks, as in Label Studio.
        modelBuilder.Entity<Webhook>().HasOne<Project>().WithMany().HasForeignKey(webhook => webhook.ProjectId).OnDelete(DeleteBehavior.Cascade);
        modelBuilder.Entity<Webhook>().HasOne<Organization>().WithMany().HasForeignKey(webhook => webhook.OrganizationId).OnDelete(DeleteBehavior.Cascade);

        modelBuilder.Entity<Organization>().ToTable("organization");
        modelBuilder.Entity<User>(user =>
        {
            user.ToTable("user");
            user.HasIndex(u => u.Username).IsUnique();
            user.HasIndex(u => u.TokenHash).IsUnique();
            user.HasOne<Organization>().WithMany().HasForeignKey(u => u.OrganizationId);
        });
        modelBuilder.Entity<Project>(project =>
        {
            project.ToTable("project");
            project.Property(p => p.Title).HasMaxLength(ProjectRules.MaxTitleLength);
            project.HasOne<Organization>().WithMany().HasForeignKey(p => p.Organization);
            project.HasIndex(p => p.Organization);
            project.Ignore(p => p.Counters);
            project.Ignore(p => p.Creator);
        });
        modelBuilder.Entity<TaskItem>(task =>
        {
            task.ToTable("task");
            task.Ignore(t => t.Counters);
            task.Property(t => t.Data).AsJson();
            task.Property(t => t.Meta).AsJson();
            task.HasOne<Project>().WithMany().HasForeignKey(t => t.ProjectId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<Annotation>(annotation =>
        {
            annotation.ToTable("task_completion");
            annotation.Property(a => a.Result).AsJson();
            annotation.Property(a => a.Prediction).AsJson();
            annotation.HasOne(a => a.Task).WithMany().HasForeignKey(a => a.TaskId).OnDelete(DeleteBehavior.Cascade);
            annotation.HasOne<Project>().WithMany().HasForeignKey(a => a.ProjectId).OnDelete(DeleteBehavior.NoAction);
        });
        modelBuilder.Entity<Prediction>(prediction =>
        {
            prediction.ToTable("prediction");
            prediction.Property(p => p.Result).AsJson();
            prediction.HasOne<TaskItem>().WithMany().HasForeignKey(p => p.TaskId).OnDelete(DeleteBehavior.Cascade);
            prediction.HasOne<Project>().WithMany().HasForeignKey(p => p.ProjectId).OnDelete(DeleteBehavior.NoAction);
        });
        modelBuilder.Entity<MlBackend>(backend =>
        {
            backend.ToTable("ml_backend");
            backend.HasOne<Project>().WithMany().HasForeignKey(b => b.ProjectId).OnDelete(DeleteBehavior.Cascade);
        });
    }
}
