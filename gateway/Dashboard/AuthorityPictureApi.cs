using System.ComponentModel;
using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Platform.Gateway.Dashboard;

/// <summary>
/// One authority's full picture: its intervention story (judgement history, case with explanation,
/// directions), its contracts with their latest review ratings, and its workforce trends against
/// statistical neighbours and England. Sections come from the services in parallel; a service that is
/// down makes its own section unavailable.
/// </summary>
public static class AuthorityPictureApi
{
    public static async Task<Results<Ok<AuthorityPicture>, ProblemHttpResult>> GetAsync(
        string gss, ServiceCalls services, DashboardCache cache, TimeProvider time, ClaimsPrincipal user)
    {
        // One composition serves every caller waiting on it, so no single request may cancel it.
        var composed = await cache.GetAsync($"authority:{gss}", user, () => ComposeAsync(gss, services, time, CancellationToken.None),
            answer => answer.Picture is { } picture
                && new[] { picture.Authority, picture.Judgements, picture.Intervention, picture.Directions, picture.Contracts, picture.Workforce }
                    .All(section => section.Status != Section.Unavailable));
        return composed!.Picture is { } found ? TypedResults.Ok(found) : composed.Refusal!;
    }

    private static async Task<Composed?> ComposeAsync(string gss, ServiceCalls services, TimeProvider time, CancellationToken cancellationToken)
    {
        var escaped = Uri.EscapeDataString(gss);
        var interventionCall = AuthorityInterventionApi.GetAsync(gss, services, time, cancellationToken);
        var contractsCall = services.GetAsync("contracts", $"/api/contracts?localAuthority={escaped}&pageSize=100", cancellationToken);
        var workforceCall = services.GetAsync("workforce", $"/api/workforce/authorities/{escaped}/trends", cancellationToken);
        await Task.WhenAll(interventionCall, contractsCall, workforceCall);

        if (interventionCall.Result.Result is not Ok<AuthorityIntervention> { Value: { } intervention })
        {
            return new Composed(null, (ProblemHttpResult)interventionCall.Result.Result);
        }

        return new Composed(new AuthorityPicture(
            gss, intervention.Authority, intervention.Judgements, intervention.Intervention, intervention.Directions,
            Optional(contractsCall.Result), Optional(workforceCall.Result), time.GetUtcNow()), null);
    }

    /// <summary>The picture, or the refusal a service gave (no such authority, not the caller's to see).</summary>
    [ImmutableObject(true)]
    private sealed record Composed(AuthorityPicture? Picture, ProblemHttpResult? Refusal);

    /// <summary>A section the caller may lack rights to or that has no data yet (no returns): said so, not refused.</summary>
    private static Section Optional(ServiceAnswer answer) =>
        answer.Refusal is HttpStatusCode.NotFound ? Section.Empty("Nothing recorded yet.") : answer.Section;
}

public sealed record AuthorityPicture(
    string LocalAuthority,
    Section Authority,
    Section Judgements,
    Section Intervention,
    Section Directions,
    Section Contracts,
    Section Workforce,
    DateTimeOffset GeneratedAt);
