using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Platform.Messaging.Idempotency;

/// <summary>Deletes keys past their retention. Safe in every replica: each pass deletes what has expired, nothing else.</summary>
public sealed partial class IdempotencyKeyCleanup<TContext>(
    IServiceScopeFactory scopes, TimeProvider time, IOptions<IdempotencyOptions> options, ILogger<IdempotencyKeyCleanup<TContext>> logger) : BackgroundService
    where TContext : MessagingDbContext
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.CleanupInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var now = time.GetUtcNow();
                var deleted = await scope.ServiceProvider.GetRequiredService<TContext>().Set<IdempotencyRecord>()
                    .Where(record => record.ExpiresAt <= now)
                    .ExecuteDeleteAsync(stoppingToken);
                if (deleted > 0)
                {
                    LogDeleted(logger, deleted);
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogFailed(logger, exception);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted {Count} expired idempotency keys.")]
    private static partial void LogDeleted(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Expired idempotency keys could not be deleted; the next pass tries again.")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
