using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Platform.Commissioners.Data;
using Platform.Messaging;
using Platform.Messaging.Events;
using Platform.Messaging.LocalAuthorities;
using Platform.ServiceDefaults;

namespace Platform.Commissioners.Domain;

/// <summary>
/// Watches the cases' deadlines on the service's <see cref="TimeProvider"/>: raises each overdue event
/// once, and applies R3 when the six-month review passes with none recorded.
/// </summary>
public sealed class DeadlineMonitor(
    IServiceScopeFactory scopeFactory,
    TimeProvider time,
    IOptions<InterventionOptions> options,
    ILogger<DeadlineMonitor> logger) : PeriodicCheck(time, options.Value.DeadlineCheckInterval, logger)
{
    /// <summary>One pass over the open cases, in one replica at a time; returns how many cases it changed.</summary>
    public override async Task<int> CheckAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CommissionersDbContext>();
        return await db.InOneReplicaAsync(nameof(DeadlineMonitor), token => PassAsync(db, token), cancellationToken) ?? 0;
    }

    private async Task<int> PassAsync(CommissionersDbContext db, CancellationToken cancellationToken)
    {
        var today = Time.Today();
        var now = Time.GetUtcNow();
        var due = await db.CasesWithHistory
            .Where(c => (c.Status == CaseStatus.Opened && c.ImprovementPlanReceived == null && !c.ImprovementPlanOverdueRaised && c.ImprovementPlanDue < today)
                || (c.Status == CaseStatus.Opened && c.ProgressReviewed == null && !c.ProgressReviewOverdueRaised && c.ProgressReviewDue < today)
                || (c.Status == CaseStatus.CommissionerAppointed && !c.OutcomeOverdueRaised && c.OutcomeDue < today))
            .ToListAsync(cancellationToken);

        foreach (var interventionCase in due)
        {
            await RaiseAsync(db, interventionCase, today, now, cancellationToken);
        }

        var orphaned = await EndOrphanedCasesAsync(db, today, now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return due.Count + orphaned;
    }

    /// <summary>
    /// I3c: a case replayed for an authority that a reorganisation has since ended stays open only while
    /// its history arrives; once its authority's last day has passed, the case ends on that day.
    /// </summary>
    private static async Task<int> EndOrphanedCasesAsync(CommissionersDbContext db, DateOnly today, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var ended = await db.Set<KnownLocalAuthority>().AsNoTracking()
            .Where(known => known.EndedOn != null && known.EndedOn < today)
            .ToDictionaryAsync(known => known.Gss, known => (known.EndedOn!.Value, (IReadOnlyList<string>)known.Successors), cancellationToken);
        return await CaseChange.EndCasesOfEndedAuthoritiesAsync(db, ended, now, cancellationToken);
    }

    /// <summary>
    /// A deadline that had already passed when the case was opened (a case replayed from an imported
    /// history) is history too: it is marked, not announced; R3 still applies for it (T4b).
    /// </summary>
    private static bool WasLive(InterventionCase c, DateOnly due) => due >= DateOnly.FromDateTime(c.OpenedAt.UtcDateTime);

    private static async Task RaiseAsync(CommissionersDbContext db, InterventionCase c, DateOnly today, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (c.IsImprovementPlanMissed(today) && !c.ImprovementPlanOverdueRaised)
        {
            c.MarkImprovementPlanOverdueRaised();
            if (WasLive(c, c.ImprovementPlanDue))
            {
                db.AddEvent(new ImprovementPlanOverdue { EventId = FactId.Of(nameof(ImprovementPlanOverdue), c.Id, c.ImprovementPlanDue), OccurredAt = now, CaseId = c.Id, LocalAuthority = c.LocalAuthority, Due = c.ImprovementPlanDue });
            }
        }

        if (c.IsReviewMissed(today) && !c.ProgressReviewOverdueRaised)
        {
            c.MarkProgressReviewOverdueRaised();
            if (WasLive(c, c.ProgressReviewDue))
            {
                db.AddEvent(new ProgressReviewOverdue { EventId = FactId.Of(nameof(ProgressReviewOverdue), c.Id, c.ProgressReviewDue), OccurredAt = now, CaseId = c.Id, LocalAuthority = c.LocalAuthority, Due = c.ProgressReviewDue });
            }

            // R3 applies to a replayed case too (T4b): a case whose review passed years ago with none
            // recorded and no better judgement since is persistent failure, as it would have been live.
            var triggering = await db.Judgements.FindAsync([c.TriggeringJudgementId], cancellationToken);
            if (triggering is not null)
            {
                var finding = InterventionRules.NoImprovementFinding(c.Policy, triggering, c.ProgressReviewDue, reviewMissed: true);
                CaseChange.Apply(db, c, open => open.RequireCommissioner(finding, "system", now), now);
            }
        }

        if (c.IsOutcomeMissed(today) && !c.OutcomeOverdueRaised)
        {
            c.MarkOutcomeOverdueRaised();
            db.AddEvent(new OutcomeOverdue { EventId = FactId.Of(nameof(OutcomeOverdue), c.Id, c.OutcomeDue!.Value), OccurredAt = now, CaseId = c.Id, LocalAuthority = c.LocalAuthority, Due = c.OutcomeDue!.Value });
        }
    }
}
