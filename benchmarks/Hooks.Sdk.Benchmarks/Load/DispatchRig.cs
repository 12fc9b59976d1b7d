using Hooks.Sdk.Benchmarks.Infrastructure;
using Hooks.Sdk.Delivery;
using Hooks.Sdk.Emitting;
using Hooks.Sdk.Store;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Hooks.Sdk.Benchmarks.Load;

/// <summary>
/// An app that only dispatches: the SDK with its EF Core outbox on a SQLite file (or on PostgreSQL, for a
/// connection string starting with <c>Host=</c>, with the cross-node wake-ups) and the real <c>WebhookDispatcher</c>. Messages are written not yet due and released at once, so that a measurement
/// starts with a warm process and a full backlog.
/// </summary>
public sealed class DispatchRig : IAsyncDisposable
{
    public const long Organization = 1;
    private const int SeedChunk = 2000;
    private static readonly DateTime NotYet = new(2100, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private readonly IHost _host;
    private readonly BenchDatabase? _ownedDatabase;

    private DispatchRig(IHost host, BenchDatabase? ownedDatabase)
    {
        _host = host;
        _ownedDatabase = ownedDatabase;
    }

    public IServiceProvider Services => _host.Services;

    /// <summary>Builds and starts the app on <paramref name="connectionString"/>, or on a fresh database.</summary>
    public static async Task<DispatchRig> StartAsync(Action<WebhookOptions>? configure = null, string? connectionString = null)
    {
        BenchDatabase? owned = connectionString is null ? new BenchDatabase() : null;
        HostApplicationBuilder builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        bool postgreSql = IsPostgreSql(connectionString);
        builder.Services.AddDbContext<BenchDbContext>(options =>
        {
            if (postgreSql)
            {
                options.UseNpgsql(connectionString);
            }
            else
            {
                options.UseSqlite((connectionString ?? owned!.ConnectionString) + ";Pooling=True").AddInterceptors(new SynchronousNormal());
            }
        });
        builder.Services.AddHooks(options =>
        {
            options.Delivery = WebhookDeliveryMode.Background;
            options.AllowedSubnets.Add("127.0.0.0/8");
            configure?.Invoke(options);
        }).AddHooksEntityFrameworkCore<BenchDbContext>().AddBenchActions();
        if (postgreSql)
        {
            builder.Services.AddHooksPostgreSqlWakeUps<BenchDbContext>();
        }
        builder.Services.AddScoped<IWebhookProjects, BenchProjects>();
        IHost host = builder.Build();
        await using (AsyncServiceScope scope = host.Services.CreateAsyncScope())
        {
            BenchDbContext db = scope.ServiceProvider.GetRequiredService<BenchDbContext>();
            await db.Database.EnsureCreatedAsync();
            if (!postgreSql)
            {
                // SQLite as a server app should run it: readers never wait for the writer, and a commit is not a sync.
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
            }
        }
        await host.StartAsync();
        return new DispatchRig(host, owned);
    }

    /// <summary>Adds organization-level webhooks that receive every action.</summary>
    public Task<long[]> AddWebhooksAsync(IEnumerable<string> urls) => WithDbAsync(async db =>
    {
        Webhook[] webhooks = urls.Select(url => new Webhook
        {
            OrganizationId = Organization,
            Url = url,
            CreatedAt = DateTime.UtcNow,
            UpdatedAt = DateTime.UtcNow,
        }).ToArray();
        db.Webhooks.AddRange(webhooks);
        await db.SaveChangesAsync();
        return webhooks.Select(webhook => webhook.Id).ToArray();
    });

    /// <summary>Writes <paramref name="count"/> messages, round-robin over <paramref name="webhooks"/>, due only when released.</summary>
    public async Task SeedAsync(IReadOnlyList<long> webhooks, int count, byte[] body)
    {
        for (int start = 0; start < count; start += SeedChunk)
        {
            int size = Math.Min(SeedChunk, count - start);
            await using AsyncServiceScope scope = Services.CreateAsyncScope();
            await scope.ServiceProvider.GetRequiredService<IWebhookOutbox>().EnqueueAsync(
                Enumerable.Range(start, size).Select(index => new WebhookDeliveryRecord
                {
                    MessageId = WebhookMessage.NewMessageId(DateTimeOffset.UtcNow),
                    WebhookId = webhooks[index % webhooks.Count],
                    OrganizationId = Organization,
                    Action = BenchActions.ItemCreated,
                    Body = body,
                    Status = WebhookDeliveryStatus.Pending,
                    CreatedAt = DateTime.UtcNow,
                    NextAttemptAt = NotYet,
                }).ToList(),
                CancellationToken.None);
        }
    }

    /// <summary>
    /// Writes one due <c>ITEM_CREATED</c> for <paramref name="itemId"/> to the outbox in its own transaction, to every
    /// webhook, whether or not this process dispatches (on PostgreSQL the commit notifies every node).
    /// </summary>
    public async Task WriteDueAsync(long itemId)
    {
        long[] webhooks = await WithDbAsync(db => db.Webhooks.Select(webhook => webhook.Id).ToArrayAsync());
        byte[] body = System.Text.Encoding.UTF8.GetBytes($$$"""{"action":"ITEM_CREATED","item":{"id":{{{itemId}}},"project_id":1,"name":"item"},"project":{"id":1}}""");
        DateTime now = DateTime.UtcNow;
        await using AsyncServiceScope scope = Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IWebhookOutbox>().EnqueueAsync(
            webhooks.Select(webhook => new WebhookDeliveryRecord
            {
                MessageId = WebhookMessage.NewMessageId(DateTimeOffset.UtcNow),
                WebhookId = webhook,
                OrganizationId = Organization,
                Action = BenchActions.ItemCreated,
                Body = body,
                Status = WebhookDeliveryStatus.Pending,
                CreatedAt = now,
                NextAttemptAt = now,
            }).ToList(),
            CancellationToken.None);
    }

    /// <summary>Makes every seeded message due now and wakes the dispatcher (on PostgreSQL, every node's).</summary>
    public async Task ReleaseAsync()
    {
        DateTime now = DateTime.UtcNow;
        await WithDbAsync(async db =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            int released = await db.Set<WebhookDeliveryRecord>()
                .Where(delivery => delivery.NextAttemptAt == NotYet)
                .ExecuteUpdateAsync(update => update.SetProperty(delivery => delivery.NextAttemptAt, now));
            if (db.Database.IsNpgsql())
            {
                await db.Database.ExecuteSqlRawAsync("SELECT pg_notify('hooks_outbox', '')");
            }
            await transaction.CommitAsync();
            return released;
        });
        Services.GetRequiredService<WebhookDispatchSignal>().Wake();
    }

    private static bool IsPostgreSql(string? connectionString) => connectionString?.StartsWith("Host=", StringComparison.Ordinal) == true;

    /// <summary>Whether any message is due (the backlog was released).</summary>
    public Task<bool> AnyDueAsync()
    {
        DateTime now = DateTime.UtcNow;
        return WithDbAsync(db => db.Set<WebhookDeliveryRecord>().AnyAsync(delivery => delivery.NextAttemptAt <= now));
    }

    /// <summary>Messages not yet finished.</summary>
    public Task<int> PendingAsync() =>
        WithDbAsync(db => db.Set<WebhookDeliveryRecord>().CountAsync(delivery => delivery.Status == WebhookDeliveryStatus.Pending));

    /// <summary>Emits <c>ITEM_CREATED</c> for one item through the SDK's emitter, as an app's request would.</summary>
    public async Task EmitAsync(long itemId)
    {
        await using AsyncServiceScope scope = Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IWebhookEmitter>()
            .EmitAsync(BenchActions.Descriptors.ItemCreated, Organization, [new BenchItem { Id = itemId, ProjectId = 1, Name = "item" }]);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
        _ownedDatabase?.Dispose();
    }

    private async Task<T> WithDbAsync<T>(Func<BenchDbContext, Task<T>> work)
    {
        await using AsyncServiceScope scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<BenchDbContext>());
    }
}

/// <summary><c>synchronous=NORMAL</c> on every connection: with WAL, durable at each checkpoint rather than each commit.</summary>
internal sealed class SynchronousNormal : Microsoft.EntityFrameworkCore.Diagnostics.DbConnectionInterceptor
{
    public override async Task ConnectionOpenedAsync(System.Data.Common.DbConnection connection, Microsoft.EntityFrameworkCore.Diagnostics.ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using System.Data.Common.DbCommand command = connection.CreateCommand();
        command.CommandText = "PRAGMA synchronous=NORMAL;";
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
