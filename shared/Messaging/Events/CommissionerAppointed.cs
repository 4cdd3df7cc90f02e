namespace Platform.Messaging.Events;

/// <summary>DfE appointed a commissioner to an authority with a statutory direction (DOMAIN T2); the outcome is due within twelve months (T3).</summary>
public sealed record CommissionerAppointed : IntegrationEvent
{
    public required Guid CaseId { get; init; }

    public required string LocalAuthority { get; init; }

    public required Guid CommissionerId { get; init; }

    public required string Commissioner { get; init; }

    public required string DirectionReference { get; init; }

    public required DateOnly AppointedOn { get; init; }

    public required DateOnly OutcomeDue { get; init; }

    public override string Subject => LocalAuthority;
}
