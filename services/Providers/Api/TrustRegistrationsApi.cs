using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.Providers.Data;
using Platform.Providers.Domain;
using Platform.ServiceDefaults.Auth;

namespace Platform.Providers.Api;

public static class TrustRegistrationsApi
{
    public static RouteGroupBuilder MapTrustRegistrationsApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/providers/trust-registrations").WithTags("Trust registrations").RequireAuthorization(Policies.Authenticated);
        group.MapGet("/", ListAsync);
        return group;
    }

    /// <summary>Trust registrations, optionally for one council; a council sees its own only.</summary>
    public static async Task<Results<Ok<List<TrustRegistrationResponse>>, ForbidHttpResult>> ListAsync(
        string? la, ProvidersDbContext db, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var mayReadAll = user.IsInRole(Roles.Dfe) || user.IsInRole(Roles.Registrar);
        if (!mayReadAll && (la is null || !user.MayAccessAuthority(la)))
        {
            return TypedResults.Forbid();
        }

        var query = db.TrustRegistrations.AsNoTracking();
        if (la is not null)
        {
            query = query.Where(r => r.LocalAuthority == la);
        }

        var registrations = await query.OrderByDescending(r => r.OpenedAt).ToListAsync(cancellationToken);
        return TypedResults.Ok(registrations.Select(TrustRegistrationResponse.From).ToList());
    }
}

public sealed record TrustRegistrationResponse(Guid Id, string LocalAuthority, Guid InterventionCaseId, DateOnly DecidedOn, TrustRegistrationStatus Status, DateTimeOffset OpenedAt)
{
    public static TrustRegistrationResponse From(TrustRegistration r) => new(r.Id, r.LocalAuthority, r.InterventionCaseId, r.DecidedOn, r.Status, r.OpenedAt);
}
