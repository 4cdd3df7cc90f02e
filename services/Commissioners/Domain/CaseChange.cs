using Microsoft.EntityFrameworkCore;
using Platform.Commissioners.Data;

namespace Platform.Commissioners.Domain;

/// <summary>Runs a move on a case and queues, in the same unit of work, the events its transitions announce.</summary>
public static class CaseChange
{
    public static void Apply(CommissionersDbContext db, InterventionCase interventionCase, Action<InterventionCase> move, DateTimeOffset now)
    {
        var before = interventionCase.Transitions.Count;
        move(interventionCase);
        foreach (var integrationEvent in CaseEvents.Since(interventionCase, before, now))
        {
            db.AddEvent(integrationEvent);
        }
    }

    /// <summary>
    /// I3c: ends, on its authority's last day, every open case of the given ended authorities (code to
    /// last day and successors); returns how many it ended.
    /// </summary>
    public static async Task<int> EndCasesOfEndedAuthoritiesAsync(
        CommissionersDbContext db, IReadOnlyDictionary<string, (DateOnly EndedOn, IReadOnlyList<string> Successors)> ended, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var codes = ended.Keys.ToList();
        var open = await db.CasesWithHistory.Where(c => codes.Contains(c.LocalAuthority) && c.Status != CaseStatus.Closed).ToListAsync(cancellationToken);
        foreach (var interventionCase in open)
        {
            var (endedOn, successors) = ended[interventionCase.LocalAuthority];
            Apply(db, interventionCase, c => c.EndWithAuthority(endedOn, successors, "system", now), now);
        }

        return open.Count;
    }
}
