namespace Hooks.Sdk.Delivery;

/// <summary>One attempt of a <see cref="WebhookDeliveryRecord"/>: the delivery log.</summary>
public sealed class WebhookDeliveryAttempt
{
    /// <summary>The most characters of a response body kept.</summary>
    public const int MaxResponseBody = 20_000;

    /// <summary>Identity.</summary>
    public long Id { get; set; }

    /// <summary>The message attempted.</summary>
    public long DeliveryId { get; set; }

    /// <summary>1 for the first attempt.</summary>
    public int Number { get; set; }

    /// <summary>When the attempt started (UTC).</summary>
    public DateTime StartedAt { get; set; }

    /// <summary>How long it took, in milliseconds.</summary>
    public double DurationMs { get; set; }

    /// <summary>The receiver's status, or <see langword="null"/> when none came.</summary>
    public int? StatusCode { get; set; }

    /// <summary>Why no usable response came.</summary>
    public string? Error { get; set; }

    /// <summary>The start of the response body, at most <see cref="MaxResponseBody"/> characters.</summary>
    public string? ResponseBody { get; set; }
}
