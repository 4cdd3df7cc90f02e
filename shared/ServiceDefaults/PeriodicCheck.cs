using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Platform.ServiceDefaults;

/// <summary>
/// A check that runs at start and then every <paramref name="interval"/> on the service's clock; a
/// failed pass is logged and the next tick tries again. Tests call <see cref="CheckAsync"/> directly.
/// </summary>
public abstract partial class PeriodicCheck(TimeProvider time, TimeSpan interval, ILogger logger) : BackgroundService
{
    protected TimeProvider Time { get; } = time;

    /// <summary>One pass; returns how many things it changed.</summary>
    public abstract Task<int> CheckAsync(CancellationToken cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(interval, Time);
        do
        {
            try
            {
                await CheckAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogCheckFailed(logger, exception, GetType().Name);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Check} failed; it will run again at the next tick")]
    private static partial void LogCheckFailed(ILogger logger, Exception exception, string check);
}
