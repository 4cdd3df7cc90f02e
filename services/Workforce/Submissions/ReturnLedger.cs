using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Platform.Messaging.Events;
using Platform.Workforce.Data;
using Platform.Workforce.Domain;

namespace Platform.Workforce.Submissions;

public enum ReturnOutcome
{
    Added,
    Corrected,
    Unchanged,
}

/// <summary>
/// Records a return as the next version of its authority's census year, with its events: every
/// accepted return announces itself (<c>WorkforceReturnSubmitted</c>) and one that crosses a W6
/// threshold its previous version did not also raises <c>WorkforceThresholdBreached</c>. The same
/// figures again change nothing, so a repeated submission or import is idempotent.
/// </summary>
public sealed class ReturnLedger(WorkforceDbContext db, TimeProvider time, IOptions<WorkforceThresholds> thresholds)
{
    public (WorkforceReturn Return, ReturnOutcome Outcome) Record(
        WorkforceReturn? latest, string localAuthority, int censusYear, WorkforceFigures figures, string submittedBy, IReadOnlyList<string>? jointWith = null)
    {
        jointWith ??= [];
        if (latest is not null && latest.Figures == figures && latest.JointWith.SequenceEqual(jointWith))
        {
            return (latest, ReturnOutcome.Unchanged);
        }

        var submitted = WorkforceReturn.Submit(localAuthority, jointWith, censusYear, (latest?.Version ?? 0) + 1, figures, submittedBy, time.GetUtcNow());
        db.Returns.Add(submitted);
        db.AddEvent(submitted.Announcement());

        var already = latest is null ? [] : thresholds.Value.CrossedBy(latest.Figures).Select(crossing => crossing.Measure).ToHashSet();
        var crossed = thresholds.Value.CrossedBy(figures).Where(crossing => !already.Contains(crossing.Measure)).ToList();
        if (crossed.Count > 0)
        {
            db.AddEvent(new WorkforceThresholdBreached
            {
                OccurredAt = submitted.SubmittedAt,
                ReturnId = submitted.Id,
                LocalAuthority = submitted.LocalAuthority,
                CensusYear = submitted.CensusYear,
                Version = submitted.Version,
                Breaches = [.. crossed.Select(crossing => new WorkforceThresholdBreached.Breach(crossing.Measure, crossing.Value, crossing.Threshold))],
            });
        }

        return (submitted, latest is null ? ReturnOutcome.Added : ReturnOutcome.Corrected);
    }

    /// <summary>Records the rows of an import, each against the latest version of its authority's year, and saves them in one transaction.</summary>
    public async Task<IReadOnlyList<ReturnOutcome>> RecordAllAsync(IReadOnlyList<ReturnRow> rows, string importedBy, CancellationToken cancellationToken)
    {
        var authorities = rows.Select(row => row.LocalAuthority).Distinct().ToList();
        var latest = WorkforceReturn.LatestVersions(await db.Returns.Where(r => authorities.Contains(r.LocalAuthority)).ToListAsync(cancellationToken))
            .ToDictionary(r => (r.LocalAuthority, r.CensusYear));
        var outcomes = rows
            .Select(row => Record(latest.GetValueOrDefault((row.LocalAuthority, row.CensusYear)), row.LocalAuthority, row.CensusYear, row.Figures, importedBy, row.JointWith).Outcome)
            .ToList();
        await db.SaveChangesAsync(cancellationToken);
        return outcomes;
    }
}
