using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.Messaging.Events;
using Platform.Messaging.LocalAuthorities;
using Platform.ServiceDefaults;
using Platform.ServiceDefaults.Auth;
using Platform.ServiceDefaults.Problems;
using Platform.Workforce.Data;
using Platform.Workforce.Domain;

namespace Platform.Workforce.Api;

public static class ReturnsApi
{
    public static readonly string[] Users = [Roles.Council, Roles.Dfe];

    public static RouteGroupBuilder MapReturnsApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/workforce/returns")
            .WithTags("Workforce returns")
            .RequireAuthorization(Policies.AnyOf(Users));

        group.MapPost("/", SubmitAsync).RequireAuthorization(Roles.Council);
        group.MapGet("/{la}/{censusYear:int}", GetAsync);
        return group;
    }

    /// <summary>A council submits its own authority's return; a second submission for the same year is a new version.</summary>
    public static async Task<Results<Created<ReturnResponse>, ValidationProblem, ForbidHttpResult>> SubmitAsync(
        SubmitReturnRequest request, WorkforceDbContext db, TimeProvider time, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var validation = new Validation();
        if (validation.Required(request.LocalAuthority, "localAuthority")
            && await db.ExplainUnusableAuthorityAsync(request.LocalAuthority!, cancellationToken) is { } authorityProblem)
        {
            validation.Add("localAuthority", authorityProblem);
        }

        if (validation.Required(request.CensusYear, "censusYear")
            && (request.CensusYear < 2000 || !WorkforceReturn.IsCensusTaken(request.CensusYear!.Value, time.Today())))
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

        if (!user.MayAccessAuthority(request.LocalAuthority!))
        {
            return TypedResults.Forbid();
        }

        var latest = await db.Returns
            .Where(r => r.LocalAuthority == request.LocalAuthority && r.CensusYear == request.CensusYear)
            .MaxAsync(r => (int?)r.Version, cancellationToken) ?? 0;
        var submitted = WorkforceReturn.Submit(request.LocalAuthority!, request.CensusYear!.Value, latest + 1, figures!, user.Identity?.Name ?? "unknown", time.GetUtcNow());
        db.Returns.Add(submitted);
        db.AddEvent(new WorkforceReturnSubmitted
        {
            OccurredAt = submitted.SubmittedAt,
            ReturnId = submitted.Id,
            LocalAuthority = submitted.LocalAuthority,
            CensusYear = submitted.CensusYear,
            Version = submitted.Version,
            AgencyRate = submitted.Figures.AgencyRate,
            TurnoverRate = submitted.Figures.TurnoverRate,
            VacancyRate = submitted.Figures.VacancyRate,
            Caseload = submitted.Figures.Caseload,
        });
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/workforce/returns/{submitted.LocalAuthority}/{submitted.CensusYear}", ReturnResponse.From(submitted));
    }

    /// <summary>The latest version of an authority's return for a census year.</summary>
    public static async Task<Results<Ok<ReturnResponse>, ProblemHttpResult, ForbidHttpResult>> GetAsync(
        string la, int censusYear, WorkforceDbContext db, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (!user.MayAccessAuthority(la))
        {
            return TypedResults.Forbid();
        }

        var latest = await db.Returns.AsNoTracking()
            .Where(r => r.LocalAuthority == la && r.CensusYear == censusYear)
            .OrderByDescending(r => r.Version)
            .FirstOrDefaultAsync(cancellationToken);
        return latest is null
            ? NotFoundProblem.For($"No workforce return for '{la}' in {censusYear}.")
            : TypedResults.Ok(ReturnResponse.From(latest));
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
    decimal? AbsenceDays)
{
    public WorkforceFigures? ToFigures(Validation validation)
    {
        var present = new[]
        {
            validation.Required(HeadcountEmployed, "headcountEmployed"),
            validation.Required(FteEmployed, "fteEmployed"),
            validation.Required(CaseHoldingFte, "caseHoldingFte"),
            validation.Required(AgencyFte, "agencyFte"),
            validation.Required(StartersFte, "startersFte"),
            validation.Required(LeaversFte, "leaversFte"),
            validation.Required(VacanciesFte, "vacanciesFte"),
            validation.Required(CasesHeld, "casesHeld"),
        };
        return present.All(p => p)
            ? new WorkforceFigures(HeadcountEmployed!.Value, FteEmployed!.Value, CaseHoldingFte!.Value, AgencyFte!.Value,
                StartersFte!.Value, LeaversFte!.Value, VacanciesFte!.Value, CasesHeld!.Value, AbsenceDays ?? 0)
            : null;
    }
}

public sealed record ReturnResponse(
    Guid Id,
    string LocalAuthority,
    int CensusYear,
    int Version,
    WorkforceFigures Figures,
    DerivedMeasures Measures,
    DateTimeOffset SubmittedAt)
{
    public static ReturnResponse From(WorkforceReturn r) =>
        new(r.Id, r.LocalAuthority, r.CensusYear, r.Version, r.Figures,
            new DerivedMeasures(r.Figures.AgencyRate, r.Figures.TurnoverRate, r.Figures.VacancyRate, r.Figures.Caseload), r.SubmittedAt);
}

/// <summary>W2-W5, computed from the figures.</summary>
public sealed record DerivedMeasures(decimal? AgencyRate, decimal? TurnoverRate, decimal? VacancyRate, decimal? Caseload);
