namespace Platform.Messaging.Events;

/// <summary>A workforce return crossed a W6 threshold (caseload, agency rate, turnover) that its previous version for the year did not.</summary>
public sealed record WorkforceThresholdBreached : IntegrationEvent
{
    public required Guid ReturnId { get; init; }

    public required string LocalAuthority { get; init; }

    public required int CensusYear { get; init; }

    public required int Version { get; init; }

    public required IReadOnlyList<Breach> Breaches { get; init; }

    public override string Subject => LocalAuthority;

    /// <summary>One measure above its threshold.</summary>
    public sealed record Breach(string Measure, decimal Value, decimal Threshold);
}
