namespace Platform.Messaging.Events;

/// <summary>DfE opened an intervention case for an authority after an inadequate judgement (DOMAIN T1).</summary>
public sealed record InterventionCaseOpened : IntegrationEvent
{
    public required Guid CaseId { get; init; }

    public required string LocalAuthority { get; init; }

    public required Guid TriggeringJudgementId { get; init; }

    public required DateOnly ImprovementPlanDue { get; init; }

    public required DateOnly ProgressReviewDue { get; init; }

    public override string Subject => LocalAuthority;
}
