namespace Platform.Messaging.Events;

/// <summary>A council awarded a contract to a provider the registry approves for its scopes (DOMAIN C2).</summary>
public sealed record ContractAwarded : IntegrationEvent
{
    public required Guid ContractId { get; init; }

    public required string LocalAuthority { get; init; }

    public required Guid ProviderId { get; init; }

    public required IReadOnlyList<string> Scopes { get; init; }

    public required decimal Value { get; init; }

    public required DateOnly StartDate { get; init; }

    public required DateOnly EndDate { get; init; }

    public override string Subject => ContractId.ToString();
}
