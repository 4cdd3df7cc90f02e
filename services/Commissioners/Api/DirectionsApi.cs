using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.Commissioners.Data;
using Platform.Commissioners.Domain;
using Platform.ServiceDefaults;
using Platform.ServiceDefaults.Auth;
using Platform.ServiceDefaults.Problems;
using Platform.ServiceDefaults.Http;

namespace Platform.Commissioners.Api;

/// <summary>T5: directions a commissioner gives the authority of their own appointment.</summary>
public static class DirectionsApi
{
    /// <summary>The commissioner and DfE; the council, to read the directions it is given.</summary>
    public static readonly string[] Users = [Roles.Commissioner, Roles.Dfe, Roles.Council];

    public static RouteGroupBuilder MapDirectionsApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/commissioners/cases/{id:guid}/directions")
            .WithTags("Directions")
            .RequireAuthorization(Policies.AnyOf(Users));
        group.MapGet("/", ListAsync);
        group.MapGet("/{directionId:guid}", GetAsync);
        group.MapPost("/", IssueAsync).RequireAuthorization(Roles.Commissioner);
        group.MapPost("/{directionId:guid}/compliance", RecordComplianceAsync).RequireAuthorization(Roles.Commissioner);
        return group;
    }

    public static async Task<Results<Ok<Paged<DirectionResponse>>, ForbidHttpResult, ProblemHttpResult>> ListAsync(
        Guid id, int? page, int? pageSize, CommissionersDbContext db, TimeProvider time, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var interventionCase = await db.Cases.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (interventionCase is null)
        {
            return CasesApi.NotFound(id);
        }

        if (!user.MayAccessAuthority(interventionCase.LocalAuthority))
        {
            return TypedResults.Forbid();
        }

        var today = time.Today();
        var directions = await db.Directions.AsNoTracking().Where(d => d.CaseId == id).OrderBy(d => d.IssuedOn).ToListAsync(cancellationToken);
        return TypedResults.Ok(directions.Select(d => DirectionResponse.From(d, today)).ToList().ToPage(PageRequest.From(page, pageSize)));
    }

    /// <summary>One direction of a case, as its list shows it, with its version as <c>ETag</c>.</summary>
    public static async Task<Results<Ok<DirectionResponse>, ForbidHttpResult, ProblemHttpResult>> GetAsync(
        Guid id, Guid directionId, CommissionersDbContext db, TimeProvider time, ClaimsPrincipal user, HttpContext http, CancellationToken cancellationToken)
    {
        var direction = await db.Directions.AsNoTracking().FirstOrDefaultAsync(d => d.Id == directionId && d.CaseId == id, cancellationToken);
        var interventionCase = await db.Cases.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (direction is null || interventionCase is null)
        {
            return NotFoundProblem.For($"No direction {directionId} on case {id}.");
        }

        if (!user.MayAccessAuthority(interventionCase.LocalAuthority))
        {
            return TypedResults.Forbid();
        }

        EntityTag.Answer(http, direction.Version);
        return TypedResults.Ok(DirectionResponse.From(direction, time.Today()));
    }

    /// <summary>Only the commissioner appointed to the case issues its directions.</summary>
    public static async Task<Results<Created<DirectionResponse>, ValidationProblem, ForbidHttpResult, ProblemHttpResult>> IssueAsync(
        Guid id, IssueDirectionRequest request, CommissionersDbContext db, TimeProvider time, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var validation = new Validation();
        validation.Required(request.Text, "text");
        var today = time.Today();
        if (validation.Required(request.DueOn, "dueOn") && request.DueOn <= today)
        {
            validation.Add("dueOn", "A direction is due after today.");
        }

        if (!validation.IsValid)
        {
            return validation.ToProblem();
        }

        var interventionCase = await db.Cases.FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (interventionCase is null)
        {
            return CasesApi.NotFound(id);
        }

        if (await AppointedCommissionerAsync(db, interventionCase, user, cancellationToken) is not { } caller)
        {
            return TypedResults.Forbid();
        }

        try
        {
            var direction = Direction.Issue(interventionCase, caller.Id, request.Text!, today, request.DueOn!.Value, caller.Name);
            db.Directions.Add(direction);
            await db.SaveChangesAsync(cancellationToken);
            return TypedResults.Created($"/api/commissioners/cases/{id}/directions/{direction.Id}", DirectionResponse.From(direction, today));
        }
        catch (RuleViolationException refused)
        {
            return RuleViolation.Problem(refused.Rule, refused.Message);
        }
    }

    /// <summary>
    /// T5: the authority complied, as the commissioner appointed to the case records it (no other
    /// commissioner holding the authority's code, and not DfE). Sent with <c>If-Match</c> for an older version it is a 412; of two sent
    /// at once, the second to save finds the direction changed (409) and records nothing.
    /// </summary>
    public static async Task<Results<Ok<DirectionResponse>, ValidationProblem, ForbidHttpResult, ProblemHttpResult>> RecordComplianceAsync(
        Guid id, Guid directionId, ComplianceRequest request, CommissionersDbContext db, TimeProvider time, ClaimsPrincipal user, HttpContext http,
        CancellationToken cancellationToken)
    {
        var today = time.Today();
        var validation = new Validation();
        if (validation.Required(request.CompliedOn, "compliedOn") && request.CompliedOn > today)
        {
            validation.Add("compliedOn", "'compliedOn' cannot be in the future.");
        }

        if (!validation.IsValid)
        {
            return validation.ToProblem();
        }

        var direction = await db.Directions.FirstOrDefaultAsync(d => d.Id == directionId && d.CaseId == id, cancellationToken);
        var interventionCase = await db.Cases.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (direction is null || interventionCase is null)
        {
            return NotFoundProblem.For($"No direction {directionId} on case {id}.");
        }

        if (await AppointedCommissionerAsync(db, interventionCase, user, cancellationToken) is null)
        {
            return TypedResults.Forbid();
        }

        if (EntityTag.RefuseIfChanged(http, direction.Version) is { } changed)
        {
            return changed;
        }

        try
        {
            direction.RecordCompliance(request.CompliedOn!.Value);
        }
        catch (RuleViolationException refused)
        {
            return RuleViolation.Problem(refused.Rule, refused.Message);
        }

        await db.SaveChangesAsync(cancellationToken);
        EntityTag.Answer(http, direction.Version);
        return TypedResults.Ok(DirectionResponse.From(direction, today));
    }

    /// <summary>The caller's place on the register when they are the commissioner appointed to the case, for its authority; otherwise null.</summary>
    private static async Task<CommissionerProfile?> AppointedCommissionerAsync(
        CommissionersDbContext db, InterventionCase interventionCase, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var caller = await db.Register.AsNoTracking().FirstOrDefaultAsync(p => p.Subject == user.Identity!.Name, cancellationToken);
        return caller is not null && caller.Id == interventionCase.CommissionerId && user.MayAccessAuthority(interventionCase.LocalAuthority) ? caller : null;
    }
}

public sealed record IssueDirectionRequest(string? Text, DateOnly? DueOn);

public sealed record ComplianceRequest(DateOnly? CompliedOn);

public sealed record DirectionResponse(Guid Id, Guid CaseId, string Text, DateOnly IssuedOn, DateOnly DueOn, DirectionStatus Status, DateOnly? CompliedOn, bool Overdue, string IssuedBy)
{
    public static DirectionResponse From(Direction d, DateOnly today) =>
        new(d.Id, d.CaseId, d.Text, d.IssuedOn, d.DueOn, d.Status, d.CompliedOn, d.IsOverdue(today), d.IssuedBy);
}
