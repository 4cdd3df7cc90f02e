using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.Inspections.Data;
using Platform.Inspections.Domain;
using Platform.ServiceDefaults;
using Platform.ServiceDefaults.Auth;
using Platform.ServiceDefaults.Http;

namespace Platform.Inspections.Api;

public static class ScheduleApi
{
    public static RouteGroupBuilder MapScheduleApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/inspections/schedule").WithTags("Inspection schedule").RequireAuthorization(Policies.Authenticated);
        group.MapGet("/", ListAsync);
        return group;
    }

    /// <summary>I4: trusts' inspections, soonest due first, with where each stands today.</summary>
    public static async Task<Ok<Paged<ScheduledInspectionResponse>>> ListAsync(
        ScheduleStatus? status, int? page, int? pageSize, InspectionsDbContext db, TimeProvider time, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var today = time.Today();
        var scheduled = await db.Schedule.AsNoTracking().OrderBy(s => s.DueBy).ToListAsync(cancellationToken);
        var visible = scheduled.Where(s => user.MayAccessAuthority(s.LocalAuthority)).ToList();
        var responses = new List<ScheduledInspectionResponse>(visible.Count);
        foreach (var s in visible)
        {
            var state = s.StatusOn(today, await db.LatestGradedPublicationAsync(s.LocalAuthority, cancellationToken));
            if (status is null || state == status)
            {
                responses.Add(new ScheduledInspectionResponse(s.Id, s.ProviderId, s.TrustName, s.LocalAuthority, s.OperatingFrom, s.DueBy, state));
            }
        }

        return TypedResults.Ok(responses.ToPage(PageRequest.From(page, pageSize)));
    }
}

public sealed record ScheduledInspectionResponse(Guid Id, Guid ProviderId, string TrustName, string LocalAuthority, DateOnly OperatingFrom, DateOnly DueBy, ScheduleStatus Status);
