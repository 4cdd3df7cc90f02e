namespace Platform.Messaging.Events;

/// <summary>DfE decided an intervention's outcome (DOMAIN T3).</summary>
public sealed record InterventionOutcomeDecided : IntegrationEvent
{
    public required Guid CaseId { get; init; }

    public required string LocalAuthority { get; init; }

    /// <summary><c>stay-with-council</c>, <c>takeover</c> or <c>new-trust</c>.</summary>
    public required string Outcome { get; init; }

    public required string Reasons { get; init; }

    /// <summary>For a takeover: the high-performing authority that takes the services over.</summary>
    public string? TakeoverAuthority { get; init; }

    public required DateOnly DecidedOn { get; init; }

    public override string Subject => LocalAuthority;
}
