namespace Platform.Contracts.Domain;

/// <summary>C1 lifecycle: draft → awarded → active → (varied)* → expired or terminated.</summary>
public enum ContractStatus
{
    Draft,
    Awarded,
    Active,
    Varied,
    Expired,
    Terminated,
}

public static class ContractStatuses
{
    /// <summary>In force: reviews, payments and variations apply.</summary>
    public static bool IsInForce(this ContractStatus status) => status is ContractStatus.Active or ContractStatus.Varied;

    /// <summary>Awarded and not yet ended: such a contract holds its term against overlapping awards, and expires when it runs out.</summary>
    public static readonly IReadOnlyList<ContractStatus> HoldingTerm = [ContractStatus.Awarded, ContractStatus.Active, ContractStatus.Varied];

    public static bool HoldsTerm(this ContractStatus status) => HoldingTerm.Contains(status);

    public static bool IsPublished(this ContractStatus status) => status != ContractStatus.Draft;
}
