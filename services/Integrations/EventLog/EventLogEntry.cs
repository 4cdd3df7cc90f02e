namespace Platform.Integrations.EventLog;

/// <summary>
/// One event in the log, at its <see cref="Position"/>: positions rise in the order entries were committed
/// and are never reused, so a position is a cursor that holds across restarts and replicas.
/// </summary>
public sealed class EventLogEntry
{
    public long Position { get; init; }

    public Guid EventId { get; init; }

    /// <summary>The CloudEvents type, e.g. <c>uk.gov.education.csc.inspection.published.v1</c>.</summary>
    public string Type { get; init; } = "";

    public string Subject { get; init; } = "";

    /// <summary>The authority the event is about, where it has one: what grants and filters match.</summary>
    public string? LocalAuthority { get; init; }

    public DateTimeOffset Time { get; init; }

    public DateTimeOffset RecordedAt { get; init; }

    /// <summary>The CloudEvents 1.0 structured JSON document, as served.</summary>
    public string Document { get; init; } = "";
}
