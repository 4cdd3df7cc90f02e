using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.Commissioners.Data;
using Platform.Commissioners.Domain;
using Platform.Messaging.LocalAuthorities;
using Platform.ServiceDefaults.Auth;
using Platform.ServiceDefaults.Http;
using Platform.ServiceDefaults.Problems;

namespace Platform.Commissioners.Api;

public static class CasesApi
{
    public static readonly string[] Readers = [Roles.Dfe, Roles.Council];

    public static RouteGroupBuilder MapCasesApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/commissioners/cases")
            .WithTags("Intervention cases")
            .RequireAuthorization(Policies.AnyOf(Readers));

        group.MapGet("/", ListAsync);
        group.MapGet("/{id:guid}", GetAsync);
        return group;
    }

    /// <summary>Cases, newest first; a council must name its own authority and sees only that one.</summary>
    public static async Task<Results<Ok<Paged<CaseResponse>>, ValidationProblem, ForbidHttpResult>> ListAsync(
        string? la, int? page, int? pageSize, CommissionersDbContext db, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var validation = new Validation();
        if (la is not null && await db.ExplainUnusableAuthorityAsync(la, cancellationToken) is { } problem)
        {
            validation.Add("la", problem);
        }
        else if (la is null && !user.IsInRole(Roles.Dfe))
        {
            validation.Add("la", "A council lists the cases of its own authority: give 'la'.");
        }

        if (!validation.IsValid)
        {
            return validation.ToProblem();
        }

        if (la is not null && !user.MayAccessAuthority(la))
        {
            return TypedResults.Forbid();
        }

        var paging = PageRequest.From(page, pageSize);
        var query = db.Cases.AsNoTracking();
        if (la is not null)
        {
            query = query.Where(c => c.LocalAuthority == la);
        }

        var total = await query.CountAsync(cancellationToken);
        var items = await query.OrderByDescending(c => c.OpenedAt).Skip(paging.Skip).Take(paging.PageSize).ToListAsync(cancellationToken);
        return TypedResults.Ok(new Paged<CaseResponse>(items.Select(CaseResponse.From).ToList(), paging.Page, paging.PageSize, total));
    }

    public static async Task<Results<Ok<CaseResponse>, ProblemHttpResult, ForbidHttpResult>> GetAsync(
        Guid id, CommissionersDbContext db, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var found = await db.Cases.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (found is null)
        {
            return TypedResults.Problem($"No intervention case has the id '{id}'.", statusCode: StatusCodes.Status404NotFound, title: "Not found.");
        }

        return user.MayAccessAuthority(found.LocalAuthority) ? TypedResults.Ok(CaseResponse.From(found)) : TypedResults.Forbid();
    }
}

public sealed record CaseResponse(
    Guid Id,
    string LocalAuthority,
    CaseStatus Status,
    Guid TriggeringJudgementId,
    DateOnly JudgementPublished,
    DateOnly ImprovementPlanDue,
    DateOnly ProgressReviewDue,
    DateTimeOffset OpenedAt)
{
    public static CaseResponse From(InterventionCase c) =>
        new(c.Id, c.LocalAuthority, c.Status, c.TriggeringJudgementId, c.JudgementPublished, c.ImprovementPlanDue, c.ProgressReviewDue, c.OpenedAt);
}
