using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.Inspections.Data;
using Platform.Inspections.Domain;
using Platform.Messaging.Events;
using Platform.Messaging.LocalAuthorities;
using Platform.ServiceDefaults;
using Platform.ServiceDefaults.Auth;
using Platform.ServiceDefaults.Http;
using Platform.ServiceDefaults.Problems;

namespace Platform.Inspections.Api;

public static class JudgementsApi
{
    public static RouteGroupBuilder MapJudgementsApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/inspections/judgements").WithTags("Judgements");

        group.MapPost("/", RecordAsync).RequireAuthorization(Roles.Ofsted);
        group.MapGet("/{id:guid}", GetAsync).RequireAuthorization(Policies.Authenticated);
        group.MapGet("/", ListAsync).RequireAuthorization(Policies.Authenticated);
        return group;
    }

    public static async Task<Results<Created<JudgementResponse>, ValidationProblem>> RecordAsync(
        RecordJudgementRequest request,
        InspectionsDbContext db,
        TimeProvider time,
        ClaimsPrincipal user,
        CancellationToken cancellationToken)
    {
        var validation = new Validation();
        if (validation.Required(request.LocalAuthority, "localAuthority")
            && await db.ExplainUnusableAuthorityAsync(request.LocalAuthority!, cancellationToken) is { } authorityProblem)
        {
            validation.Add("localAuthority", authorityProblem);
        }

        var hasFramework = validation.Required(request.Framework, "framework");
        var hasStart = validation.Required(request.InspectionStartDate, "inspectionStartDate");
        var hasEnd = validation.Required(request.InspectionEndDate, "inspectionEndDate");
        var hasPublication = validation.Required(request.PublicationDate, "publicationDate");
        if (hasFramework && hasStart && hasEnd && hasPublication)
        {
            foreach (var problem in JudgementRules.Check(
                request.Framework!.Value,
                request.InspectionStartDate!.Value,
                request.InspectionEndDate!.Value,
                request.PublicationDate!.Value,
                request.Overall,
                request.ReportUrl,
                time.Today()))
            {
                validation.Add(problem.Field, problem.Message);
            }
        }

        if (!validation.IsValid)
        {
            return validation.ToProblem();
        }

        var judgement = Judgement.Record(
            request.LocalAuthority!,
            request.Framework!.Value,
            request.InspectionStartDate!.Value,
            request.InspectionEndDate!.Value,
            request.PublicationDate!.Value,
            request.Overall,
            request.ReportUrl,
            user.Identity?.Name ?? "unknown",
            time.GetUtcNow());
        db.Judgements.Add(judgement);
        db.AddEvent(new InspectionPublished
        {
            OccurredAt = judgement.RecordedAt,
            JudgementId = judgement.Id,
            LocalAuthority = judgement.LocalAuthority,
            Framework = Words.Of(judgement.Framework),
            Overall = judgement.Overall is { } overall ? Words.Of(overall) : null,
            InspectionStartDate = judgement.InspectionStartDate,
            InspectionEndDate = judgement.InspectionEndDate,
            PublicationDate = judgement.PublicationDate,
        });
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/inspections/judgements/{judgement.Id}", JudgementResponse.From(judgement));
    }

    public static async Task<Results<Ok<JudgementResponse>, ProblemHttpResult, ForbidHttpResult>> GetAsync(
        Guid id, InspectionsDbContext db, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var judgement = await db.Judgements.AsNoTracking().FirstOrDefaultAsync(j => j.Id == id, cancellationToken);
        if (judgement is null)
        {
            return TypedResults.Problem($"No judgement has the id '{id}'.", statusCode: StatusCodes.Status404NotFound, title: "Not found.");
        }

        return user.MayAccessAuthority(judgement.LocalAuthority)
            ? TypedResults.Ok(JudgementResponse.From(judgement))
            : TypedResults.Forbid();
    }

    /// <summary>One authority's judgements, newest publication first.</summary>
    public static async Task<Results<Ok<Paged<JudgementResponse>>, ValidationProblem, ForbidHttpResult>> ListAsync(
        string? la, int? page, int? pageSize, InspectionsDbContext db, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var validation = new Validation();
        if (validation.Required(la, "la") && await db.ExplainUnusableAuthorityAsync(la!, cancellationToken) is { } problem)
        {
            validation.Add("la", problem);
        }

        if (!validation.IsValid)
        {
            return validation.ToProblem();
        }

        if (!user.MayAccessAuthority(la!))
        {
            return TypedResults.Forbid();
        }

        var paging = PageRequest.From(page, pageSize);
        var query = db.Judgements.AsNoTracking().Where(j => j.LocalAuthority == la);
        var total = await query.CountAsync(cancellationToken);
        var items = await query
            .OrderByDescending(j => j.PublicationDate)
            .ThenByDescending(j => j.RecordedAt)
            .Skip(paging.Skip)
            .Take(paging.PageSize)
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(new Paged<JudgementResponse>(items.Select(JudgementResponse.From).ToList(), paging.Page, paging.PageSize, total));
    }
}

public sealed record RecordJudgementRequest(
    string? LocalAuthority,
    Framework? Framework,
    DateOnly? InspectionStartDate,
    DateOnly? InspectionEndDate,
    DateOnly? PublicationDate,
    Grade? Overall,
    string? ReportUrl);

public sealed record JudgementResponse(
    Guid Id,
    string LocalAuthority,
    Framework Framework,
    DateOnly InspectionStartDate,
    DateOnly InspectionEndDate,
    DateOnly PublicationDate,
    Grade? Overall,
    string? ReportUrl,
    DateTimeOffset RecordedAt)
{
    public static JudgementResponse From(Judgement j) =>
        new(j.Id, j.LocalAuthority, j.Framework, j.InspectionStartDate, j.InspectionEndDate, j.PublicationDate, j.Overall, j.ReportUrl, j.RecordedAt);
}
