using Microsoft.EntityFrameworkCore;
using Platform.Inspections.Data;
using Platform.Messaging.Events;
using Platform.ServiceDefaults;

namespace Platform.Inspections.Domain;

/// <summary>Raises <see cref="InspectionOverdue"/> once for each trust inspection whose due date passes with no judgement (I4).</summary>
public sealed partial class ScheduleMonitor(IServiceScopeFactory scopeFactory, TimeProvider time, ILogger<ScheduleMonitor> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, time);
        do
        {
            try
            {
                await CheckAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogCheckFailed(logger, exception);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>One pass; returns how many overdue inspections it raised.</summary>
    public async Task<int> CheckAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<InspectionsDbContext>();
        var today = time.Today();
        var pending = await db.Schedule.Where(s => !s.OverdueRaised && s.DueBy < today).ToListAsync(cancellationToken);
        var raised = 0;
        foreach (var scheduled in pending)
        {
            var latest = await db.LatestGradedPublicationAsync(scheduled.LocalAuthority, cancellationToken);
            if (scheduled.StatusOn(today, latest) != ScheduleStatus.Overdue)
            {
                continue;
            }

            scheduled.MarkOverdueRaised();
            db.AddEvent(new InspectionOverdue
            {
                OccurredAt = time.GetUtcNow(),
                ScheduleId = scheduled.Id,
                ProviderId = scheduled.ProviderId,
                LocalAuthority = scheduled.LocalAuthority,
                DueBy = scheduled.DueBy,
            });
            raised++;
        }

        await db.SaveChangesAsync(cancellationToken);
        return raised;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Checking the inspection schedule failed; will retry at the next tick")]
    private static partial void LogCheckFailed(ILogger logger, Exception exception);
}
