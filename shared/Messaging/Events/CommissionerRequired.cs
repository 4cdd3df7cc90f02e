namespace Platform.Messaging.Events;

/// <summary>An intervention case became persistent or systemic failure (DOMAIN T2, by R1, R2 or R3): a commissioner is to be appointed.</summary>
public sealed record CommissionerRequired : IntegrationEvent
{
    public required Guid CaseId { get; init; }

    public required string LocalAuthority { get; init; }

    /// <summary>The rule that fired: R1, R2 or R3.</summary>
    public required string Rule { get; init; }

    /// <summary>The policy preset it fired under: seeds-2015 or dfe-2016.</summary>
    public required string Policy { get; init; }

    public required string Explanation { get; init; }

    public IReadOnlyList<Guid> JudgementIds { get; init; } = [];

    public override string Subject => LocalAuthority;
}
