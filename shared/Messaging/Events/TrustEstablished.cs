namespace Platform.Messaging.Events;

/// <summary>A children's services trust is approved and operating for a council (DOMAIN P5); its first inspection falls due a year on (I4).</summary>
public sealed record TrustEstablished : IntegrationEvent
{
    public required Guid ProviderId { get; init; }

    public required string Name { get; init; }

    /// <summary>The council whose children's services the trust runs.</summary>
    public required string LocalAuthority { get; init; }

    public required DateOnly OperatingFrom { get; init; }

    public override string Subject => ProviderId.ToString();
}
