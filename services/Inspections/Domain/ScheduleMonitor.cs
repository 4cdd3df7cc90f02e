using Microsoft.EntityFrameworkCore;
using Platform.Inspections.Data;
using Platform.Messaging;
using Platform.Messaging.Events;
using Platform.ServiceDefaults;

namespace Platform.Inspections.Domain;

/// <summary>Raises <see cref="InspectionOverdue"/> once for each trust inspection whose due date passes with no judgement (I4).</summary>
public sealed class ScheduleMonitor(IServiceScopeFactory scopeFactory, TimeProvider time, ILogger<ScheduleMonitor> logger)
    : PeriodicCheck(time, TimeSpan.FromMinutes(1), logger)
{
    /// <summary>One pass, in one replica at a time; returns how many overdue inspections it raised.</summary>
    public override async Task<int> CheckAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<InspectionsDbContext>();
        return await db.InOneReplicaAsync(nameof(ScheduleMonitor), token => PassAsync(db, token), cancellationToken) ?? 0;
    }

    private async Task<int> PassAsync(InspectionsDbContext db, CancellationToken cancellationToken)
    {
        var today = Time.Today();
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
                EventId = FactId.Of(nameof(InspectionOverdue), scheduled.Id, scheduled.DueBy),
                OccurredAt = Time.GetUtcNow(),
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
}
