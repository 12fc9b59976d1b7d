using System.Text.Json.Nodes;
using Hooks.Sdk.TestInfrastructure;
using Hooks.Sdk.Tests.Catalogue;
using Hooks.Sdk.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace Hooks.Sdk.Tests.Delivery;

/// <summary>
/// For one webhook, the messages of one project arrive in emission order, one at a time; a failing or hanging message
/// holds back only the later messages of its own project.
/// </summary>
public abstract class OrderingTests(DatabaseProvider provider) : ProviderTests(provider)
{
    private const long ProjectA = 1;
    private const long ProjectB = 2;

    [Fact]
    public async Task A_failing_message_holds_back_its_project_until_it_succeeds_and_order_is_kept()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using Receiver receiver = await Receiver.StartAsync();
        int firstTries = 0;
        receiver.Respond = context =>
        {
            context.Response.StatusCode = Text(context) == "A0" && Interlocked.Increment(ref firstTries) == 1 ? 500 : 200;
            return Task.CompletedTask;
        };
        await using TestApp app = await StartAppAsync(Background([TimeSpan.FromSeconds(10)]), time);
        await app.AddWebhookAsync(1, null, receiver.Url());

        await EmitAsync(app, ProjectA, "A", 5);
        await EmitAsync(app, ProjectB, "B", 5);

        // Project B flows while A0 waits for its retry, and nothing of A overtakes A0.
        await receiver.WaitForAsync(received => Texts(received).Count(text => text.StartsWith('B')) == 5);
        Assert.Equal(["A0"], Texts(receiver.Requests).Where(text => text.StartsWith('A')));

        time.Advance(TimeSpan.FromSeconds(13));
        app.WakeDispatcher();
        await receiver.WaitForAsync(received => Texts(received).Count(text => text.StartsWith('A')) == 6);
        Assert.Equal(["A0", "A0", "A1", "A2", "A3", "A4"], Texts(receiver.Requests).Where(text => text.StartsWith('A')));
        Assert.Equal(["B0", "B1", "B2", "B3", "B4"], Texts(receiver.Requests).Where(text => text.StartsWith('B')));
    }

    [Fact]
    public async Task A_receiver_hanging_for_one_project_does_not_delay_another()
    {
        await using Receiver receiver = await Receiver.StartAsync();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        receiver.Respond = context => Text(context) == "A0" ? release.Task : Task.CompletedTask;
        await using TestApp app = await StartAppAsync(Background([TimeSpan.FromSeconds(10)]));
        await app.AddWebhookAsync(1, null, receiver.Url());
        try
        {
            await EmitAsync(app, ProjectA, "A", 3);
            await EmitAsync(app, ProjectB, "B", 10);

            // The wait's timeout only guards against a hang; nothing here measures speed.
            await receiver.WaitForAsync(received => Texts(received).Count(text => text.StartsWith('B')) == 10);
            Assert.Equal(["A0"], Texts(receiver.Requests).Where(text => text.StartsWith('A')));
        }
        finally
        {
            release.TrySetResult();
        }
        await receiver.WaitForAsync(received => Texts(received).Count(text => text.StartsWith('A')) == 3);
        Assert.Equal(["A0", "A1", "A2"], Texts(receiver.Requests).Where(text => text.StartsWith('A')));
    }

    [Fact]
    public async Task Two_dispatchers_on_one_database_keep_the_webhooks_cap_and_each_projects_order_between_them()
    {
        const int Cap = 2;
        const int Projects = 6;
        const int PerProject = 8;
        await using Receiver receiver = await Receiver.StartAsync();
        int inFlight = 0;
        int mostInFlight = 0;
        receiver.Respond = async _ =>
        {
            int now = Interlocked.Increment(ref inFlight);
            InterlockedMax(ref mostInFlight, now);
            // Long enough that sends of both dispatchers would overlap if both sent for the webhook.
            await Task.Delay(30);
            Interlocked.Decrement(ref inFlight);
        };
        await using TestDatabase database = await CreateDatabaseAsync();
        Action<WebhookOptions> options = Background([TimeSpan.FromSeconds(10)]) + (settings =>
        {
            settings.MaxConcurrencyPerWebhook = Cap;
            settings.PollInterval = TimeSpan.FromMilliseconds(50);
        });
        await using TestApp first = await StartAppAsync(options, database: database);
        await using TestApp second = await StartAppAsync(options, database: database);
        await first.AddWebhookAsync(1, null, receiver.Url());

        // Written from both nodes, each project's messages in turn, while both dispatchers claim.
        for (int index = 0; index < PerProject; index++)
        {
            for (long project = 1; project <= Projects; project++)
            {
                await EmitAsync(project % 2 == 0 ? first : second, project, $"P{project}-", index, 1);
            }
        }

        IReadOnlyList<ReceivedRequest> received = await receiver.WaitForAsync(requests => requests.Count == Projects * PerProject, TimeSpan.FromSeconds(60));
        Assert.InRange(mostInFlight, 1, Cap);
        for (long project = 1; project <= Projects; project++)
        {
            Assert.Equal(Enumerable.Range(0, PerProject).Select(index => $"P{project}-{index}"), Texts(received).Where(text => text.StartsWith($"P{project}-", StringComparison.Ordinal)));
        }
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }

    private static Action<WebhookOptions> Background(List<TimeSpan> schedule) => options =>
    {
        options.Delivery = WebhookDeliveryMode.Background;
        options.RetrySchedule = schedule;
    };

    private static async Task EmitAsync(TestApp app, long projectId, string prefix, int count) => await EmitAsync(app, projectId, prefix, 0, count);

    private static async Task EmitAsync(TestApp app, long projectId, string prefix, int from, int count)
    {
        for (int index = from; index < from + count; index++)
        {
            await app.WithEmitterAsync(emitter => OtherActions.EmitSomethingHappenedAsync(
                emitter, 1, projectId, new JsonObject { ["something"] = $"{prefix}{index}" }).AsTask());
        }
    }

    private static string Text(Microsoft.AspNetCore.Http.HttpContext context) => (string)Receiver.RequestOf(context).Json["something"]!;

    private static IEnumerable<string> Texts(IReadOnlyList<ReceivedRequest> requests) => requests.Select(request => (string)request.Json["something"]!);
}

public sealed class OrderingTestsOnSqlite() : OrderingTests(DatabaseProvider.Sqlite);

public sealed class OrderingTestsOnPostgreSql() : OrderingTests(DatabaseProvider.PostgreSql);
