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

    /// <summary>When the relay gave up on the row (it could not be read or published after its attempts); an operator re-drives it.</summary>
    public DateTimeOffset? SetAsideAt { get; private set; }

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

    /// <summary>Records a failed attempt; the row is set aside once it has failed <paramref name="maxAttempts"/> times for a reason of its own.</summary>
    public void MarkFailed(string error, bool ownFault, int maxAttempts, DateTimeOffset now)
    {
        LastError = error.Length > 2000 ? error[..2000] : error;
        if (!ownFault)
        {
            return;
        }

        Attempts++;
        if (Attempts >= maxAttempts)
        {
            SetAsideAt = now;
        }
    }

    /// <summary>Puts a set-aside row back in line, with its attempts counted afresh.</summary>
    public void Redrive()
    {
        SetAsideAt = null;
        Attempts = 0;
    }
}
