namespace Platform.Messaging.Events;

/// <summary>
/// A change of legal form or control made a registered provider ineligible for scopes it was approved
/// for (DOMAIN P2/P3): those approvals are suspended. Contracts keep their read model of eligibility from this.
/// </summary>
public sealed record ProviderEligibilityChanged : IntegrationEvent
{
    public required Guid ProviderId { get; init; }

    public required string Name { get; init; }

    public IReadOnlyList<string> SuspendedScopes { get; init; } = [];

    public IReadOnlyList<string> ApprovedScopes { get; init; } = [];

    public IReadOnlyList<string> Flags { get; init; } = [];

    public required string Reason { get; init; }

    public override string Subject => ProviderId.ToString();
}
