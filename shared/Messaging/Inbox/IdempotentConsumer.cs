using MassTransit;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Platform.Messaging.Events;

namespace Platform.Messaging.Inbox;

/// <summary>
/// A consumer that applies each event at most once: the inbox row and the effect are saved by one
/// SaveChanges (one transaction), and the inbox's key refuses a second: a redelivered event, or one of
/// two deliveries racing each other, is rolled back whole and counted as a duplicate. The inbox is not
/// read first: a redelivery is rare, and every delivery would pay for the look.
/// Exceptions propagate, so a failed message is retried and then moved to the error queue, never acknowledged.
/// </summary>
public abstract class IdempotentConsumer<TEvent, TContext>(TContext db, TimeProvider time) : IConsumer<TEvent>
    where TEvent : IntegrationEvent
    where TContext : MessagingDbContext
{
    /// <summary>The name of the inbox's primary key (<see cref="MessagingDbContext"/>).</summary>
    public const string InboxKey = "pk_inbox_messages";

    protected TContext Db { get; } = db;

    protected TimeProvider Time { get; } = time;

    public async Task Consume(ConsumeContext<TEvent> context)
    {
        var consumer = GetType().Name;
        var cancellationToken = context.CancellationToken;

        Db.InboxMessages.Add(new InboxMessage
        {
            EventId = context.Message.EventId,
            Consumer = consumer,
            EventType = typeof(TEvent).Name,
            ProcessedAt = Time.GetUtcNow(),
        });
        await ApplyAsync(context.Message, cancellationToken);
        try
        {
            await Db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException exception) when (IsInboxKey(exception))
        {
            // Applied before (a redelivery) or at this moment by another delivery: the effect is theirs.
            Db.ChangeTracker.Clear();
            OnDuplicate(context.Message);
            return;
        }

        OnApplied(context.Message);
    }

    /// <summary>
    /// The inbox's key refused the row (raised by the database itself, or by EF Core around it): this
    /// consumer has applied the event already.
    /// </summary>
    internal static bool IsInboxKey(Exception exception) =>
        (exception as PostgresException ?? exception.InnerException as PostgresException) is
            { SqlState: PostgresErrorCodes.UniqueViolation, ConstraintName: InboxKey };

    /// <summary>Called once the event's effect and inbox row are committed.</summary>
    protected virtual void OnApplied(TEvent message)
    {
    }

    /// <summary>Called when a delivery is skipped because the event was already applied.</summary>
    protected virtual void OnDuplicate(TEvent message)
    {
    }

    /// <summary>Changes the service's state for the event; saved by the caller together with the inbox row.</summary>
    protected abstract Task ApplyAsync(TEvent message, CancellationToken cancellationToken);
}
