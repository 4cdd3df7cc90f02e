using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Messaging.DeadLetters;
using Platform.Messaging.Events;

namespace Platform.Messaging.Inbox;

/// <summary>
/// A consumer that applies events a batch at a time, each at most once: the batch's inbox is read once,
/// the fresh events, with any delivered earlier that missed the batch (<see cref="DeliveryLedger{TEvent}"/>),
/// are applied in their publisher's commit order (ADR 0006), and their inbox rows and effects are
/// committed in one transaction. A batch that fails for an event of its own is applied again
/// one event at a time, and only the events that still fail go to the error queue, each with its reason;
/// a failure that passes on its own (an outage) fails the batch, which is retried whole.
/// </summary>
public abstract class IdempotentBatchConsumer<TEvent, TContext>(TContext db, TimeProvider time) : IConsumer<Batch<TEvent>>
    where TEvent : IntegrationEvent
    where TContext : MessagingDbContext
{
    protected TContext Db { get; } = db;

    protected TimeProvider Time { get; } = time;

    private string ConsumerName => GetType().Name;

    public async Task Consume(ConsumeContext<Batch<TEvent>> context)
    {
        var cancellationToken = context.CancellationToken;
        var ledger = context.TryGetPayload<IServiceProvider>(out var services) ? services.GetService<DeliveryLedger<TEvent>>() : null;
        var own = context.Message.ToHashSet();
        // Deliveries the broker sent before this batch's last that missed it are applied with it, in their place.
        var earlier = ledger is null ? [] : await ledger.EarlierAsync(own, cancellationToken);
        var deliveries = own.Concat(earlier).ToList();

        var ids = deliveries.Select(message => message.Message.EventId).ToList();
        var applied = (await Db.InboxMessages.Where(m => ids.Contains(m.EventId) && m.Consumer == ConsumerName).Select(m => m.EventId).ToListAsync(cancellationToken))
            .ToHashSet();
        var fresh = new List<ConsumeContext<TEvent>>();
        foreach (var message in deliveries.InCommitOrder())
        {
            if (applied.Add(message.Message.EventId))
            {
                fresh.Add(message);
            }
            else if (own.Contains(message))
            {
                OnDuplicate(message.Message);
            }
        }

        var leftToTheirBatch = new List<ConsumeContext<TEvent>>();
        if (fresh.Count > 0)
        {
            try
            {
                await CommitAsync([.. fresh.Select(message => message.Message)], cancellationToken);
            }
            catch (Exception exception) when (!TransientFaults.IsTransient(exception))
            {
                leftToTheirBatch = await CommitOneByOneAsync(fresh, own, cancellationToken);
            }
        }

        // Settled now, not only as each delivery's own batch completes, so the next batch does not take them in again.
        ledger?.Settle(deliveries.Except(leftToTheirBatch));
    }

    /// <summary>
    /// Commits each delivery alone; a delivery of this batch that fails for itself goes to the error queue, one
    /// delivered earlier and taken in is left to its own batch. Returns those left.
    /// </summary>
    private async Task<List<ConsumeContext<TEvent>>> CommitOneByOneAsync(
        List<ConsumeContext<TEvent>> messages, HashSet<ConsumeContext<TEvent>> own, CancellationToken cancellationToken)
    {
        var left = new List<ConsumeContext<TEvent>>();
        foreach (var message in messages)
        {
            Db.ChangeTracker.Clear();
            try
            {
                await CommitAsync([message.Message], cancellationToken);
            }
            catch (Exception exception) when (IdempotentConsumer<TEvent, TContext>.IsInboxKey(exception))
            {
                // Applied meanwhile by another delivery of the same event: the effect is theirs.
                OnDuplicate(message.Message);
            }
            catch (Exception exception) when (!TransientFaults.IsTransient(exception))
            {
                Db.ChangeTracker.Clear();
                if (own.Contains(message))
                {
                    await message.ToErrorQueueAsync(exception, Time);
                }
                else
                {
                    left.Add(message);
                }
            }
        }

        return left;
    }

    private async Task CommitAsync(IReadOnlyList<TEvent> messages, CancellationToken cancellationToken)
    {
        var now = Time.GetUtcNow();
        await using var transaction = await Db.Database.BeginTransactionAsync(cancellationToken);
        await Db.CopyAsync(
            [.. messages.Select(message => new InboxMessage { EventId = message.EventId, Consumer = ConsumerName, EventType = typeof(TEvent).Name, ProcessedAt = now })],
            cancellationToken);
        await ApplyAsync(messages, cancellationToken);
        await Db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        foreach (var message in messages)
        {
            OnApplied(message);
        }
    }

    /// <summary>Called once the event's effect and inbox row are committed.</summary>
    protected virtual void OnApplied(TEvent message)
    {
    }

    /// <summary>Called when a delivery is skipped because the event was already applied.</summary>
    protected virtual void OnDuplicate(TEvent message)
    {
    }

    /// <summary>
    /// Changes the service's state for the events, in the order given, inside the transaction that commits
    /// them with their inbox rows: what an event changes is seen by the events after it only through the
    /// context's tracked entities (or rows copied in this transaction), so an implementation reads what the
    /// whole batch touches once, first.
    /// </summary>
    protected abstract Task ApplyAsync(IReadOnlyList<TEvent> messages, CancellationToken cancellationToken);
}
