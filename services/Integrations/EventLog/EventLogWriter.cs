using Microsoft.EntityFrameworkCore;
using Npgsql;
using Platform.Integrations.Data;
using Platform.Messaging.Events;

namespace Platform.Integrations.EventLog;

/// <summary>
/// Appends events to the log, each once. An entry takes the position after the highest committed: a
/// second writer at the same moment (a replica taking over the queue while the last one's write is still
/// committing) collides on the position and tries again after it, so positions are given in commit order
/// and without gaps, and a reader that has seen position n has seen every position before it. The event's
/// id is unique in the log: a redelivered event is not appended twice.
/// </summary>
public sealed class EventLogWriter(IntegrationsDbContext db, EventLogSignal signal, TimeProvider time)
{
    private const string PositionKey = "pk_event_log";

    private const int Attempts = 5;

    /// <summary>Appends the event unless the log holds it already; true when appended.</summary>
    public async Task<bool> AppendAsync(IntegrationEvent integrationEvent, CancellationToken cancellationToken)
    {
        var catalogued = EventCatalogue.Of(integrationEvent.GetType());
        var document = CloudEventDocument.Of(integrationEvent);
        var localAuthority = EventCatalogue.LocalAuthorityOf(integrationEvent);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var appended = await db.Database.ExecuteSqlAsync(
                    $"""
                    INSERT INTO event_log (position, event_id, type, subject, local_authority, time, recorded_at, document)
                    SELECT COALESCE(MAX(position), 0) + 1, {integrationEvent.EventId}, {catalogued.CloudEventType}, {integrationEvent.Subject},
                           {localAuthority}, {integrationEvent.OccurredAt}, {time.GetUtcNow()}, {document}
                    FROM event_log
                    ON CONFLICT (event_id) DO NOTHING
                    """,
                    cancellationToken);
                if (appended > 0)
                {
                    signal.Notify();
                }

                return appended > 0;
            }
            catch (PostgresException exception) when (exception is { SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: PositionKey } && attempt < Attempts)
            {
                // Another writer took this position first; the next is free once it has committed.
            }
        }
    }
}
