using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Platform.ServiceDefaults.Auth;

namespace Platform.Gateway.Dashboard;

/// <summary>
/// One authority's intervention story for a person: who it is, its judgements with their trajectory,
/// its current intervention case (deadlines, explanation, commissioner, outcome) with directions.
/// Composed from the services in parallel; the services decide who may see what.
/// </summary>
public static class AuthorityInterventionApi
{
    public static RouteGroupBuilder MapDashboardApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/dashboard").WithTags("Dashboard").RequireAuthorization(Policies.Authenticated);
        group.MapGet("/authorities/{gss}/intervention", GetAsync);
        group.MapGet("/authorities/{gss}", AuthorityPictureApi.GetAsync);
        group.MapGet("/national", NationalPictureApi.GetAsync).RequireAuthorization(Roles.Dfe);
        return group;
    }

    public static async Task<Results<Ok<AuthorityIntervention>, ProblemHttpResult>> GetAsync(
        string gss, ServiceCalls services, TimeProvider time, CancellationToken cancellationToken)
    {
        var escaped = Uri.EscapeDataString(gss);
        var authorityCall = services.GetAsync("providers", $"/api/providers/local-authorities/{escaped}", cancellationToken);
        var historyCall = services.GetAsync("inspections", $"/api/inspections/authorities/{escaped}/history", cancellationToken);
        var casesCall = services.GetAsync("commissioners", $"/api/commissioners/cases?localAuthority={escaped}&pageSize=20", cancellationToken);
        await Task.WhenAll(authorityCall, historyCall, casesCall);
        var (authority, history, cases) = (authorityCall.Result, historyCall.Result, casesCall.Result);

        // A refusal by any service (not allowed to see this authority, no such authority) is the caller's answer.
        if (new[] { authority, history, cases }.FirstOrDefault(answer => answer.Refusal is not null) is { } refused)
        {
            var status = (int)refused.Refusal!.Value;
            return TypedResults.Problem(refused.Section.Reason, statusCode: status == (int)HttpStatusCode.BadRequest ? StatusCodes.Status404NotFound : status);
        }

        var intervention = cases.Section;
        var directions = Section.Empty("No intervention case.");
        if (cases.Section.Data is { } page && page.GetProperty("items").EnumerateArray().FirstOrDefault() is { ValueKind: JsonValueKind.Object } latest)
        {
            intervention = Section.Of(latest);
            directions = (await services.GetAsync("commissioners", $"/api/commissioners/cases/{latest.GetProperty("id").GetString()}/directions", cancellationToken)).Section;
        }
        else if (cases.Section.Status == Section.Available)
        {
            intervention = Section.Empty("No intervention case.");
        }

        return TypedResults.Ok(new AuthorityIntervention(gss, authority.Section, history.Section, intervention, directions, time.GetUtcNow()));
    }
}

public sealed record AuthorityIntervention(
    string LocalAuthority,
    Section Authority,
    Section Judgements,
    Section Intervention,
    Section Directions,
    DateTimeOffset GeneratedAt);
