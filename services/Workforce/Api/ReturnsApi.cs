using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.Messaging.LocalAuthorities;
using Platform.ServiceDefaults;
using Platform.ServiceDefaults.Auth;
using Platform.ServiceDefaults.Http;
using Platform.ServiceDefaults.Problems;
using Platform.Workforce.Data;
using Platform.Workforce.Domain;
using Platform.Workforce.Submissions;

namespace Platform.Workforce.Api;

public static class ReturnsApi
{
    public static readonly string[] Users = [Roles.Council, Roles.Provider, Roles.Dfe];

    public static readonly string[] Submitters = [Roles.Council, Roles.Provider];

    public static RouteGroupBuilder MapReturnsApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/workforce/returns")
            .WithTags("Workforce returns")
            .RequireAuthorization(Policies.AnyOf(Users));

        group.MapPost("/", SubmitAsync).RequireAuthorization(Policies.AnyOf(Submitters));
        group.MapGet("/{la}/{censusYear:int}", GetAsync);
        group.MapGet("/{la}/{censusYear:int}/versions", VersionsAsync);
        return group;
    }

    /// <summary>
    /// A council submits its own authority's return, or the trust that runs the authority's services
    /// does; a submission with other figures for the same year is a new version, the same figures again change nothing.
    /// </summary>
    public static async Task<Results<Created<ReturnResponse>, Ok<ReturnResponse>, ValidationProblem, ForbidHttpResult, ProblemHttpResult>> SubmitAsync(
        SubmitReturnRequest request, WorkforceDbContext db, ReturnLedger ledger, TimeProvider time, ClaimsPrincipal user, HttpContext http,
        CancellationToken cancellationToken)
    {
        var validation = new Validation();
        if (validation.Required(request.LocalAuthority, "localAuthority")
            && await db.ExplainUnusableAuthorityAsync(request.LocalAuthority!, cancellationToken) is { } authorityProblem)
        {
            validation.Add("localAuthority", authorityProblem);
        }

        if (validation.Required(request.CensusYear, "censusYear")
            && !WorkforceReturn.IsRecordableCensus(request.CensusYear!.Value, time.Today()))
        {
            validation.Add("censusYear", "The census year must be 2000 or later and its census (30 September) already taken.");
        }

        var figures = request.ToFigures(validation);
        if (figures is not null)
        {
            foreach (var (field, message) in figures.Check())
            {
                validation.Add(field, message);
            }
        }

        if (!validation.IsValid)
        {
            return validation.ToProblem();
        }

        if (!await MaySubmitAsync(user, request.LocalAuthority!, db, time, cancellationToken))
        {
            return TypedResults.Forbid();
        }

        var latest = await db.Returns
            .Where(r => r.LocalAuthority == request.LocalAuthority && r.CensusYear == request.CensusYear)
            .OrderByDescending(r => r.Version)
            .FirstOrDefaultAsync(cancellationToken);
        // A new version sent for the version it corrects: refused when another has been filed since.
        if (EntityTag.RefuseIfChanged(http, latest?.Version ?? 0) is { } changed)
        {
            return changed;
        }

        var (recorded, outcome) = ledger.Record(latest, request.LocalAuthority!, request.CensusYear!.Value, figures!, user.Identity?.Name ?? "unknown");
        await db.SaveChangesAsync(cancellationToken);
        EntityTag.Answer(http, recorded.Version);
        return outcome == ReturnOutcome.Unchanged
            ? TypedResults.Ok(ReturnResponse.From(recorded))
            : TypedResults.Created($"/api/workforce/returns/{recorded.LocalAuthority}/{recorded.CensusYear}", ReturnResponse.From(recorded));
    }

    /// <summary>Every version of a return, oldest first: the correction history.</summary>
    public static async Task<Results<Ok<Paged<ReturnResponse>>, ProblemHttpResult, ForbidHttpResult>> VersionsAsync(
        string la, int censusYear, int? page, int? pageSize, WorkforceDbContext db, TimeProvider time, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (!await MaySeeAsync(user, la, db, time, cancellationToken))
        {
            return TypedResults.Forbid();
        }

        var versions = await VersionsOfCensusAsync(db, la, censusYear, cancellationToken);
        return versions.Count == 0
            ? NotFoundProblem.For($"No workforce return for '{la}' in {censusYear}.")
            : TypedResults.Ok(versions.Select(ReturnResponse.From).ToList().ToPage(PageRequest.From(page, pageSize)));
    }

    /// <summary>The council of the authority, or the trust that runs its services.</summary>
    private static async Task<bool> MaySubmitAsync(ClaimsPrincipal user, string la, WorkforceDbContext db, TimeProvider time, CancellationToken cancellationToken) =>
        (user.IsInRole(Roles.Council) && user.MayAccessAuthority(la)) || await IsServingTrustAsync(user, la, db, time, cancellationToken);

    public static async Task<bool> MaySeeAsync(ClaimsPrincipal user, string la, WorkforceDbContext db, TimeProvider time, CancellationToken cancellationToken) =>
        user.MayAccessAuthority(la) || await IsServingTrustAsync(user, la, db, time, cancellationToken);

    /// <summary>Whether the caller is the trust running the authority's services today: its rights end after its last day (P5).</summary>
    private static async Task<bool> IsServingTrustAsync(ClaimsPrincipal user, string la, WorkforceDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var providers = user.Providers();
        var today = time.Today();
        return providers.Count > 0 && await db.Trusts.AnyAsync(
            t => t.LocalAuthority == la && providers.Contains(t.ProviderId) && (t.ServedUntil == null || t.ServedUntil >= today), cancellationToken);
    }

    /// <summary>The latest version of an authority's return for a census year.</summary>
    public static async Task<Results<Ok<ReturnResponse>, ProblemHttpResult, ForbidHttpResult>> GetAsync(
        string la, int censusYear, WorkforceDbContext db, TimeProvider time, ClaimsPrincipal user, HttpContext http, CancellationToken cancellationToken)
    {
        if (!await MaySeeAsync(user, la, db, time, cancellationToken))
        {
            return TypedResults.Forbid();
        }

        var latest = (await VersionsOfCensusAsync(db, la, censusYear, cancellationToken)).LastOrDefault();
        if (latest is null)
        {
            return NotFoundProblem.For($"No workforce return for '{la}' in {censusYear}.");
        }

        EntityTag.Answer(http, latest.Version);
        return TypedResults.Ok(ReturnResponse.From(latest));
    }

    /// <summary>
    /// Every version of the return that is the authority's census for the year, oldest first: its own
    /// return, or the joint return that covers it (W7).
    /// </summary>
    private static async Task<List<WorkforceReturn>> VersionsOfCensusAsync(WorkforceDbContext db, string la, int censusYear, CancellationToken cancellationToken)
    {
        var filed = await db.Returns.AsNoTracking()
            .Where(r => r.CensusYear == censusYear && (r.LocalAuthority == la || r.JointWith.Contains(la)))
            .ToListAsync(cancellationToken);
        var census = new AuthorityReturns(WorkforceReturn.LatestVersions(filed)).For(la, censusYear);
        return census is null ? [] : [.. filed.Where(r => r.LocalAuthority == census.LocalAuthority).OrderBy(r => r.Version)];
    }
}

public sealed record SubmitReturnRequest(
    string? LocalAuthority,
    int? CensusYear,
    int? HeadcountEmployed,
    decimal? FteEmployed,
    decimal? CaseHoldingFte,
    decimal? AgencyFte,
    decimal? StartersFte,
    decimal? LeaversFte,
    decimal? VacanciesFte,
    int? CasesHeld,
    decimal? AbsenceDays,
    decimal? StandardWeeklyHours = null,
    decimal? EmployedContractedHours = null,
    decimal? CaseHoldingContractedHours = null,
    decimal? AgencyContractedHours = null)
{
    public WorkforceFigures? ToFigures(Validation validation)
    {
        var fteEmployed = Fte(FteEmployed, EmployedContractedHours, "fteEmployed", "employedContractedHours", validation);
        var caseHoldingFte = Fte(CaseHoldingFte, CaseHoldingContractedHours, "caseHoldingFte", "caseHoldingContractedHours", validation);
        var agencyFte = Fte(AgencyFte, AgencyContractedHours, "agencyFte", "agencyContractedHours", validation);
        var present = new[]
        {
            validation.Required(HeadcountEmployed, "headcountEmployed"),
            fteEmployed is not null,
            caseHoldingFte is not null,
            agencyFte is not null,
            validation.Required(StartersFte, "startersFte"),
            validation.Required(LeaversFte, "leaversFte"),
            validation.Required(VacanciesFte, "vacanciesFte"),
            validation.Required(CasesHeld, "casesHeld"),
        };
        return present.All(p => p)
            ? new WorkforceFigures(HeadcountEmployed, fteEmployed, caseHoldingFte, agencyFte,
                StartersFte, LeaversFte, VacanciesFte, CasesHeld, AbsenceDays)
            : null;
    }

    /// <summary>An FTE given as such, or as contracted hours over the standard weekly hours (W1); never both.</summary>
    private decimal? Fte(decimal? fte, decimal? hours, string fteField, string hoursField, Validation validation)
    {
        if (fte is not null && hours is not null)
        {
            validation.Add(hoursField, $"Give '{fteField}' or '{hoursField}', not both (W1).");
            return null;
        }

        if (hours is null)
        {
            validation.Required(fte, fteField);
            return fte;
        }

        if (StandardWeeklyHours is not > 0)
        {
            validation.Add("standardWeeklyHours", $"'{hoursField}' becomes FTE over the standard full-time weekly hours: give 'standardWeeklyHours' above zero (W1).");
            return null;
        }

        return WorkforceFigures.Fte(hours.Value, StandardWeeklyHours.Value);
    }
}

public sealed record ReturnResponse(
    Guid Id,
    string LocalAuthority,
    IReadOnlyList<string> JointWith,
    int CensusYear,
    int Version,
    WorkforceFigures Figures,
    Measures Measures,
    DateTimeOffset SubmittedAt,
    string SubmittedBy)
{
    public static ReturnResponse From(WorkforceReturn r) =>
        new(r.Id, r.LocalAuthority, r.JointWith, r.CensusYear, r.Version, r.Figures, Measures.Of(r.Figures), r.SubmittedAt, r.SubmittedBy);
}
