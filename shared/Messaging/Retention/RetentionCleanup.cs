using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Platform.Messaging.Idempotency;

namespace Platform.Messaging.Retention;

/// <summary>
/// Deletes what the service no longer needs to remember: published outbox rows, inbox rows and
/// idempotency keys past their retention. One replica at a time runs a pass, in chunks; a set-aside
/// or unsent outbox row is never deleted.
/// </summary>
public sealed partial class RetentionCleanup<TContext>(
    IServiceScopeFactory scopes,
    TimeProvider time,
    IOptions<RetentionOptions> options,
    ILogger<RetentionCleanup<TContext>> logger) : BackgroundService
    where TContext : MessagingDbContext
{
    private readonly RetentionOptions _options = options.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_options.Interval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await CleanAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogFailed(logger, exception);
            }
        }
    }

    /// <summary>One pass; returns how many rows it deleted (none when another replica is running one).</summary>
    public async Task<int> CleanAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        var now = time.GetUtcNow();
        var sentBefore = now - _options.SentOutbox;
        var processedBefore = now - _options.Inbox;
        var chunk = _options.Chunk;
        var deleted = await db.InOneReplicaAsync("retention", async token =>
        {
            var total = 0;
            total += await RepeatAsync(() => db.Database.ExecuteSqlAsync(
                $"DELETE FROM outbox_messages WHERE sequence IN (SELECT sequence FROM outbox_messages WHERE sent_at < {sentBefore} ORDER BY sent_at LIMIT {chunk})", token), chunk);
            total += await RepeatAsync(() => db.Database.ExecuteSqlAsync(
                $"DELETE FROM inbox_messages WHERE ctid IN (SELECT ctid FROM inbox_messages WHERE processed_at < {processedBefore} LIMIT {chunk})", token), chunk);
            total += await db.Set<IdempotencyRecord>().Where(record => record.ExpiresAt <= now).ExecuteDeleteAsync(token);
            return total;
        }, cancellationToken) ?? 0;
        if (deleted > 0)
        {
            LogDeleted(logger, deleted);
        }

        return deleted;
    }

    private static async Task<int> RepeatAsync(Func<Task<int>> deleteChunk, int chunk)
    {
        var total = 0;
        int deleted;
        do
        {
            deleted = await deleteChunk();
            total += deleted;
        }
        while (deleted == chunk);
        return total;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted {Count} rows past their retention (sent outbox rows, inbox rows, idempotency keys).")]
    private static partial void LogDeleted(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Rows past their retention could not be deleted; the next pass tries again.")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
