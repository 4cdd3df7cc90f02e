using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Platform.ServiceDefaults;

namespace Platform.Messaging.DeadLetters;

/// <summary>Counts the dead letters every half minute for the metric, and warns when there are any.</summary>
public sealed partial class DeadLetterWatch<TContext>(IServiceScopeFactory scopes, TimeProvider time, ILogger<DeadLetterWatch<TContext>> logger)
    : PeriodicCheck(time, TimeSpan.FromSeconds(30), logger)
    where TContext : MessagingDbContext
{
    /// <summary>One count; returns how many dead letters wait.</summary>
    public override async Task<int> CheckAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var report = await scope.ServiceProvider.GetRequiredService<DeadLetterOffice<TContext>>().LookAsync(0, cancellationToken);
        if (report.Total > 0)
        {
            LogWaiting(logger, report.Total);
        }

        return (int)Math.Min(report.Total, int.MaxValue);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} dead letters wait for an operator: GET /api/<service>/operations/dead-letters lists them with their reasons.")]
    private static partial void LogWaiting(ILogger logger, long count);
}
