namespace Platform.Messaging.Events;

/// <summary>Two consecutive red reviews of a KPI: a breach, and the remedial notice it led to (DOMAIN C3).</summary>
public sealed record ContractBreachDetected : IntegrationEvent
{
    public required Guid ContractId { get; init; }

    public required string LocalAuthority { get; init; }

    public required Guid ProviderId { get; init; }

    public required int ReviewSequence { get; init; }

    /// <summary>The KPIs in breach, as their kebab-case measure names.</summary>
    public required IReadOnlyList<string> Measures { get; init; }

    public required Guid RemedialNoticeId { get; init; }

    public required DateOnly RemedyDueOn { get; init; }

    public override string Subject => ContractId.ToString();
}
