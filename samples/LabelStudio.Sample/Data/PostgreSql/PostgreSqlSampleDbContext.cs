using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace LabelStudio.Sample.Data.PostgreSql;

/// <summary>
/// The sample's database on PostgreSQL: its own type so that its migrations are PostgreSQL's, and the Data Protection
/// key ring as a table, so that every node sharing the database encrypts and decrypts webhook secrets with one ring.
/// </summary>
public sealed class PostgreSqlSampleDbContext(DbContextOptions<PostgreSqlSampleDbContext> options) : SampleDbContext(options), IDataProtectionKeyContext
{
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.Entity<DataProtectionKey>().ToTable("data_protection_key");
    }
}
