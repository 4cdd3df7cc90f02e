using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.Commissioners.Data;
using Platform.Commissioners.Domain;
using Platform.ServiceDefaults;
using Platform.ServiceDefaults.Auth;
using Platform.ServiceDefaults.Http;

namespace Platform.Commissioners.Api;

/// <summary>Every authority's latest case in one answer, for the national dashboard.</summary>
public static class SummaryApi
{
    public static RouteGroupBuilder MapSummaryApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/commissioners/summary").WithTags("Cases").RequireAuthorization(Roles.Dfe);
        group.MapGet("/", GetAsync);
        return group;
    }

    public static async Task<Ok<Paged<CaseSummary>>> GetAsync(int? page, int? pageSize, CommissionersDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var today = time.Today();
        var cases = await db.Cases.AsNoTracking().ToListAsync(cancellationToken);
        return TypedResults.Ok(cases
            .GroupBy(c => c.LocalAuthority)
            .Select(group => group.OrderByDescending(c => c.JudgementPublished).ThenByDescending(c => c.OpenedAt).First())
            .OrderBy(c => c.LocalAuthority, StringComparer.Ordinal)
            .Select(c => new CaseSummary(c.LocalAuthority, c.Id, c.Status, c.FiredRule, c.Commissioner, c.Outcome, c.OpenedAt, c.OverdueDeadlines(today)))
            .ToList()
            .ToPage(PageRequest.From(page, pageSize)));
    }
}

public sealed record CaseSummary(
    string LocalAuthority, Guid CaseId, CaseStatus Status, string? FiredRule, string? Commissioner, InterventionOutcome? Outcome,
    DateTimeOffset OpenedAt, IReadOnlyList<string> Overdue);
