using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Text.Json.Nodes;
using Hooks.Sdk.Delivery;
using Hooks.Sdk.Store;
using Hooks.Sdk.Telemetry;
using Hooks.Sdk.TestInfrastructure;
using Hooks.Sdk.Tests.Catalogue;
using Hooks.Sdk.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Hooks.Sdk.Tests.Delivery;

/// <summary>The operator signals: metrics by outcome, and the dispatcher's health.</summary>
public sealed class TelemetryTests
{
    [Fact]
    public async Task Enqueued_messages_and_attempts_by_outcome_are_measured()
    {
        await using Receiver receiver = await Receiver.StartAsync();
        receiver.Respond = context =>
        {
            context.Response.StatusCode = context.Request.Path == "/bad" ? 500 : 200;
            return Task.CompletedTask;
        };
        await using TestApp app = await TestApp.StartAsync(options =>
        {
            options.Delivery = WebhookDeliveryMode.Background;
            options.RetrySchedule = [];
        });
        var measurements = new ConcurrentQueue<(string Instrument, double Value, Dictionary<string, object?> Tags)>();
        using MeterListener listener = Listen(app.Services.GetRequiredService<IMeterFactory>(), measurements);
        await app.AddWebhookAsync(1, null, receiver.Url("/good"));
        await app.AddWebhookAsync(1, null, receiver.Url("/bad"));

        await app.WithEmitterAsync(emitter => OtherActions.EmitSomethingHappenedAsync(emitter, 1, null, new JsonObject { ["something"] = "measured" }).AsTask());
        await receiver.WaitForAsync(received => received.Count == 2);
        await Eventually.UntilAsync(() => measurements.Count(m => m.Instrument == "hooks.webhook.attempts"), attempts => attempts >= 2,
            attempts => $"{attempts} attempts were measured, not 2", TimeSpan.FromSeconds(10));

        (string _, double enqueued, Dictionary<string, object?> enqueuedTags) = Assert.Single(measurements, m => m.Instrument == "hooks.webhook.messages.enqueued");
        Assert.Equal((2d, "SOMETHING_HAPPENED"), (enqueued, enqueuedTags["action"]));
        var attempts = measurements.Where(m => m.Instrument == "hooks.webhook.attempts").Select(m => (m.Tags["outcome"], m.Tags["http.response.status_code"])).OrderBy(tags => tags.Item1).ToArray();
        Assert.Equal([("failure", (object?)500), ("success", 200)], attempts);
        Assert.Equal(2, measurements.Count(m => m.Instrument == "hooks.webhook.attempt.duration" && m.Value >= 0));
    }

    [Fact]
    public async Task The_health_check_reports_a_running_dispatcher_and_degrades_when_messages_wait()
    {
        await using Receiver receiver = await Receiver.StartAsync();
        var hang = new TaskCompletionSource();
        receiver.Respond = _ => hang.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await using TestApp app = await TestApp.StartAsync(options => options.Delivery = WebhookDeliveryMode.Background);
        HealthCheckService health = app.Services.GetRequiredService<HealthCheckService>();
        await WaitForAsync(health, HealthStatus.Healthy);

        Webhook webhook = await app.AddWebhookAsync(1, null, receiver.Url());
        await app.WithScopeAsync(services => services.GetRequiredService<IWebhookOutbox>().EnqueueAsync(
            [new WebhookDeliveryRecord { MessageId = "msg_waiting", WebhookId = webhook.Id, OrganizationId = 1, Action = "MAINTENANCE", Body = "{}"u8.ToArray(), CreatedAt = DateTime.UtcNow, NextAttemptAt = DateTime.UtcNow.AddMinutes(-10) }],
            CancellationToken.None));
        app.WakeDispatcher();

        HealthReport report = await WaitForAsync(health, HealthStatus.Degraded);
        Assert.Equal(1L, report.Entries["hooks-dispatcher"].Data["backlog"]);
        hang.SetResult();
    }

    [Fact]
    public async Task Inline_delivery_is_healthy_without_a_dispatcher()
    {
        await using TestApp app = await TestApp.StartAsync();

        HealthReport report = await app.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();

        Assert.Equal(HealthStatus.Healthy, report.Status);
    }

    private static MeterListener Listen(IMeterFactory factory, ConcurrentQueue<(string, double, Dictionary<string, object?>)> measurements)
    {
        var listener = new MeterListener
        {
            // Other tests run their own apps in parallel: listen to this app's meters only.
            InstrumentPublished = (instrument, meterListener) =>
            {
                if (instrument.Meter.Name == WebhookTelemetry.Name && instrument.Meter.Scope == factory)
                {
                    meterListener.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => measurements.Enqueue((instrument.Name, value, Tags(tags))));
        listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => measurements.Enqueue((instrument.Name, value, Tags(tags))));
        listener.Start();
        return listener;
    }

    private static Dictionary<string, object?> Tags(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var result = new Dictionary<string, object?>();
        foreach (KeyValuePair<string, object?> tag in tags)
        {
            result[tag.Key] = tag.Value;
        }
        return result;
    }

    [Fact]
    public async Task A_dispatcher_that_cannot_claim_logs_it_once_reports_it_in_its_health_and_says_when_it_works_again()
    {
        await using TestApp app = await TestApp.StartAsync(options =>
        {
            options.Delivery = WebhookDeliveryMode.Background;
            options.PollInterval = TimeSpan.FromMilliseconds(50);
        });
        HealthCheckService health = app.Services.GetRequiredService<HealthCheckService>();
        await WaitForAsync(health, HealthStatus.Healthy);

        // The outbox's table gone from under the dispatcher, as after a bad migration.
        await app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("ALTER TABLE webhook_delivery RENAME TO webhook_delivery_parked"));
        HealthReport failing = await WaitForAsync(health, HealthStatus.Unhealthy);
        await Task.Delay(500);
        Assert.StartsWith("The webhook dispatcher cannot claim messages: ", failing.Entries["hooks-dispatcher"].Description);
        Assert.Single(app.Logs.AtLeast(Microsoft.Extensions.Logging.LogLevel.Error), message => message.StartsWith("Claiming due webhook messages failed", StringComparison.Ordinal));

        await app.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("ALTER TABLE webhook_delivery_parked RENAME TO webhook_delivery"));
        await WaitForAsync(health, HealthStatus.Healthy);
        Assert.Contains(app.Logs.AtLeast(Microsoft.Extensions.Logging.LogLevel.Information), message => message == "Claiming due webhook messages works again");
    }

    private static Task<HealthReport> WaitForAsync(HealthCheckService health, HealthStatus status) =>
        Eventually.UntilAsync(() => health.CheckHealthAsync(), report => report.Status == status,
            report => $"Health stayed {report.Status}: {report.Entries["hooks-dispatcher"].Description}", TimeSpan.FromSeconds(15), TimeSpan.FromMilliseconds(50));
}
