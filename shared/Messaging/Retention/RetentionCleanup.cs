using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Platform.Messaging.Idempotency;
using Platform.ServiceDefaults;

namespace Platform.Messaging.Retention;

/// <summary>
/// Deletes what the service no longer needs to remember: published outbox rows, inbox rows and
/// idempotency keys past their retention, in chunks; a set-aside or unsent outbox row is never deleted. Runs at start and then every <see cref="RetentionOptions.Interval"/>.
/// </summary>
public sealed partial class RetentionCleanup<TContext>(
    IServiceScopeFactory scopes,
    TimeProvider time,
    IOptions<RetentionOptions> options,
    ILogger<RetentionCleanup<TContext>> logger) : PeriodicCheck(time, options.Value.Interval, logger)
    where TContext : MessagingDbContext
{
    private readonly RetentionOptions _options = options.Value;

    /// <summary>One pass; returns how many rows it deleted.</summary>
    public override async Task<int> CheckAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TContext>();
        var now = Time.GetUtcNow();
        var sentBefore = now - _options.SentOutbox;
        var processedBefore = now - _options.Inbox;
        var chunk = _options.Chunk;
        // Each chunk commits on its own, so no pass holds a long transaction; replicas running a pass at
        // the same time only find fewer rows left to delete.
        var deleted = await RepeatAsync(() => db.Database.ExecuteSqlAsync(
            $"DELETE FROM outbox_messages WHERE sequence IN (SELECT sequence FROM outbox_messages WHERE sent_at < {sentBefore} ORDER BY sent_at LIMIT {chunk})", cancellationToken), chunk);
        deleted += await RepeatAsync(() => db.Database.ExecuteSqlAsync(
            $"DELETE FROM inbox_messages WHERE ctid IN (SELECT ctid FROM inbox_messages WHERE processed_at < {processedBefore} LIMIT {chunk})", cancellationToken), chunk);
        deleted += await db.Set<IdempotencyRecord>().Where(record => record.ExpiresAt <= now).ExecuteDeleteAsync(cancellationToken);
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
}
