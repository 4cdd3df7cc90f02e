namespace Platform.Messaging.Events;

/// <summary>An intervention case closed: early on a radically different picture (T4), or after its outcome (T3).</summary>
public sealed record InterventionCaseClosed : IntegrationEvent
{
    public required Guid CaseId { get; init; }

    public required string LocalAuthority { get; init; }

    public required string Rule { get; init; }

    public required string Reason { get; init; }

    public override string Subject => LocalAuthority;
}
