using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.Inspections.Data;
using Platform.Inspections.Domain;
using Platform.Messaging.Data;
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

    /// <remarks>
    /// Chosen in the database (EF Core's correlated LIMIT 1 for a group's first, one probe per authority
    /// of the partial index of current graded judgements), so the answer costs about the same whether
    /// Ofsted has published one year of judgements or twenty.
    /// </remarks>
    public static async Task<Ok<Paged<LatestGrade>>> GetAsync(int? page, int? pageSize, InspectionsDbContext db, CancellationToken cancellationToken)
    {
        var latestOfEachAuthority = db.Judgements
            .Where(j => j.IsCurrent && j.Overall != null)
            .GroupBy(j => j.LocalAuthority)
            .Select(judgements => judgements.OrderByDescending(j => j.PublicationDate).ThenByDescending(j => j.Id).Select(j => j.Id).First());
        var latest = db.Judgements.AsNoTracking()
            .Where(j => latestOfEachAuthority.Contains(j.Id))
            .OrderBy(j => j.LocalAuthority);
        return TypedResults.Ok(await latest.ToPageAsync(
            j => new LatestGrade(j.LocalAuthority, j.Framework, j.PublicationDate, j.Overall!.Value, j.ProviderId), PageRequest.From(page, pageSize), cancellationToken));
    }
}

/// <param name="ProviderId">The trust that ran the authority's services when they were inspected, if one did.</param>
public sealed record LatestGrade(string LocalAuthority, Framework Framework, DateOnly PublicationDate, Grade Overall, Guid? ProviderId);
