namespace Platform.Messaging.Events;

/// <summary>The three deadlines of an intervention case, each raised once when it passes unmet.</summary>
public abstract record InterventionDeadlinePassed : IntegrationEvent
{
    public required Guid CaseId { get; init; }

    public required string LocalAuthority { get; init; }

    public required DateOnly Due { get; init; }

    public override string Subject => LocalAuthority;
}

/// <summary>T1: no improvement plan received within three months of the judgement's publication.</summary>
public sealed record ImprovementPlanOverdue : InterventionDeadlinePassed;

/// <summary>T1: no progress review recorded within six months (R3 then makes the case persistent failure).</summary>
public sealed record ProgressReviewOverdue : InterventionDeadlinePassed;

/// <summary>T3: no outcome decided within twelve months of the commissioner's appointment.</summary>
public sealed record OutcomeOverdue : InterventionDeadlinePassed;
