using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.Inspections.Data;
using Platform.Inspections.Domain;
using Platform.ServiceDefaults.Auth;
using Platform.ServiceDefaults.Http;

namespace Platform.Inspections.Api;

/// <summary>
/// Every authority's latest graded inspection in one answer, for the national dashboard. While a
/// trust runs an authority's services, Ofsted's judgement of them is the authority's latest grade
/// (P5): it counts here as any other, marked with the trust.
/// </summary>
public static class LatestGradesApi
{
    public static RouteGroupBuilder MapLatestGradesApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/inspections/latest").WithTags("Judgements").RequireAuthorization(Policies.Authenticated);
        group.MapGet("/", GetAsync);
        return group;
    }

    public static async Task<Ok<Paged<LatestGrade>>> GetAsync(int? page, int? pageSize, InspectionsDbContext db, CancellationToken cancellationToken)
    {
        var graded = await db.Judgements.AsNoTracking()
            .Where(j => j.IsCurrent && j.Overall != null)
            .Select(j => new LatestGrade(j.LocalAuthority, j.Framework, j.PublicationDate, j.Overall!.Value, j.ProviderId))
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(graded
            .GroupBy(g => g.LocalAuthority)
            .Select(group => group.MaxBy(g => g.PublicationDate)!)
            .OrderBy(g => g.LocalAuthority, StringComparer.Ordinal)
            .ToList()
            .ToPage(PageRequest.From(page, pageSize)));
    }
}

/// <param name="ProviderId">The trust that ran the authority's services when they were inspected, if one did.</param>
public sealed record LatestGrade(string LocalAuthority, Framework Framework, DateOnly PublicationDate, Grade Overall, Guid? ProviderId);
