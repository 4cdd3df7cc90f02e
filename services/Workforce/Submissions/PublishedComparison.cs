using Microsoft.EntityFrameworkCore;
using Platform.Messaging.LocalAuthorities;
using Platform.ServiceDefaults.Csv;
using Platform.Workforce.Data;
using Platform.Workforce.Domain;

namespace Platform.Workforce.Submissions;

/// <summary>
/// A published figure that differs by more than 0.1 from the platform's own: an authority's rate
/// against the one its counts give, England's or a region's against the ratio of sums over the
/// returns the platform holds for that year (W7). Rates are percentages, as DfE publishes them.
/// </summary>
public sealed record PublishedDifference(int Line, string Level, string Area, string Name, int CensusYear, string Measure, decimal Published, decimal? Platform, int Returns);

public sealed class PublishedComparison(WorkforceDbContext db)
{
    /// <summary>How far a published figure, to one decimal place, may be from the platform's before it is reported.</summary>
    public const decimal Tolerance = 0.1m;

    /// <summary>The published rates of an authority's row that its own counts do not reproduce.</summary>
    public static IEnumerable<PublishedDifference> AgainstOwnCounts(ReturnRow row, IReadOnlyDictionary<WorkforceMeasure, decimal?> published, LocalAuthorityResolver directory)
    {
        var name = string.Join(" / ", row.Covers.Select(gss => directory.Find(gss)?.Name ?? gss));
        foreach (var (measure, rate) in published)
        {
            // A measure whose counts were suppressed is undefined here: nothing to compare, not a difference.
            if (rate is { } figure && measure.AsPublished(measure.Of(row.Figures)) is { } derived && Math.Abs(figure - derived) > Tolerance)
            {
                yield return new PublishedDifference(
                    row.Line, PublishedStatisticsLayout.AuthorityLevel, string.Join(" / ", row.Covers), name, row.CensusYear, measure.Name, figure, derived, 1);
            }
        }
    }

    /// <summary>
    /// Each published England and regional figure against the platform's own, over the latest version
    /// of every return it holds for the year; and a note for each area the platform does not keep.
    /// </summary>
    public async Task<(IReadOnlyList<PublishedDifference> Differences, IReadOnlyList<CsvRowNote> Notes)> AgainstPlatformAsync(
        IReadOnlyList<PublishedArea> areas, LocalAuthorityResolver directory, CancellationToken cancellationToken)
    {
        var differences = new List<PublishedDifference>();
        var notes = new List<CsvRowNote>();
        if (areas.Count == 0)
        {
            return (differences, notes);
        }

        var years = areas.Select(area => area.CensusYear).Distinct().ToList();
        var byYear = WorkforceReturn.LatestVersions(await db.Returns.AsNoTracking().Where(r => years.Contains(r.CensusYear)).ToListAsync(cancellationToken))
            .ToLookup(r => r.CensusYear);
        foreach (var area in areas)
        {
            var region = area.Level == PublishedStatisticsLayout.RegionalLevel ? OnsRegions.NameOf(area.Code) : null;
            if (area.Level == PublishedStatisticsLayout.RegionalLevel && region is null)
            {
                notes.Add(new CsvRowNote(area.Line, $"{area.Name} ({area.Code}) is not one of the nine regions the platform keeps: its figures are not compared."));
                continue;
            }

            var returns = byYear[area.CensusYear]
                .Where(r => region is null || string.Equals(directory.Find(r.LocalAuthority)?.Region, region, StringComparison.OrdinalIgnoreCase))
                .Select(r => r.Figures)
                .ToList();
            foreach (var (measure, published) in area.Published)
            {
                var platform = measure.AsPublished(measure.OverGroup(returns));
                if (published is { } figure && (platform is null || Math.Abs(figure - platform.Value) > Tolerance))
                {
                    differences.Add(new PublishedDifference(area.Line, area.Level, area.Code, area.Name, area.CensusYear, measure.Name, figure, platform, returns.Count));
                }
            }
        }

        return (differences, notes);
    }
}
