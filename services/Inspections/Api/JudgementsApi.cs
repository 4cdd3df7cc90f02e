using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.Inspections.Data;
using Platform.Inspections.Domain;
using Platform.Messaging.LocalAuthorities;
using Platform.ServiceDefaults;
using Platform.ServiceDefaults.Auth;
using Platform.ServiceDefaults.Http;
using Platform.ServiceDefaults.Problems;
using Platform.Messaging.Idempotency;

namespace Platform.Inspections.Api;

public static class JudgementsApi
{
    public static RouteGroupBuilder MapJudgementsApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/inspections").WithTags("Judgements");

        group.MapPost("/judgements", RecordAsync).RequireAuthorization(Roles.Ofsted);
        group.MapPost("/judgements/{id:guid}/corrections", CorrectAsync).RequireAuthorization(Roles.Ofsted);
        group.MapGet("/judgements/{id:guid}", GetAsync).RequireAuthorization(Policies.Authenticated);
        group.MapGet("/judgements/{id:guid}/versions", VersionsAsync).RequireAuthorization(Policies.Authenticated);
        group.MapGet("/judgements", ListAsync).RequireAuthorization(Policies.Authenticated);
        group.MapGet("/authorities/{gss}/history", HistoryAsync).RequireAuthorization(Policies.Authenticated);
        return group;
    }

    /// <summary>
    /// Records an inspection once: the same inspection sent again (a retry, or two requests at once) is
    /// answered with the judgement already recorded; sent again with other facts, it is a conflict that
    /// names the judgement to correct.
    /// </summary>
    public static async Task<Results<Created<JudgementResponse>, Ok<JudgementResponse>, ValidationProblem, ProblemHttpResult>> RecordAsync(
        JudgementBody request, InspectionsDbContext db, TimeProvider time, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var (facts, problem) = await ValidateAsync(request, db, time, cancellationToken);
        if (facts is null)
        {
            return problem!;
        }

        await using var transaction = await db.BeginOrJoinTransactionAsync(cancellationToken);
        await db.LockAuthoritiesAsync([facts.LocalAuthority], cancellationToken);
        var key = InspectionKey.Of(facts);
        var sameDay = await db.Judgements.AsNoTracking()
            .Where(j => j.IsCurrent && j.LocalAuthority == facts.LocalAuthority && j.PublicationDate == facts.PublicationDate)
            .ToListAsync(cancellationToken);
        if (sameDay.FirstOrDefault(j => InspectionKey.Of(j.Facts) == key) is { } recorded)
        {
            return recorded.Facts == facts
                ? TypedResults.Ok(JudgementResponse.From(recorded))
                : TypedResults.Problem(
                    $"This inspection ({facts.LocalAuthority}, published {facts.PublicationDate:yyyy-MM-dd}) is already recorded as judgement {recorded.JudgementId} with other facts: send a correction to /api/inspections/judgements/{recorded.JudgementId}/corrections.",
                    statusCode: StatusCodes.Status409Conflict,
                    title: "The inspection is already recorded",
                    extensions: new Dictionary<string, object?> { ["judgementId"] = recorded.JudgementId });
        }

        var judgement = Judgement.Record(facts, "api", user.Identity?.Name ?? "unknown", time.GetUtcNow());
        db.Judgements.Add(judgement);
        db.AddEvent(InspectionEvents.Published(judgement));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Created($"/api/inspections/judgements/{judgement.JudgementId}", JudgementResponse.From(judgement));
    }

    /// <summary>A correction becomes the current version; the earlier versions stay readable.</summary>
    public static async Task<Results<Created<JudgementResponse>, ValidationProblem, ProblemHttpResult>> CorrectAsync(
        Guid id, JudgementBody request, InspectionsDbContext db, TimeProvider time, ClaimsPrincipal user, HttpContext http, CancellationToken cancellationToken)
    {
        var current = await db.Judgements.FirstOrDefaultAsync(j => j.JudgementId == id && j.IsCurrent, cancellationToken);
        if (current is null)
        {
            return NotFound(id);
        }

        // Two corrections of one version at once: the second to save collides with the first's version (a 409).
        if (EntityTag.RefuseIfChanged(http, current.Version) is { } changed)
        {
            return changed;
        }

        var (facts, problem) = await ValidateAsync(request, db, time, cancellationToken);
        if (facts is null)
        {
            return problem!;
        }

        var validation = new Validation();
        if (validation.Required(request.Reason, "reason") && facts.LocalAuthority != current.LocalAuthority)
        {
            validation.Add("localAuthority", "A correction cannot move a judgement to another authority; record a new judgement instead.");
        }

        if (!validation.IsValid)
        {
            return validation.ToProblem();
        }

        var corrected = current.Correct(facts, request.Reason!, user.Identity?.Name ?? "unknown", time.GetUtcNow());
        db.Judgements.Add(corrected);
        db.AddEvent(InspectionEvents.Published(corrected));
        await db.SaveChangesAsync(cancellationToken);
        EntityTag.Answer(http, corrected.Version);
        return TypedResults.Created($"/api/inspections/judgements/{corrected.JudgementId}", JudgementResponse.From(corrected));
    }

    private static async Task<(JudgementFacts? Facts, ValidationProblem? Problem)> ValidateAsync(
        JudgementBody request, InspectionsDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var validation = new Validation();
        if (request.LocalAuthority is not null
            && await db.ExplainUnusableAuthorityAsync(request.LocalAuthority, cancellationToken) is { } authorityProblem)
        {
            validation.Add("localAuthority", authorityProblem);
        }

        var facts = request.ToFacts(validation);
        if (facts is not null)
        {
            foreach (var problem in JudgementRules.Check(facts, time.Today()))
            {
                validation.Add(problem.Field, problem.Message);
            }
        }

        return validation.IsValid ? (facts, null) : (null, validation.ToProblem());
    }

    public static async Task<Results<Ok<JudgementResponse>, ProblemHttpResult, ForbidHttpResult>> GetAsync(
        Guid id, InspectionsDbContext db, ClaimsPrincipal user, HttpContext http, CancellationToken cancellationToken)
    {
        var judgement = await db.Judgements.AsNoTracking().FirstOrDefaultAsync(j => j.JudgementId == id && j.IsCurrent, cancellationToken);
        if (judgement is null)
        {
            return NotFound(id);
        }

        if (!user.MayAccessAuthority(judgement.LocalAuthority))
        {
            return TypedResults.Forbid();
        }

        EntityTag.Answer(http, judgement.Version);
        return TypedResults.Ok(JudgementResponse.From(judgement));
    }

    /// <summary>Every version of a judgement, oldest first.</summary>
    public static async Task<Results<Ok<Paged<JudgementResponse>>, ProblemHttpResult, ForbidHttpResult>> VersionsAsync(
        Guid id, int? page, int? pageSize, InspectionsDbContext db, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var versions = await db.Judgements.AsNoTracking().Where(j => j.JudgementId == id).OrderBy(j => j.Version).ToListAsync(cancellationToken);
        if (versions.Count == 0)
        {
            return NotFound(id);
        }

        return user.MayAccessAuthority(versions[0].LocalAuthority)
            ? TypedResults.Ok(versions.Select(JudgementResponse.From).ToList().ToPage(PageRequest.From(page, pageSize)))
            : TypedResults.Forbid();
    }

    /// <summary>One authority's current judgements, newest publication first.</summary>
    public static async Task<Results<Ok<Paged<JudgementResponse>>, ValidationProblem, ForbidHttpResult>> ListAsync(
        LocalAuthorityQuery authority, int? page, int? pageSize, InspectionsDbContext db, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var la = authority.Value;
        if (await CheckAuthorityAsync(la, authority.Field, db, cancellationToken) is { } problem)
        {
            return problem;
        }

        if (!user.MayAccessAuthority(la!))
        {
            return TypedResults.Forbid();
        }

        var paging = PageRequest.From(page, pageSize);
        var query = db.Judgements.AsNoTracking().Where(j => j.LocalAuthority == la && j.IsCurrent);
        var total = await query.CountAsync(cancellationToken);
        var items = await query
            .OrderByDescending(j => j.PublicationDate)
            .ThenByDescending(j => j.RecordedAt)
            .Skip(paging.Skip)
            .Take(paging.PageSize)
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(new Paged<JudgementResponse>(items.Select(JudgementResponse.From).ToList(), paging.Page, paging.PageSize, total));
    }

    /// <summary>An authority's whole history, newest first, with its trajectory of overall grades.</summary>
    public static async Task<Results<Ok<HistoryResponse>, ValidationProblem, ForbidHttpResult>> HistoryAsync(
        string gss, InspectionsDbContext db, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (await CheckAuthorityAsync(gss, "gss", db, cancellationToken) is { } problem)
        {
            return problem;
        }

        if (!user.MayAccessAuthority(gss))
        {
            return TypedResults.Forbid();
        }

        var predecessors = await db.Set<KnownLocalAuthority>().AsNoTracking()
            .Where(known => known.EndedOn != null && known.Successors.Contains(gss))
            .OrderByDescending(known => known.EndedOn)
            .ToListAsync(cancellationToken);
        var codes = predecessors.Select(known => known.Gss).Append(gss).ToList();
        var judgements = (await db.Judgements.AsNoTracking()
                .Where(j => codes.Contains(j.LocalAuthority) && j.IsCurrent)
                .OrderByDescending(j => j.PublicationDate)
                .ToListAsync(cancellationToken))
            .ToLookup(j => j.LocalAuthority);
        return TypedResults.Ok(new HistoryResponse(
            gss,
            judgements[gss].Select(JudgementResponse.From).ToList(),
            GradeTrajectory.Of(judgements[gss]),
            predecessors.Select(known => new PredecessorHistory(
                known.Gss, known.Name, known.EndedOn!.Value, judgements[known.Gss].Select(JudgementResponse.From).ToList(), GradeTrajectory.Of(judgements[known.Gss]))).ToList()));
    }

    private static async Task<ValidationProblem?> CheckAuthorityAsync(string? gss, string field, InspectionsDbContext db, CancellationToken cancellationToken)
    {
        var validation = new Validation();
        if (validation.Required(gss, field) && await db.ExplainUnusableAuthorityAsync(gss!, cancellationToken) is { } problem)
        {
            validation.Add(field, problem);
        }

        return validation.IsValid ? null : validation.ToProblem();
    }

    private static ProblemHttpResult NotFound(Guid id) =>
        NotFoundProblem.For($"No judgement has the id '{id}'.");
}
