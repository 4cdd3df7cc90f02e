namespace Platform.Integrations.Webhooks;

/// <summary>One attempt to deliver one event to one subscription: the delivery log.</summary>
public sealed class WebhookAttempt
{
    public long Id { get; init; }

    public Guid SubscriptionId { get; init; }

    public long Position { get; init; }

    public Guid EventId { get; init; }

    /// <summary>1 for the first attempt at this event, counting on through retries.</summary>
    public int Attempt { get; init; }

    public DateTimeOffset At { get; init; }

    /// <summary>The receiver's answer; none when it could not be reached or was refused before sending.</summary>
    public int? StatusCode { get; init; }

    public string? Error { get; init; }

    public int DurationMs { get; init; }

    public bool Succeeded { get; init; }
}

/// <summary>One event asked to be delivered again, ahead of the subscription's place in the log.</summary>
public sealed class WebhookRedelivery
{
    public Guid SubscriptionId { get; init; }

    public long Position { get; init; }

    public DateTimeOffset RequestedAt { get; init; }
}
