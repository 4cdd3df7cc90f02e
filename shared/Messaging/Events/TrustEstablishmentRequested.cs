namespace Platform.Messaging.Events;

/// <summary>The outcome of an intervention is a new children's services trust for the authority (DOMAIN T3, P5): the registry opens its registration.</summary>
public sealed record TrustEstablishmentRequested : IntegrationEvent
{
    public required Guid CaseId { get; init; }

    public required string LocalAuthority { get; init; }

    public required DateOnly DecidedOn { get; init; }

    public override string Subject => LocalAuthority;
}
