namespace Platform.Messaging.Events;

/// <summary>A trust's inspection, due twelve months after it started operating (DOMAIN I4), has passed with no judgement.</summary>
public sealed record InspectionOverdue : IntegrationEvent
{
    public required Guid ScheduleId { get; init; }

    public required Guid ProviderId { get; init; }

    public required string LocalAuthority { get; init; }

    public required DateOnly DueBy { get; init; }

    public override string Subject => ProviderId.ToString();
}
