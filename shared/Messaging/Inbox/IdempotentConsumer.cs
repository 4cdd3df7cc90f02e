using MassTransit;
using Microsoft.EntityFrameworkCore;
using Platform.Messaging.Events;

namespace Platform.Messaging.Inbox;

/// <summary>
/// A consumer that applies each event at most once: the inbox row and the effect are saved by one
/// SaveChanges (one transaction), so a redelivered event finds its row and changes nothing; two
/// deliveries racing each other collide on the inbox key, and the loser is retried and finds the row.
/// Exceptions propagate, so a failed message is retried and then moved to the error queue, never acknowledged.
/// </summary>
public abstract class IdempotentConsumer<TEvent, TContext>(TContext db, TimeProvider time) : IConsumer<TEvent>
    where TEvent : IntegrationEvent
    where TContext : MessagingDbContext
{
    protected TContext Db { get; } = db;

    protected TimeProvider Time { get; } = time;

    public async Task Consume(ConsumeContext<TEvent> context)
    {
        var consumer = GetType().Name;
        var eventId = context.Message.EventId;
        var cancellationToken = context.CancellationToken;

        if (await Db.InboxMessages.AnyAsync(message => message.EventId == eventId && message.Consumer == consumer, cancellationToken))
        {
            OnDuplicate(context.Message);
            return;
        }

        Db.InboxMessages.Add(new InboxMessage
        {
            EventId = eventId,
            Consumer = consumer,
            EventType = typeof(TEvent).Name,
            ProcessedAt = Time.GetUtcNow(),
        });
        await ApplyAsync(context.Message, cancellationToken);
        await Db.SaveChangesAsync(cancellationToken);
        OnApplied(context.Message);
    }

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
