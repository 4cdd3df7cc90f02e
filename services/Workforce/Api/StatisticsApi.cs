using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Platform.Messaging.LocalAuthorities;
using Platform.ServiceDefaults.Auth;
using Platform.ServiceDefaults.Problems;
using Platform.Workforce.Data;
using Platform.Workforce.Domain;

namespace Platform.Workforce.Api;

/// <summary>Trends per authority over the census years, against its statistical neighbours' median and England.</summary>
public static class StatisticsApi
{
    public static RouteGroupBuilder MapStatisticsApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/workforce").WithTags("Workforce statistics").RequireAuthorization(Policies.AnyOf(ReturnsApi.Users));
        group.MapGet("/authorities/{la}/trends", TrendsAsync);
        group.MapGet("/authorities/{la}/comparison", ComparisonAsync);
        group.MapGet("/national", NationalAsync);
        group.MapGet("/headlines", HeadlinesAsync).RequireAuthorization(Roles.Dfe);
        return group;
    }

    /// <summary>Every census year the authority returned, newest last, each with its neighbours' median, England and the W6 thresholds crossed.</summary>
    public static async Task<Results<Ok<AuthorityTrend>, ProblemHttpResult, ForbidHttpResult>> TrendsAsync(
        string la, WorkforceDbContext db, IOptions<WorkforceThresholds> thresholds, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (!await ReturnsApi.MaySeeAsync(user, la, db, cancellationToken))
        {
            return TypedResults.Forbid();
        }

        var (authority, neighbours) = await NeighboursAsync(db, la, cancellationToken);
        if (authority is null)
        {
            return NotFoundProblem.For($"'{la}' is not a registered local authority.");
        }

        var latest = await LatestReturnsAsync(db, cancellationToken);
        var years = latest.Where(r => r.LocalAuthority == la).OrderBy(r => r.CensusYear)
            .Select(r => YearOf(r, latest, neighbours, thresholds.Value))
            .ToList();
        return TypedResults.Ok(new AuthorityTrend(la, authority.Name, neighbours, years));
    }

    /// <summary>One census year (the authority's latest when none is asked for) against its neighbours and England.</summary>
    public static async Task<Results<Ok<YearComparison>, ProblemHttpResult, ForbidHttpResult>> ComparisonAsync(
        string la, int? year, WorkforceDbContext db, IOptions<WorkforceThresholds> thresholds, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (!await ReturnsApi.MaySeeAsync(user, la, db, cancellationToken))
        {
            return TypedResults.Forbid();
        }

        var (authority, neighbours) = await NeighboursAsync(db, la, cancellationToken);
        var latest = await LatestReturnsAsync(db, cancellationToken);
        var own = latest.Where(r => r.LocalAuthority == la && (year is null || r.CensusYear == year)).MaxBy(r => r.CensusYear);
        return authority is null || own is null
            ? NotFoundProblem.For($"No workforce return for '{la}'{(year is null ? "" : $" in {year}")}.")
            : TypedResults.Ok(YearOf(own, latest, neighbours, thresholds.Value));
    }

    /// <summary>England per census year: ratios of the sums over every authority's latest return.</summary>
    public static async Task<Ok<List<NationalYear>>> NationalAsync(WorkforceDbContext db, CancellationToken cancellationToken)
    {
        var latest = await LatestReturnsAsync(db, cancellationToken);
        return TypedResults.Ok(latest.GroupBy(r => r.CensusYear).OrderBy(g => g.Key)
            .Select(g => new NationalYear(g.Key, g.Count(), Comparison.National([.. g.Select(r => r.Figures)])))
            .ToList());
    }

    /// <summary>Every authority's latest census year, its measures and the thresholds it crossed, for the national dashboard.</summary>
    public static async Task<Ok<List<Headline>>> HeadlinesAsync(WorkforceDbContext db, IOptions<WorkforceThresholds> thresholds, CancellationToken cancellationToken)
    {
        var latest = await LatestReturnsAsync(db, cancellationToken);
        return TypedResults.Ok(latest.GroupBy(r => r.LocalAuthority)
            .Select(g => g.MaxBy(r => r.CensusYear)!)
            .OrderBy(r => r.LocalAuthority, StringComparer.Ordinal)
            .Select(r => new Headline(r.LocalAuthority, r.CensusYear, Measures.Of(r.Figures), thresholds.Value.CrossedBy(r.Figures)))
            .ToList());
    }

    private static YearComparison YearOf(WorkforceReturn own, List<WorkforceReturn> latest, IReadOnlyList<string> neighbours, WorkforceThresholds thresholds)
    {
        var sameYear = latest.Where(r => r.CensusYear == own.CensusYear).ToList();
        var neighbourReturns = sameYear.Where(r => neighbours.Contains(r.LocalAuthority)).ToList();
        return new YearComparison(
            own.CensusYear, own.Version, Measures.Of(own.Figures),
            new GroupMeasures(neighbourReturns.Count, Comparison.NeighboursMedian([.. neighbourReturns.Select(r => r.Figures)])),
            new GroupMeasures(sameYear.Count, Comparison.National([.. sameYear.Select(r => r.Figures)])),
            thresholds.CrossedBy(own.Figures));
    }

    /// <summary>The authority and the GSS codes of its statistical neighbours (the reference list names them by LA number).</summary>
    private static async Task<(KnownLocalAuthority? Authority, IReadOnlyList<string> Neighbours)> NeighboursAsync(
        WorkforceDbContext db, string la, CancellationToken cancellationToken)
    {
        var authority = await db.Set<KnownLocalAuthority>().AsNoTracking().FirstOrDefaultAsync(known => known.Gss == la, cancellationToken);
        if (authority is null)
        {
            return (null, []);
        }

        // Statistical neighbours are named by LA number, which a successor may share with the authority it replaced.
        var byNumber = await db.CurrentLocalAuthorities().ToDictionaryAsync(known => known.LaNumber, known => known.Gss, cancellationToken);
        return (authority, [.. authority.StatisticalNeighbours.Select(number => byNumber.GetValueOrDefault(number)).OfType<string>()]);
    }

    /// <summary>The latest version of every authority's return for every year.</summary>
    private static async Task<List<WorkforceReturn>> LatestReturnsAsync(WorkforceDbContext db, CancellationToken cancellationToken) =>
        [.. WorkforceReturn.LatestVersions(await db.Returns.AsNoTracking().ToListAsync(cancellationToken))];
}

public sealed record GroupMeasures(int Authorities, Measures Measures);

public sealed record YearComparison(int CensusYear, int Version, Measures Authority, GroupMeasures Neighbours, GroupMeasures England, IReadOnlyList<ThresholdCrossing> ThresholdsCrossed);

public sealed record AuthorityTrend(string LocalAuthority, string Name, IReadOnlyList<string> StatisticalNeighbours, IReadOnlyList<YearComparison> Years);

public sealed record Headline(string LocalAuthority, int CensusYear, Measures Measures, IReadOnlyList<ThresholdCrossing> ThresholdsCrossed);

public sealed record NationalYear(int CensusYear, int Authorities, Measures Measures);
