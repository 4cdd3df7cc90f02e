using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.Commissioners.Data;
using Platform.Commissioners.Domain;
using Platform.Messaging.Data;
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

    /// <remarks>
    /// The latest case of each authority is chosen in the database (EF Core's correlated LIMIT 1 for a
    /// group's first, one probe per authority of the (authority, judgement published, opened) index) and
    /// only those cases are read, so the answer costs about the same after ten years of cases as after one.
    /// </remarks>
    public static async Task<Ok<Paged<CaseSummary>>> GetAsync(int? page, int? pageSize, CommissionersDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var today = time.Today();
        var latestOfEachAuthority = db.Cases
            .GroupBy(c => c.LocalAuthority)
            .Select(cases => cases.OrderByDescending(c => c.JudgementPublished).ThenByDescending(c => c.OpenedAt).ThenByDescending(c => c.Id).Select(c => c.Id).First());
        // Only the columns the summary shows and its deadlines are decided by: not the case's history, which
        // a whole case brings with it (its transitions are owned, so always joined).
        var latest = await db.Cases.AsNoTracking()
            .Where(c => latestOfEachAuthority.Contains(c.Id))
            .OrderBy(c => c.LocalAuthority)
            .ToPageAsync(
                c => new
                {
                    c.LocalAuthority, c.Id, c.Status, c.FiredRule, c.Commissioner, c.Outcome, c.OpenedAt,
                    Deadlines = new CaseDeadlines(c.Status, c.ImprovementPlanDue, c.ImprovementPlanReceived, c.ProgressReviewDue, c.ProgressReviewed, c.OutcomeDue),
                },
                PageRequest.From(page, pageSize),
                cancellationToken);
        return TypedResults.Ok(latest.Map(c => new CaseSummary(c.LocalAuthority, c.Id, c.Status, c.FiredRule, c.Commissioner, c.Outcome, c.OpenedAt, c.Deadlines.Overdue(today))));
    }
}

public sealed record CaseSummary(
    string LocalAuthority, Guid CaseId, CaseStatus Status, string? FiredRule, string? Commissioner, InterventionOutcome? Outcome,
    DateTimeOffset OpenedAt, IReadOnlyList<string> Overdue);
