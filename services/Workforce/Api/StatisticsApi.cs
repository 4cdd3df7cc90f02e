using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Platform.Messaging.LocalAuthorities;
using Platform.Messaging.Data;
using Platform.ServiceDefaults.Auth;
using Platform.ServiceDefaults.Problems;
using Platform.Workforce.Data;
using Platform.Workforce.Domain;
using Platform.ServiceDefaults.Http;

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
        group.MapGet("/thresholds", (IOptions<WorkforceThresholds> thresholds) => TypedResults.Ok(thresholds.Value));
        return group;
    }

    /// <summary>Every census year the authority returned, newest last, each with its neighbours' median, England and the W6 thresholds crossed.</summary>
    public static async Task<Results<Ok<AuthorityTrend>, ProblemHttpResult, ForbidHttpResult>> TrendsAsync(
        string la, WorkforceDbContext db, IOptions<WorkforceThresholds> thresholds, TimeProvider time, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (!await ReturnsApi.MaySeeAsync(user, la, db, time, cancellationToken))
        {
            return TypedResults.Forbid();
        }

        var context = await CensusContext.LoadAsync(db, cancellationToken);
        if (context.Find(la) is not { } authority)
        {
            return NotFoundProblem.For($"'{la}' is not a registered local authority.");
        }

        var neighbours = context.NeighboursOf(authority);
        var own = context.Returns.Of(la).Select(r => context.YearOf(la, r, neighbours, thresholds.Value, predecessor: null));
        var predecessors = context.PredecessorsOf(la)
            .SelectMany(predecessor => context.Returns.Of(predecessor.Gss)
                .Select(r => context.YearOf(predecessor.Gss, r, neighbours, thresholds.Value, new Predecessor(predecessor.Gss, predecessor.Name, predecessor.EndedOn!.Value))));
        var years = own.Concat(predecessors).OrderBy(year => year.CensusYear).ThenBy(year => year.Predecessor is null ? 1 : 0).ToList();
        return TypedResults.Ok(new AuthorityTrend(la, authority.Name, neighbours, years));
    }

    /// <summary>One census year (the authority's latest when none is asked for) against its neighbours and England.</summary>
    public static async Task<Results<Ok<YearComparison>, ProblemHttpResult, ForbidHttpResult>> ComparisonAsync(
        string la, int? year, WorkforceDbContext db, IOptions<WorkforceThresholds> thresholds, TimeProvider time, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (!await ReturnsApi.MaySeeAsync(user, la, db, time, cancellationToken))
        {
            return TypedResults.Forbid();
        }

        var context = await CensusContext.LoadAsync(db, cancellationToken);
        var authority = context.Find(la);
        var own = context.Returns.Of(la).Where(r => year is null || r.CensusYear == year).LastOrDefault();
        return authority is null || own is null
            ? NotFoundProblem.For($"No workforce return for '{la}'{(year is null ? "" : $" in {year}")}.")
            : TypedResults.Ok(context.YearOf(la, own, context.NeighboursOf(authority), thresholds.Value, predecessor: null));
    }

    /// <summary>England per census year: ratios of the sums over every authority's latest return.</summary>
    public static async Task<Ok<Paged<NationalYear>>> NationalAsync(int? page, int? pageSize, WorkforceDbContext db, CancellationToken cancellationToken)
    {
        var context = await CensusContext.LoadAsync(db, cancellationToken);
        return TypedResults.Ok(context.LatestVersions.GroupBy(r => r.CensusYear).OrderBy(g => g.Key)
            .Select(g => new NationalYear(g.Key, g.Count(), Comparison.National([.. g.Select(r => r.Figures)])))
            .ToList()
            .ToPage(PageRequest.From(page, pageSize)));
    }

    /// <summary>Every authority's latest census year, its measures and the thresholds it crossed, for the national dashboard.</summary>
    /// <remarks>Reads one return per authority (<see cref="LatestCensus"/>), not every year's.</remarks>
    public static async Task<Ok<Paged<Headline>>> HeadlinesAsync(
        int? page, int? pageSize, WorkforceDbContext db, IOptions<WorkforceThresholds> thresholds, CancellationToken cancellationToken)
    {
        var latest = await LatestCensus.Of(db).OrderBy(census => census.Authority).ToPageAsync(PageRequest.From(page, pageSize), cancellationToken);
        var returnIds = latest.Items.Select(census => census.ReturnId).Distinct().ToList();
        var returns = await db.Returns.AsNoTracking().Where(r => returnIds.Contains(r.Id)).ToDictionaryAsync(r => r.Id, cancellationToken);
        var jointReturns = returns.Values.Any(r => r.JointWith.Count > 0)
            ? new JointReturnNames(
                await db.Set<KnownLocalAuthority>().AsNoTracking().ToDictionaryAsync(known => known.Gss, cancellationToken),
                await db.Trusts.AsNoTracking().ToListAsync(cancellationToken))
            : null;
        return TypedResults.Ok(latest.Map(census =>
        {
            var own = returns[census.ReturnId];
            return new Headline(census.Authority, own.CensusYear, Measures.Of(own.Figures), thresholds.Value.CrossedBy(own.Figures), jointReturns?.Of(own));
        }));
    }
}

public sealed record GroupMeasures(int Authorities, Measures Measures);

/// <param name="JointReturn">Set when the year's figures are a joint return covering other authorities too (W7).</param>
/// <param name="NeighbourRanks">Where the authority stands among its statistical neighbours on each measure that year.</param>
/// <param name="Predecessor">Set when the year's figures are those of an authority this one succeeded (I3c), not its own.</param>
public sealed record YearComparison(
    int CensusYear,
    int Version,
    Measures Authority,
    GroupMeasures Neighbours,
    GroupMeasures England,
    IReadOnlyList<ThresholdCrossing> ThresholdsCrossed,
    JointReturn? JointReturn,
    Predecessor? Predecessor,
    IReadOnlyList<NeighbourRank> NeighbourRanks);

/// <summary>A return filed once for several authorities, by the trust that serves them all when the platform knows it.</summary>
public sealed record JointReturn(string FiledUnder, IReadOnlyList<AuthorityName> LocalAuthorities, string? Trust);

public sealed record AuthorityName(string LocalAuthority, string Name);

public sealed record Predecessor(string LocalAuthority, string Name, DateOnly EndedOn);

public sealed record AuthorityTrend(string LocalAuthority, string Name, IReadOnlyList<string> StatisticalNeighbours, IReadOnlyList<YearComparison> Years);

public sealed record Headline(string LocalAuthority, int CensusYear, Measures Measures, IReadOnlyList<ThresholdCrossing> ThresholdsCrossed, JointReturn? JointReturn);

public sealed record NationalYear(int CensusYear, int Authorities, Measures Measures);
