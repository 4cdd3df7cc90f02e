using Platform.Contracts.Domain.Ocds;

namespace Platform.Contracts;

/// <summary>Bound from the <c>Contracts</c> section.</summary>
public sealed class ContractsOptions
{
    public const string Section = "Contracts";

    /// <summary>Days a provider has to remedy a breach (C3).</summary>
    public int RemedialNoticeDays { get; set; } = 28;

    /// <summary>How often contracts past their term are marked expired.</summary>
    public TimeSpan ExpiryCheckInterval { get; set; } = TimeSpan.FromHours(1);

    public OcdsOptions Ocds { get; set; } = new();
}
