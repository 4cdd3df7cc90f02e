namespace Platform.Messaging.Events;

/// <summary>A children's services trust stopped running a council's services: what it was allowed for that authority ends with its last day.</summary>
public sealed record TrustServiceEnded : IntegrationEvent
{
    public required Guid ProviderId { get; init; }

    public required string LocalAuthority { get; init; }

    /// <summary>The last day the trust ran the council's services.</summary>
    public required DateOnly LastDay { get; init; }

    public required string Reason { get; init; }

    public override string Subject => ProviderId.ToString();
}
