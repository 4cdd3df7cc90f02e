namespace Platform.Messaging.Events;

/// <summary>A commissioning council drafted a contract with a provider.</summary>
public sealed record ContractDrafted : IntegrationEvent
{
    public required Guid ContractId { get; init; }

    public required string LocalAuthority { get; init; }

    public required Guid ProviderId { get; init; }

    public override string Subject => ContractId.ToString();
}
