namespace Platform.Workforce.Domain;

/// <summary>W2-W5 for one authority, a group or England, for one census year.</summary>
public sealed record Measures(decimal? AgencyRate, decimal? TurnoverRate, decimal? VacancyRate, decimal? Caseload)
{
    public static Measures Of(WorkforceFigures figures) => new(figures.AgencyRate, figures.TurnoverRate, figures.VacancyRate, figures.Caseload);
}

/// <summary>How an authority's figures stand against its statistical neighbours and England.</summary>
public static class Comparison
{
    /// <summary>
    /// England's or a region's figure: each measure the ratio of the sums over the returns that
    /// define it (as DfE computes a national rate), not an average of the authorities' rates.
    /// </summary>
    public static Measures National(IReadOnlyCollection<WorkforceFigures> returns) =>
        new(
            WorkforceMeasure.AgencyRate.OverGroup(returns),
            WorkforceMeasure.TurnoverRate.OverGroup(returns),
            WorkforceMeasure.VacancyRate.OverGroup(returns),
            WorkforceMeasure.Caseload.OverGroup(returns));

    /// <summary>The median of each measure over the neighbours that returned figures; a measure none of them has is null.</summary>
    public static Measures NeighboursMedian(IReadOnlyCollection<WorkforceFigures> neighbours) =>
        new(
            Median(neighbours.Select(f => f.AgencyRate)),
            Median(neighbours.Select(f => f.TurnoverRate)),
            Median(neighbours.Select(f => f.VacancyRate)),
            Median(neighbours.Select(f => f.Caseload)));

    public static decimal? Median(IEnumerable<decimal?> values)
    {
        var sorted = values.OfType<decimal>().Order().ToList();
        if (sorted.Count == 0)
        {
            return null;
        }

        var middle = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[middle] : Math.Round((sorted[middle - 1] + sorted[middle]) / 2, 4, MidpointRounding.AwayFromZero);
    }
}
