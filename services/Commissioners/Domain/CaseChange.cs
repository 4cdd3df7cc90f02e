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
}
