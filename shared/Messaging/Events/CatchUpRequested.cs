namespace Platform.Messaging.Events;

/// <summary>
/// A service whose database is new (a new deployment, a restored or lost database) asks the services
/// that own reference facts to announce them again: the registry its authorities, trusts and provider
/// standing, Workforce the newest version of every return. Every consumer of those facts keeps the
/// newest and changes nothing for one it already holds, so the other services may see them again.
/// </summary>
public sealed record CatchUpRequested : IntegrationEvent
{
    /// <summary>The service that asked.</summary>
    public required string Service { get; init; }

    public override string Subject => Service;
}
