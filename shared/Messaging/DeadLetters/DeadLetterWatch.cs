using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Platform.Messaging.DeadLetters;

/// <summary>Counts the dead letters every half minute for the metric, and warns when there are any.</summary>
public sealed partial class DeadLetterWatch<TContext>(IServiceScopeFactory scopes, TimeProvider time, ILogger<DeadLetterWatch<TContext>> logger) : BackgroundService
    where TContext : MessagingDbContext
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(30), time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var report = await scope.ServiceProvider.GetRequiredService<DeadLetterOffice<TContext>>().LookAsync(0, stoppingToken);
                if (report.Total > 0)
                {
                    LogWaiting(logger, report.Total);
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogFailed(logger, exception);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} dead letters wait for an operator: GET /api/<service>/operations/dead-letters lists them with their reasons.")]
    private static partial void LogWaiting(ILogger logger, long count);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Dead letters could not be counted (the broker or database is unreachable); the next pass tries again.")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
