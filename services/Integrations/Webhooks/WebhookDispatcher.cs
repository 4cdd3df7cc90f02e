using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Platform.Integrations.Data;
using Platform.Integrations.EventLog;
using Platform.Integrations.Feed;

namespace Platform.Integrations.Webhooks;

/// <summary>
/// Delivers the log to subscriptions. Every replica runs one: a subscription due for delivery is leased
/// by one replica at a time (a row lock taken with SKIP LOCKED, then a lease that runs out if the replica
/// stops), so its events leave one after another, in log order. Each delivery's outcome and the
/// subscription's place are saved before the next is sent: a replica that stops mid-run repeats at most the
/// delivery in flight, with the same <c>webhook-id</c>. Subscriptions are served side by side, up to
/// <see cref="WebhookOptions.Concurrency"/> per replica.
/// </summary>
public sealed partial class WebhookDispatcher(
    IServiceScopeFactory scopes, EventLogSignal signal, IOptions<WebhookOptions> options, TimeProvider time, ILogger<WebhookDispatcher> logger) : BackgroundService
{
    /// <summary>Deliveries one lease covers before the subscription goes back in line, so busy ones do not starve the rest.</summary>
    private const int DeliveriesPerLease = 200;

    private readonly string _replica = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";

    private readonly WebhookOptions _options = options.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var slots = new SemaphoreSlim(_options.Concurrency);
        var running = new ConcurrentDictionary<Guid, Task>();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var leased = slots.CurrentCount == 0 ? [] : await LeaseAsync(slots.CurrentCount, stoppingToken);
                foreach (var subscription in leased)
                {
                    await slots.WaitAsync(stoppingToken);
                    running[subscription] = Task.Run(async () =>
                    {
                        try
                        {
                            await RunAsync(subscription, stoppingToken);
                        }
                        catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
                        {
                            // A run that failed (the database away a moment) has let its lease go; the next
                            // poll takes the subscription up again from its saved place.
                            LogRunFailed(logger, subscription, exception);
                        }
                        finally
                        {
                            running.TryRemove(subscription, out _);
                            slots.Release();
                        }
                    }, CancellationToken.None);
                }

                if (leased.Count == 0)
                {
                    await signal.WaitAsync(_options.PollInterval, time, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception exception)
            {
                LogDispatchFailed(logger, exception);
                await Task.Delay(_options.PollInterval, time, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }

        await Task.WhenAll(running.Values).ContinueWith(_ => { }, TaskScheduler.Default);
    }

    /// <summary>Takes up to <paramref name="count"/> active subscriptions with something due that no replica holds.</summary>
    private async Task<List<Guid>> LeaseAsync(int count, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IntegrationsDbContext>();
        var now = time.GetUtcNow();
        var active = nameof(SubscriptionStatus.Active);
        return await db.Database.SqlQuery<Guid>(
            $"""
            UPDATE webhook_subscriptions SET leased_by = {_replica}, leased_until = {now + _options.Lease}
            WHERE id IN (
                SELECT s.id FROM webhook_subscriptions s
                WHERE s.status = {active} AND s.next_attempt_at <= {now} AND (s.leased_until IS NULL OR s.leased_until < {now})
                  AND (EXISTS (SELECT 1 FROM event_log e WHERE e.position > s."cursor")
                       OR EXISTS (SELECT 1 FROM webhook_redeliveries r WHERE r.subscription_id = s.id))
                ORDER BY s.next_attempt_at
                LIMIT {count}
                FOR UPDATE SKIP LOCKED)
            RETURNING id AS "Value"
            """).ToListAsync(cancellationToken);
    }

    /// <summary>Delivers what is due to one leased subscription: events asked for again first, then the log from its place, until one fails or the lease runs short.</summary>
    public async Task RunAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<IntegrationsDbContext>();
        var delivery = scope.ServiceProvider.GetRequiredService<WebhookDelivery>();
        var subscription = await db.Subscriptions.SingleOrDefaultAsync(s => s.Id == id && s.LeasedBy == _replica, cancellationToken);
        if (subscription is null)
        {
            return;
        }

        // Stop while the lease still covers the delivery in flight, so no other replica starts alongside.
        var stopBy = subscription.LeasedUntil!.Value - _options.Timeout - TimeSpan.FromSeconds(5);
        try
        {
            var sent = 0;
            foreach (var redelivery in await db.Redeliveries.Where(r => r.SubscriptionId == id).OrderBy(r => r.Position).Take(DeliveriesPerLease).ToListAsync(cancellationToken))
            {
                var entry = await db.EventLog.AsNoTracking().SingleOrDefaultAsync(e => e.Position == redelivery.Position, cancellationToken);
                if (entry is not null && (time.GetUtcNow() >= stopBy || !await DeliverAsync(db, delivery, subscription, entry, advance: false, cancellationToken)))
                {
                    return;
                }

                // Taken, or past the log's retention: asked for no more.
                db.Redeliveries.Remove(redelivery);
                await db.SaveChangesAsync(cancellationToken);
                sent++;
            }

            var newest = await db.EventLog.MaxAsync(e => (long?)e.Position, cancellationToken) ?? 0;
            var filter = new EventFilter(subscription.Cursor, subscription.EventTypes, subscription.LocalAuthorities);
            var due = await filter.Apply(db.EventLog.AsNoTracking()).Where(e => e.Position <= newest).Take(DeliveriesPerLease - sent).ToListAsync(cancellationToken);
            foreach (var entry in due)
            {
                if (time.GetUtcNow() >= stopBy || !await DeliverAsync(db, delivery, subscription, entry, advance: true, cancellationToken))
                {
                    return;
                }
            }

            if (sent + due.Count < DeliveriesPerLease)
            {
                // Entries up to the newest hold nothing more for it: they need not be read again.
                subscription.PassedOver(newest);
            }
        }
        catch (DbUpdateConcurrencyException)
        {
            // Changed meanwhile (paused, replayed, rotated, deleted): the next lease starts from what it is now.
            await ReleaseAsync(db, id);
            return;
        }
        finally
        {
            if (db.Entry(subscription).State != EntityState.Detached)
            {
                subscription.Release();
                try
                {
                    await db.SaveChangesAsync(CancellationToken.None);
                }
                catch (Exception)
                {
                    // Not saved (changed meanwhile, or the failure that ended the run): the lease is let go on
                    // its own, so the subscription is not held until the lease runs out.
                    db.ChangeTracker.Clear();
                    await ReleaseAsync(db, id);
                }
            }
        }
    }

    /// <summary>One delivery and its record; false when it was not taken (the subscription waits, or is disabled).</summary>
    private async Task<bool> DeliverAsync(
        IntegrationsDbContext db, WebhookDelivery delivery, WebhookSubscription subscription, EventLogEntry entry, bool advance, CancellationToken cancellationToken)
    {
        var outcome = await delivery.SendAsync(subscription, entry.EventId, entry.Document, cancellationToken);
        var now = time.GetUtcNow();
        db.Attempts.Add(new WebhookAttempt
        {
            SubscriptionId = subscription.Id,
            Position = entry.Position,
            EventId = entry.EventId,
            Attempt = subscription.Attempts + 1,
            At = now,
            StatusCode = outcome.StatusCode,
            Error = outcome.Error,
            DurationMs = (int)outcome.Took.TotalMilliseconds,
            Succeeded = outcome.Taken,
        });
        if (outcome.Taken)
        {
            subscription.Delivered(advance ? entry.Position : subscription.Cursor, now);
        }
        else if (outcome.Gone)
        {
            subscription.Disable("The receiver answered 410 Gone: it takes no more deliveries.", now);
        }
        else
        {
            subscription.Failed(outcome.Error ?? "The delivery failed.", now, RetryDelay(subscription.Attempts), _options.RetryFor);
        }

        await db.SaveChangesAsync(cancellationToken);
        return outcome.Taken;
    }

    /// <summary>Exponential back-off with jitter: the first delay doubled per failure so far, capped, then between half and all of it.</summary>
    private TimeSpan RetryDelay(int failuresSoFar)
    {
        var exponential = _options.FirstRetryDelay.TotalMilliseconds * Math.Pow(2, Math.Min(failuresSoFar, 30));
        var capped = Math.Min(exponential, _options.MaxRetryDelay.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(capped * (0.5 + (Random.Shared.NextDouble() * 0.5)));
    }

    private Task<int> ReleaseAsync(IntegrationsDbContext db, Guid id) =>
        db.Database.ExecuteSqlAsync($"UPDATE webhook_subscriptions SET leased_by = NULL, leased_until = NULL WHERE id = {id} AND leased_by = {_replica}");

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook dispatch failed; it tries again")]
    private static partial void LogDispatchFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Delivering to webhook subscription {Subscription} failed; it is taken up again at the next poll")]
    private static partial void LogRunFailed(ILogger logger, Guid subscription, Exception exception);
}
