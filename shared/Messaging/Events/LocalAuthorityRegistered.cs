namespace Platform.Messaging.Events;

/// <summary>An English local authority with children's services is known to the platform (or its details changed).</summary>
public sealed record LocalAuthorityRegistered : IntegrationEvent
{
    public required string LocalAuthority { get; init; }

    public required string LaNumber { get; init; }

    public required string Name { get; init; }

    public required string Region { get; init; }

    public IReadOnlyList<string> StatisticalNeighbours { get; init; } = [];

    public override string Subject => LocalAuthority;
}
