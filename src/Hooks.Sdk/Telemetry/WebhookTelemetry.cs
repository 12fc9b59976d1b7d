using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Hooks.Sdk.Telemetry;

/// <summary>
/// The SDK's metrics (meter <c>Hooks.Sdk</c>) and traces (activity source <c>Hooks.Sdk</c>), which OpenTelemetry
/// picks up by name: messages enqueued, attempts by outcome, attempt duration, and the outbox's due backlog and the age
/// of its oldest due message.
/// </summary>
public sealed class WebhookTelemetry : IDisposable
{
    /// <summary>The name of the meter and of the activity source.</summary>
    public const string Name = "Hooks.Sdk";

    private readonly Meter _meter;
    private readonly Counter<long> _enqueued;
    private readonly Counter<long> _attempts;
    private readonly Histogram<double> _duration;
    private long _backlog;
    private double _oldestDueAgeSeconds;

    /// <summary>Creates the instruments.</summary>
    /// <param name="meterFactory">The host's meter factory.</param>
    public WebhookTelemetry(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        _meter = meterFactory.Create(Name);
        _enqueued = _meter.CreateCounter<long>("hooks.webhook.messages.enqueued", "{message}", "Messages written to the outbox.");
        _attempts = _meter.CreateCounter<long>("hooks.webhook.attempts", "{attempt}", "Delivery attempts, by outcome.");
        _duration = _meter.CreateHistogram<double>("hooks.webhook.attempt.duration", "s", "Time from sending to the response, or to the failure.");
        _meter.CreateObservableGauge("hooks.webhook.backlog", () => Volatile.Read(ref _backlog), "{message}", "Outbox messages due and not yet delivered.");
        _meter.CreateObservableGauge("hooks.webhook.oldest_due_age", () => Volatile.Read(ref _oldestDueAgeSeconds), "s", "How long the oldest due message has waited.");
    }

    /// <summary>Traces delivery attempts.</summary>
    public static ActivitySource ActivitySource { get; } = new(Name);

    /// <summary>When the dispatcher last looked for work (UTC); the health check reads it.</summary>
    public DateTimeOffset? LastDispatchLoop { get; private set; }

    /// <summary>The last measured due backlog.</summary>
    public long Backlog => Volatile.Read(ref _backlog);

    /// <summary>The last measured age of the oldest due message.</summary>
    public TimeSpan OldestDueAge => TimeSpan.FromSeconds(Volatile.Read(ref _oldestDueAgeSeconds));

    internal void Enqueued(string action, int count) => _enqueued.Add(count, new KeyValuePair<string, object?>("action", action));

    internal void Attempted(string action, bool succeeded, int? statusCode, TimeSpan duration)
    {
        string outcome = succeeded ? "success" : statusCode is null ? "no_response" : "failure";
        var tags = new TagList { { "action", action }, { "outcome", outcome } };
        if (statusCode is { } status)
        {
            tags.Add("http.response.status_code", status);
        }
        _attempts.Add(1, tags);
        _duration.Record(duration.TotalSeconds, tags);
    }

    /// <summary>Why the dispatcher's last turn failed, until one works again; <see langword="null"/> while it works.</summary>
    public string? DispatchFailure { get; private set; }

    internal void DispatchFailed(string reason) => DispatchFailure = reason;

    internal void DispatchRecovered() => DispatchFailure = null;

    internal void DispatchLoop(DateTimeOffset now, long backlog, TimeSpan oldestDueAge)
    {
        LastDispatchLoop = now;
        Volatile.Write(ref _backlog, backlog);
        Volatile.Write(ref _oldestDueAgeSeconds, oldestDueAge.TotalSeconds);
    }

    /// <inheritdoc />
    public void Dispose() => _meter.Dispose();
}
