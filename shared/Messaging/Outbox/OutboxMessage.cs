namespace Platform.Messaging.Outbox;

/// <summary>An event waiting to be published, written in the same transaction as the state change that caused it.</summary>
public sealed class OutboxMessage
{
    /// <summary>Commit order, so the relay publishes events in the order they were written.</summary>
    public long Sequence { get; private set; }

    public Guid EventId { get; private set; }

    public string EventType { get; private set; } = "";

    public string Payload { get; private set; } = "";

    public DateTimeOffset OccurredAt { get; private set; }

    /// <summary>W3C trace context of the request that wrote the event, so the trace continues into consumers.</summary>
    public string? TraceParent { get; private set; }

    public DateTimeOffset? SentAt { get; private set; }

    public int Attempts { get; private set; }

    public string? LastError { get; private set; }

    private OutboxMessage()
    {
    }

    public static OutboxMessage For(Guid eventId, string eventType, string payload, DateTimeOffset occurredAt, string? traceParent) =>
        new()
        {
            EventId = eventId,
            EventType = eventType,
            Payload = payload,
            OccurredAt = occurredAt,
            TraceParent = traceParent,
        };

    public void MarkFailed(string error)
    {
        Attempts++;
        LastError = error.Length > 2000 ? error[..2000] : error;
    }
}
