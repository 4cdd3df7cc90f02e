using System.Diagnostics.Metrics;
using Microsoft.EntityFrameworkCore;

namespace Platform.Messaging.DeadLetters;

/// <summary>
/// Everything the service gave up on, in one place: the messages in its error queues and the outbox
/// rows its relay set aside; both listed with their reasons, counted in a metric, and re-driven on
/// an operator's word.
/// </summary>
public sealed class DeadLetterOffice<TContext>(TContext db, ErrorQueueClient errorQueues, DeadLetterGauge gauge)
    where TContext : MessagingDbContext
{
    public async Task<DeadLetterReport> LookAsync(int firstOf, CancellationToken cancellationToken)
    {
        var queues = await errorQueues.LookAsync(firstOf, cancellationToken);
        var setAside = await db.OutboxMessages.AsNoTracking()
            .Where(message => message.SetAsideAt != null)
            .OrderBy(message => message.Sequence)
            .Select(message => new SetAsideEvent(message.Sequence, message.EventId, message.EventType, message.Attempts, message.LastError, message.SetAsideAt!.Value))
            .ToListAsync(cancellationToken);
        var report = new DeadLetterReport(queues, setAside);
        gauge.Record(report);
        return report;
    }

    public async Task<RedriveResult> RedriveAsync(CancellationToken cancellationToken)
    {
        var messages = await errorQueues.RedriveAsync(cancellationToken);
        var rows = await db.OutboxMessages.Where(message => message.SetAsideAt != null).ToListAsync(cancellationToken);
        rows.ForEach(row => row.Redrive());
        await db.SaveChangesAsync(cancellationToken);
        return new RedriveResult(messages, rows.Count);
    }
}

/// <summary>
/// <c>platform.messaging.dead_letters</c>: messages waiting in the service's error queues and rows
/// its outbox set aside, as last counted (by the dead-letter watch, every half minute, and by each look).
/// </summary>
public sealed class DeadLetterGauge
{
    public const string MeterName = "Platform.Messaging";

    private long _errorQueueMessages;
    private long _setAsideEvents;

    public DeadLetterGauge(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        meter.CreateObservableGauge("platform.messaging.dead_letters", () => new[]
        {
            new Measurement<long>(Interlocked.Read(ref _errorQueueMessages), new KeyValuePair<string, object?>("kind", "error-queue")),
            new Measurement<long>(Interlocked.Read(ref _setAsideEvents), new KeyValuePair<string, object?>("kind", "outbox-set-aside")),
        }, unit: "{message}", description: "Messages in the service's error queues and outbox rows set aside, waiting for an operator.");
    }

    public long ErrorQueueMessages => Interlocked.Read(ref _errorQueueMessages);

    public long SetAsideEvents => Interlocked.Read(ref _setAsideEvents);

    public void Record(DeadLetterReport report)
    {
        Interlocked.Exchange(ref _errorQueueMessages, report.ErrorQueues.Sum(queue => (long)queue.Messages));
        Interlocked.Exchange(ref _setAsideEvents, report.SetAsideEvents.Count);
    }
}
