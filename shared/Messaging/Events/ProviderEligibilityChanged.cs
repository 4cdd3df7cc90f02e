namespace Platform.Messaging.Events;

/// <summary>
/// A registered organisation's eligibility as it now stands (DOMAIN P2-P4): published when it
/// registers, when the registrar decides a scope, and when a change of legal form or control
/// suspends approvals, moves it to another corporate group or changes its flags. Each carries the
/// whole picture and a <see cref="Revision"/> that only grows, so a reader keeps the newest and
/// ignores a stale one. Contracts keep their read model of eligibility from it (C2).
/// </summary>
public sealed record ProviderEligibilityChanged : IntegrationEvent
{
    public required Guid ProviderId { get; init; }

    public required string Name { get; init; }

    public int Revision { get; init; }

    public string? CompanyNumber { get; init; }

    public string? CharityNumber { get; init; }

    /// <summary>Scopes suspended by the change this event announces.</summary>
    public IReadOnlyList<string> SuspendedScopes { get; init; } = [];

    /// <summary>Every scope the organisation is approved for now.</summary>
    public IReadOnlyList<string> ApprovedScopes { get; init; } = [];

    public IReadOnlyList<string> Flags { get; init; } = [];

    /// <summary>The ultimate controller: organisations that share it are one corporate group (P3).</summary>
    public Guid? GroupId { get; init; }

    /// <summary>P4 conflict of interest, in words, when the organisation is in one.</summary>
    public string? ConflictOfInterest { get; init; }

    public required string Reason { get; init; }

    public override string Subject => ProviderId.ToString();
}
