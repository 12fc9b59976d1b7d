using System.Data.Common;
using System.Globalization;
using Hooks.Sdk.Delivery;
using Hooks.Sdk.TestInfrastructure;
using Hooks.Sdk.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Xunit.Abstractions;

namespace Hooks.Sdk.Tests.Delivery;

/// <summary>
/// On PostgreSQL with a million finished messages and ten thousand due, every statement a claim sends reaches the
/// outbox through an index: the plans PostgreSQL chose for the very statements (and parameters) the claim ran.
/// </summary>
public sealed class ClaimPlanTests(ITestOutputHelper output)
{
    private const int Finished = 1_000_000;
    private const int Due = 10_000;
    private const int Webhooks = 20;

    [Fact]
    public async Task With_a_million_finished_rows_the_claims_use_indexes_only()
    {
        await using TestDatabase database = await TestDatabase.CreateAsync(DatabaseProvider.PostgreSql);
        var plans = new PlanRecorder();
        database.Interceptors.Add(plans);
        await using TestApp app = await TestApp.StartAsync(options => options.Delivery = WebhookDeliveryMode.Inline, database: database);
        for (int index = 0; index < Webhooks; index++)
        {
            await app.AddWebhookAsync(1, null, $"http://127.0.0.1:9/{index}");
        }
        await FillAsync(database.ConnectionString);
        DateTime now = DateTime.UtcNow;

        plans.Recording = true;
        IReadOnlyList<WebhookDeliveryRecord> heads = await app.WithScopeAsync(services => services.GetRequiredService<IWebhookOutbox>().ClaimDueAsync(
            new WebhookClaimRequest("plan", now, now.AddMinutes(1), 256, 10_000_000, new Dictionary<long, int>(), 64), CancellationToken.None));
        WebhookDeliveryRecord head = heads[0];
        await app.WithScopeAsync(services => services.GetRequiredService<IWebhookOutbox>().ClaimFollowersAsync(
            new WebhookFollowRequest("plan", now, now.AddMinutes(1), 10_000_000, [new WebhookKeyTail(head.WebhookId, head.OrderingKey, head.Id, 10)]), CancellationToken.None));
        plans.Recording = false;

        Assert.Equal(256, heads.Count);
        Assert.NotEmpty(plans.Plans);
        foreach ((string statement, string plan) in plans.Plans)
        {
            output.WriteLine(statement);
            output.WriteLine(plan);
            Assert.DoesNotContain("Seq Scan on webhook_delivery", plan, StringComparison.Ordinal);
        }
        Assert.Contains(plans.Plans, entry => entry.Plan.Contains("IX_webhook_delivery_Status_NextAttemptAt_Id", StringComparison.Ordinal));
    }

    /// <summary>The finished history and the due backlog, written by PostgreSQL itself, then analysed as autovacuum would.</summary>
    private static async Task FillAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        string sql = string.Create(CultureInfo.InvariantCulture, $"""
            INSERT INTO webhook_payload ("Body") VALUES ('\x7b7d'::bytea);
            INSERT INTO webhook_delivery ("MessageId", "WebhookId", "OrganizationId", "Action", "OrderingKey", "PayloadId", "Status", "Attempts", "CreatedAt", "NextAttemptAt")
            SELECT 'msg_done_' || n, 1 + n % {Webhooks}, 1, 'TASKS_CREATED', 'project:' || (n % 500), 1, {(int)WebhookDeliveryStatus.Succeeded}, 1,
                now() - interval '1 day' + n * interval '1 millisecond', now() - interval '1 day' + n * interval '1 millisecond'
            FROM generate_series(1, {Finished}) AS n;
            INSERT INTO webhook_delivery ("MessageId", "WebhookId", "OrganizationId", "Action", "OrderingKey", "PayloadId", "Status", "Attempts", "CreatedAt", "NextAttemptAt")
            SELECT 'msg_due_' || n, 1 + n % {Webhooks}, 1, 'TASKS_CREATED', 'key:' || n, 1, {(int)WebhookDeliveryStatus.Pending}, 0,
                now() - interval '1 minute', now() - interval '1 minute' + n * interval '1 microsecond'
            FROM generate_series(1, {Due}) AS n;
            ANALYZE;
            """);
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 300 };
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Asks PostgreSQL, before each outbox statement runs, for the plan of that statement with its parameters.</summary>
    private sealed class PlanRecorder : DbCommandInterceptor
    {
        private readonly List<(string Statement, string Plan)> _plans = [];

        public bool Recording { get; set; }

        public IReadOnlyList<(string Statement, string Plan)> Plans => _plans;

        public override async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            await ExplainAsync(command, cancellationToken);
            return result;
        }

        public override async ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            await ExplainAsync(command, cancellationToken);
            return result;
        }

        private async Task ExplainAsync(DbCommand command, CancellationToken cancellationToken)
        {
            if (!Recording || !command.CommandText.Contains("webhook_delivery", StringComparison.Ordinal))
            {
                return;
            }
            await using var explain = new NpgsqlCommand("EXPLAIN " + command.CommandText, (NpgsqlConnection)command.Connection!, (NpgsqlTransaction?)command.Transaction);
            foreach (NpgsqlParameter parameter in command.Parameters)
            {
                explain.Parameters.Add(parameter.Clone());
            }
            var plan = new List<string>();
            await using (NpgsqlDataReader reader = await explain.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    plan.Add(reader.GetString(0));
                }
            }
            _plans.Add((command.CommandText, string.Join(Environment.NewLine, plan)));
        }
    }
}
