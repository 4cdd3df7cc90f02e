namespace Platform.Messaging.Events;

/// <summary>
/// An English local authority with children's services is known to the platform (or its details
/// changed). An authority ended by a reorganisation stays known as history, with the day it ended and
/// its successors (I3c): published data names it for the years before.
/// </summary>
public sealed record LocalAuthorityRegistered : IntegrationEvent
{
    public required string LocalAuthority { get; init; }

    public required string LaNumber { get; init; }

    public required string Name { get; init; }

    public required string Region { get; init; }

    public IReadOnlyList<string> StatisticalNeighbours { get; init; } = [];

    /// <summary>The last day of an authority a reorganisation ended; none for a current authority.</summary>
    public DateOnly? EndedOn { get; init; }

    /// <summary>The GSS codes of the authorities that took over an ended authority's area.</summary>
    public IReadOnlyList<string> Successors { get; init; } = [];

    public override string Subject => LocalAuthority;
}
