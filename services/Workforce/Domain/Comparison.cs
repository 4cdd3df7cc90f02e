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
    /// England's figure is the ratio of the sums over every authority's return (as DfE computes a
    /// national rate), not an average of the authorities' rates.
    /// </summary>
    public static Measures National(IReadOnlyCollection<WorkforceFigures> returns) =>
        returns.Count == 0
            ? new Measures(null, null, null, null)
            : Measures.Of(new WorkforceFigures(
                returns.Sum(f => f.HeadcountEmployed), returns.Sum(f => f.FteEmployed), returns.Sum(f => f.CaseHoldingFte),
                returns.Sum(f => f.AgencyFte), returns.Sum(f => f.StartersFte), returns.Sum(f => f.LeaversFte),
                returns.Sum(f => f.VacanciesFte), returns.Sum(f => f.CasesHeld), returns.Sum(f => f.AbsenceDays)));

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
