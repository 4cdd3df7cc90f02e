namespace Platform.Contracts.Domain.ReadModels;

/// <summary>An authority's workforce figures for one census year, from Workforce's WorkforceReturnSubmitted events (newest version kept).</summary>
public sealed class WorkforceFigures
{
    public string LocalAuthority { get; set; } = "";

    public int CensusYear { get; set; }

    public int Version { get; set; }

    public decimal? AgencyRate { get; set; }

    public decimal? TurnoverRate { get; set; }

    public decimal? VacancyRate { get; set; }

    public decimal? Caseload { get; set; }

    public DateTimeOffset ReceivedAt { get; set; }
}
