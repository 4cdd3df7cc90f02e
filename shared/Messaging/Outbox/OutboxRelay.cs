using System.Diagnostics;
using System.Text.Json;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Platform.Messaging.Events;

namespace Platform.Messaging.Outbox;

/// <summary>
/// Publishes committed outbox rows to the broker, with publisher confirms, and marks them sent.
/// Every replica runs a relay; a batch is claimed under the outbox's advisory lock, so the replicas take
/// batches one after another and every subject's events leave in commit order (ADR 0006), and a
/// replica whose relay stops leaves its rows to the others.
/// </summary>
public sealed partial class OutboxRelay<TContext>(
    IServiceScopeFactory scopeFactory,
    IBus bus,
    OutboxSignal signal,
    IOptions<OutboxOptions> options,
    TimeProvider time,
    ILogger<OutboxRelay<TContext>> logger) : BackgroundService
    where TContext : MessagingDbContext
{
    public static readonly ActivitySource ActivitySource = new("Platform.Messaging.Outbox");

    /// <summary>The outbox's advisory lock, apart from the migrations' and the services' own.</summary>
    private const long RelayLock = 0x6f7574626f78; // "outbox"

    private readonly OutboxOptions _options = options.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var published = await PublishBatchAsync(stoppingToken);
                failures = 0;
                if (published == _options.BatchSize)
                {
                    continue;
                }

                await signal.WaitAsync(_options.PollInterval, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                failures++;
                var delay = TimeSpan.FromMilliseconds(Math.Min(_options.MaxRetryDelay.TotalMilliseconds, 200 * Math.Pow(2, failures)));
                LogRelayFailed(logger, exception, delay.TotalMilliseconds);
                await Task.Delay(delay, time, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    /// <summary>Claims one batch, publishes it (each subject's events in commit order) and commits; returns how many rows were published.</summary>
    public async Task<int> PublishBatchAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({RelayLock})", cancellationToken);

        var rows = await db.OutboxMessages
            .FromSql($"SELECT * FROM outbox_messages WHERE sent_at IS NULL AND set_aside_at IS NULL ORDER BY sequence LIMIT {_options.BatchSize} FOR UPDATE")
            .ToListAsync(cancellationToken);
        if (rows.Count == 0)
        {
            return 0;
        }

        // A row that cannot be read is counted against itself and left behind; the others go on.
        var readable = new List<(OutboxMessage Row, IntegrationEvent Event)>(rows.Count);
        Exception? failure = null;
        foreach (var row in rows)
        {
            try
            {
                readable.Add((row, Deserialize(row)));
            }
            catch (Exception exception)
            {
                row.MarkFailed($"The row cannot be read as {row.EventType}: {exception.Message}", ownFault: true, _options.MaxAttempts, time.GetUtcNow());
                failure ??= exception;
            }
        }

        // Events about the same subject go out one after another, in commit order, so a consumer that
        // applies them one at a time sees them in order; different subjects go out side by side, which
        // keeps the relay from waiting on one broker confirmation at a time.
        var outcomes = await Task.WhenAll(readable
            .GroupBy(item => item.Event.Subject, StringComparer.Ordinal)
            .Select(group => PublishInOrderAsync(group.ToList(), cancellationToken)));
        var sent = outcomes.SelectMany(outcome => outcome.Sent).ToList();
        var published = sent.Count;
        failure ??= outcomes.Select(outcome => outcome.Failure).FirstOrDefault(exception => exception is not null);

        // One statement marks the whole batch sent; a failed row's attempt is saved with it.
        var sentAt = time.GetUtcNow();
        await db.OutboxMessages
            .Where(message => sent.Contains(message.Sequence))
            .ExecuteUpdateAsync(update => update
                .SetProperty(message => message.SentAt, sentAt)
                .SetProperty(message => message.LastError, (string?)null), CancellationToken.None);
        await db.SaveChangesAsync(CancellationToken.None);
        await transaction.CommitAsync(CancellationToken.None);
        if (failure is not null)
        {
            throw new OutboxPublishException($"Published {published} of {rows.Count} outbox rows; the rest will be retried.", failure);
        }

        return published;
    }

    /// <summary>The broker unreachable or slow to confirm: the row is not at fault and keeps its place.</summary>
    private static bool IsBrokerUnavailable(Exception exception, CancellationToken stopping) =>
        TransientFaults.IsTransient(exception) || (exception is OperationCanceledException && !stopping.IsCancellationRequested);

    private static IntegrationEvent Deserialize(OutboxMessage row) =>
        JsonSerializer.Deserialize(row.Payload, IntegrationEventTypes.Resolve(row.EventType), EventJson.Options) as IntegrationEvent
        ?? throw new JsonException("The payload is empty.");

    /// <summary>Publishes one subject's rows in order, stopping at the first failure (the rest are retried later, still in order).</summary>
    private async Task<(List<long> Sent, Exception? Failure)> PublishInOrderAsync(
        List<(OutboxMessage Row, IntegrationEvent Event)> rows, CancellationToken cancellationToken)
    {
        var sent = new List<long>(rows.Count);
        foreach (var (row, integrationEvent) in rows)
        {
            try
            {
                await PublishAsync(row, integrationEvent, cancellationToken);
                sent.Add(row.Sequence);
            }
            catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                row.MarkFailed(exception.Message, ownFault: !IsBrokerUnavailable(exception, cancellationToken), _options.MaxAttempts, time.GetUtcNow());
                return (sent, exception);
            }
        }

        return (sent, null);
    }

    private async Task PublishAsync(OutboxMessage row, IntegrationEvent message, CancellationToken cancellationToken)
    {
        using var activity = ActivitySource.StartActivity($"{row.EventType} publish", ActivityKind.Producer, row.TraceParent);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.PublishTimeout);
        await bus.Publish(message, message.GetType(), context =>
        {
            context.MessageId = row.EventId;
            context.Headers.Set(SubjectOrdering.SequenceHeader, row.Sequence);
        }, timeout.Token);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbox relay could not publish; retrying in {DelayMs} ms")]
    private static partial void LogRelayFailed(ILogger logger, Exception exception, double delayMs);
}

public sealed class OutboxPublishException(string message, Exception inner) : Exception(message, inner);
