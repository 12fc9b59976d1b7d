using Hooks.Sdk;
using LabelStudio.Sample.Domain;
using LabelStudio.Sample.Projects;
using Microsoft.EntityFrameworkCore;

namespace LabelStudio.Sample.Data;

/// <summary>The sample's database: its own entities, and the SDK's webhook tables in the same context.</summary>
public sealed class SampleDbContext(DbContextOptions<SampleDbContext> options) : DbContext(options)
{
    public DbSet<Organization> Organizations => Set<Organization>();

    public DbSet<User> Users => Set<User>();

    public DbSet<Project> Projects => Set<Project>();

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
            user.HasIndex(u => u.Token).IsUnique();
            user.HasOne<Organization>().WithMany().HasForeignKey(u => u.OrganizationId);
        });
        modelBuilder.Entity<Project>(project =>
        {
            project.ToTable("project");
            project.Property(p => p.Title).HasMaxLength(ProjectRules.MaxTitleLength);
            project.HasOne<Organization>().WithMany().HasForeignKey(p => p.Organization);
            project.HasIndex(p => p.Organization);
        });
        // Tasks and annotations are payload models for now; they become tables with their routes.
        modelBuilder.Ignore<TaskItem>();
        modelBuilder.Ignore<Annotation>();
    }
}
