namespace Platform.Contracts.Domain.ReadModels;

/// <summary>
/// What Contracts knows of a provider from the registry's ProviderEligibilityChanged events: the
/// scopes it is approved for now, its flags and any conflict of interest (C2 reads this, so awards
/// work while the registry is down).
/// </summary>
public sealed class ProviderStanding
{
    public Guid ProviderId { get; set; }

    public string Name { get; set; } = "";

    public string? CompanyNumber { get; set; }

    public string? CharityNumber { get; set; }

    public List<string> ApprovedScopes { get; set; } = [];

    public List<string> Flags { get; set; } = [];

    public string? ConflictOfInterest { get; set; }

    public string Reason { get; set; } = "";

    public int Revision { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
