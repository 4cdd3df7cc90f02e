namespace Platform.Messaging.Events;

/// <summary>An organisation's workforce return for a census year was accepted, with the measures derived from it (DOMAIN W2-W5).</summary>
public sealed record WorkforceReturnSubmitted : IntegrationEvent
{
    public required Guid ReturnId { get; init; }

    public required string LocalAuthority { get; init; }

    /// <summary>The other authorities a joint return covers, filed once by the trust that serves them all (W7); empty for an authority's own return.</summary>
    public IReadOnlyList<string> JointWith { get; init; } = [];

    public required int CensusYear { get; init; }

    public required int Version { get; init; }

    public decimal? AgencyRate { get; init; }

    public decimal? TurnoverRate { get; init; }

    public decimal? VacancyRate { get; init; }

    public decimal? Caseload { get; init; }

    public override string Subject => LocalAuthority;
}
