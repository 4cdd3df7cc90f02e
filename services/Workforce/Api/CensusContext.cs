using Microsoft.EntityFrameworkCore;
using Platform.Messaging.LocalAuthorities;
using Platform.Workforce.Data;
using Platform.Workforce.Domain;

namespace Platform.Workforce.Api;

/// <summary>
/// What the statistics read at once: the latest version of every return, each authority's census by
/// year (own or joint), the directory and the trusts, so one request compares with one snapshot.
/// </summary>
public sealed class CensusContext
{
    private readonly Dictionary<string, KnownLocalAuthority> _directory;
    private readonly JointReturnNames _jointReturns;

    private CensusContext(List<WorkforceReturn> latestVersions, List<KnownLocalAuthority> directory, List<ServingTrust> trusts)
    {
        LatestVersions = latestVersions;
        Returns = new AuthorityReturns(latestVersions);
        _directory = directory.ToDictionary(known => known.Gss);
        _jointReturns = new JointReturnNames(_directory, trusts);
    }

    /// <summary>The latest version of every return: each census counted once, a joint return once for all it covers.</summary>
    public IReadOnlyList<WorkforceReturn> LatestVersions { get; }

    public AuthorityReturns Returns { get; }

    public static async Task<CensusContext> LoadAsync(WorkforceDbContext db, CancellationToken cancellationToken) =>
        new(
            [.. WorkforceReturn.LatestVersions(await db.Returns.AsNoTracking().ToListAsync(cancellationToken))],
            await db.Set<KnownLocalAuthority>().AsNoTracking().ToListAsync(cancellationToken),
            await db.Trusts.AsNoTracking().ToListAsync(cancellationToken));

    public KnownLocalAuthority? Find(string authority) => _directory.GetValueOrDefault(authority);

    /// <summary>
    /// The GSS codes of the authority's statistical neighbours. The reference list names them by LA
    /// number, which a successor may share with the authority it replaced: the current one is meant.
    /// </summary>
    public IReadOnlyList<string> NeighboursOf(KnownLocalAuthority authority)
    {
        var byNumber = _directory.Values.Where(known => known.IsCurrent).ToDictionary(known => known.LaNumber, known => known.Gss);
        return [.. authority.StatisticalNeighbours.Select(number => byNumber.GetValueOrDefault(number)).OfType<string>()];
    }

    /// <summary>An authority the directory does not know yet is taken as current.</summary>
    public bool IsCurrent(string authority) => _directory.GetValueOrDefault(authority)?.IsCurrent ?? true;

    /// <summary>The ended authorities this one succeeded (I3c).</summary>
    public IEnumerable<KnownLocalAuthority> PredecessorsOf(string authority) =>
        _directory.Values.Where(known => !known.IsCurrent && known.Successors.Contains(authority)).OrderBy(known => known.EndedOn);

    /// <summary>A joint return's authorities and the trust that serves every one of them; null for an authority's own return.</summary>
    public JointReturn? JointReturnOf(WorkforceReturn workforceReturn) => _jointReturns.Of(workforceReturn);

    /// <summary>One census year of an authority (or of a predecessor shown on its page) against its neighbours' median and England.</summary>
    public YearComparison YearOf(string authority, WorkforceReturn own, IReadOnlyList<string> neighbours, WorkforceThresholds thresholds, Predecessor? predecessor)
    {
        var sameYear = LatestVersions.Where(r => r.CensusYear == own.CensusYear).ToList();
        var neighbourReturns = neighbours.Where(neighbour => neighbour != authority)
            .Select(neighbour => Returns.For(neighbour, own.CensusYear))
            .OfType<WorkforceReturn>()
            .ToList();
        return new YearComparison(
            own.CensusYear, own.Version, Measures.Of(own.Figures),
            new GroupMeasures(neighbourReturns.Count, Comparison.NeighboursMedian([.. neighbourReturns.Select(r => r.Figures)])),
            new GroupMeasures(sameYear.Count, Comparison.National([.. sameYear.Select(r => r.Figures)])),
            thresholds.CrossedBy(own.Figures),
            JointReturnOf(own),
            predecessor,
            [.. WorkforceMeasure.All.Select(measure => NeighbourRank.Among(measure, own.Figures, neighbourReturns.Select(r => r.Figures)))]);
    }
}
