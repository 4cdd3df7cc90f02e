namespace Platform.Workforce.Domain;

/// <summary>
/// Where an authority stands among itself and its statistical neighbours on one measure: 1 is the
/// lowest, which on every W2-W5 measure is the better; <see cref="Of"/> counts those with a figure.
/// Tied figures share the better place. No rank when the authority's own figure is undefined.
/// </summary>
public sealed record NeighbourRank(string Measure, int? Rank, int Of)
{
    public static NeighbourRank Among(WorkforceMeasure measure, WorkforceFigures own, IEnumerable<WorkforceFigures> neighbours)
    {
        var theirs = neighbours.Select(measure.Of).OfType<decimal>().ToList();
        return measure.Of(own) is { } figure
            ? new NeighbourRank(measure.Name, 1 + theirs.Count(value => value < figure), theirs.Count + 1)
            : new NeighbourRank(measure.Name, null, theirs.Count);
    }
}
