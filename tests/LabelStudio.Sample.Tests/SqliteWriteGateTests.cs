using LabelStudio.Sample.Data;
using LabelStudio.Sample.Data.Sqlite;
using LabelStudio.Sample.Domain;
using Microsoft.EntityFrameworkCore;

namespace LabelStudio.Sample.Tests;

/// <summary>
/// The sample's in-process SQLite write gate on a real database file: every way a writer can end gives the gate back,
/// so the next writer never waits out its patience (long enough here that a leak would fail the test, not slow it).
/// </summary>
public sealed class SqliteWriteGateTests : IAsyncLifetime
{
    private static readonly TimeSpan Leak = TimeSpan.FromSeconds(30);
    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"write-gate-{Guid.NewGuid():N}");
    private readonly SqliteWriteGate _gate = new(TimeSpan.FromMinutes(10));

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        await using SampleDbContext db = Context();
        await db.Database.EnsureCreatedAsync();
    }

    public Task DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Commit_rollback_and_a_transaction_disposed_without_either_each_let_the_next_writer_in()
    {
        await using (SampleDbContext committed = Context())
        await using (var transaction = await committed.Database.BeginTransactionAsync())
        {
            committed.Organizations.Add(new Organization { Title = "committed" });
            await committed.SaveChangesAsync();
            await transaction.CommitAsync();
        }
        await using (SampleDbContext rolledBack = Context())
        await using (var transaction = await rolledBack.Database.BeginTransactionAsync())
        {
            await transaction.RollbackAsync();
        }
        await using (SampleDbContext abandoned = Context())
        await using (await abandoned.Database.BeginTransactionAsync())
        {
            abandoned.Organizations.Add(new Organization { Title = "abandoned" });
            await abandoned.SaveChangesAsync();
        }

        await using SampleDbContext next = Context();
        await using var last = await next.Database.BeginTransactionAsync().WaitAsync(Leak);
        Assert.Equal(["committed"], await next.Organizations.Select(organization => organization.Title).ToListAsync());
    }

    [Fact]
    public async Task Writes_outside_a_transaction_hold_the_gate_for_their_statement_only()
    {
        await using (SampleDbContext db = Context())
        {
            db.Organizations.Add(new Organization { Title = "one" });
            await db.SaveChangesAsync();
            await db.Organizations.ExecuteUpdateAsync(update => update.SetProperty(organization => organization.Title, "renamed"));
            Assert.Equal(1, await db.Organizations.ExecuteDeleteAsync().WaitAsync(Leak));
        }

        await using SampleDbContext next = Context();
        await using var transaction = await next.Database.BeginTransactionAsync().WaitAsync(Leak);
        Assert.Empty(await next.Organizations.ToListAsync());
    }

    [Fact]
    public async Task Concurrent_writers_all_commit()
    {
        await Task.WhenAll(Enumerable.Range(0, 16).Select(index => Task.Run(async () =>
        {
            await using SampleDbContext db = Context();
            await using var transaction = await db.Database.BeginTransactionAsync();
            db.Organizations.Add(new Organization { Title = $"writer {index}" });
            await db.SaveChangesAsync();
            await transaction.CommitAsync();
        }))).WaitAsync(Leak);

        await using SampleDbContext read = Context();
        Assert.Equal(16, await read.Organizations.CountAsync());
    }

    private SqliteSampleDbContext Context() => new(new DbContextOptionsBuilder<SqliteSampleDbContext>()
        .UseSqlite($"Data Source={Path.Combine(_directory, "gate.sqlite3")}")
        .AddInterceptors(new SqliteTuning())
        .AddInterceptors(_gate.Interceptors)
        .Options);
}
