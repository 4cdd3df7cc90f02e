using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.Messaging.Data;
using Platform.Messaging.Events;
using Platform.Providers.Data;
using Platform.Providers.Domain;
using Platform.Providers.Domain.Registry;
using Platform.ServiceDefaults;
using Platform.ServiceDefaults.Auth;
using Platform.ServiceDefaults.Http;
using Platform.ServiceDefaults.Problems;

namespace Platform.Providers.Api;

public static class TrustRegistrationsApi
{
    public static RouteGroupBuilder MapTrustRegistrationsApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/providers/trust-registrations").WithTags("Trust registrations").RequireAuthorization(Policies.Authenticated);
        group.MapGet("/", ListAsync);
        group.MapGet("/{id:guid}", GetAsync);
        group.MapPost("/", RegisterAsync).RequireAuthorization(Policies.AnyOf(Roles.Council, Roles.Registrar));
        group.MapPost("/{id:guid}/establishment", EstablishAsync).RequireAuthorization(Roles.Registrar);
        group.MapPost("/{id:guid}/ending", EndAsync).RequireAuthorization(Roles.Registrar);
        return group;
    }

    /// <summary>
    /// P5: a council sets up its own children's services trust, outside any intervention; a council
    /// sharing one trust with others registers it for itself, and each registration is established
    /// with the same trust. Asked again while the council's request is open, the same registration answers.
    /// </summary>
    public static async Task<Results<Created<TrustRegistrationResponse>, Ok<TrustRegistrationResponse>, ValidationProblem, ForbidHttpResult>> RegisterAsync(
        TrustRegistrationRequest request, ProvidersDbContext db, TimeProvider time, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var validation = new Validation();
        if (validation.Required(request.LocalAuthority, "localAuthority"))
        {
            var authority = await db.LocalAuthorities.AsNoTracking().AnyAsync(la => la.Gss == request.LocalAuthority, cancellationToken);
            if (!authority)
            {
                validation.Add("localAuthority", await db.EndedLocalAuthorities.AnyAsync(la => la.Gss == request.LocalAuthority, cancellationToken)
                    ? $"'{request.LocalAuthority}' was ended by a reorganisation: a trust is set up for a current authority (I3c)."
                    : $"'{request.LocalAuthority}' is not a registered local authority.");
            }
        }

        if (validation.Required(request.DecidedOn, "decidedOn") && request.DecidedOn > time.Today())
        {
            validation.Add("decidedOn", "The council's decision to set up the trust is dated today or earlier.");
        }

        if (!validation.IsValid)
        {
            return validation.ToProblem();
        }

        if (user.IsInRole(Roles.Council) && !user.MayAccessAuthority(request.LocalAuthority!))
        {
            return TypedResults.Forbid();
        }

        var open = await db.TrustRegistrations.AsNoTracking().FirstOrDefaultAsync(
            r => r.LocalAuthority == request.LocalAuthority && r.InterventionCaseId == null && r.Status == TrustRegistrationStatus.Requested, cancellationToken);
        if (open is not null)
        {
            return TypedResults.Ok(TrustRegistrationResponse.From(open));
        }

        var registration = TrustRegistration.Open(request.LocalAuthority!, caseId: null, request.DecidedOn!.Value, time.GetUtcNow());
        db.TrustRegistrations.Add(registration);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/providers/trust-registrations/{registration.Id}", TrustRegistrationResponse.From(registration));
    }

    /// <summary>One trust registration; a council sees its own only.</summary>
    public static async Task<Results<Ok<TrustRegistrationResponse>, ProblemHttpResult, ForbidHttpResult>> GetAsync(
        Guid id, ProvidersDbContext db, ClaimsPrincipal user, HttpContext http, CancellationToken cancellationToken)
    {
        var registration = await db.TrustRegistrations.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (registration is null)
        {
            return NotFoundProblem.For($"No trust registration has the id '{id}'.");
        }

        if (!MayReadAll(user) && !user.MayAccessAuthority(registration.LocalAuthority))
        {
            return TypedResults.Forbid();
        }

        EntityTag.Answer(http, registration.Version);
        return TypedResults.Ok(TrustRegistrationResponse.From(registration));
    }

    private static bool MayReadAll(ClaimsPrincipal user) => user.IsInRole(Roles.Dfe) || user.IsInRole(Roles.Registrar);

    /// <summary>P5: the registrar records the approved trust and the day it starts operating; <c>TrustEstablished</c> is published.</summary>
    public static async Task<Results<Ok<TrustRegistrationResponse>, ValidationProblem, ProblemHttpResult>> EstablishAsync(
        Guid id, EstablishmentRequest request, ProvidersDbContext db, TimeProvider time, HttpContext http, CancellationToken cancellationToken)
    {
        var validation = new Validation();
        Organisation? trust = null;
        if (validation.Required(request.TrustOrganisationId, "trustOrganisationId"))
        {
            trust = await db.Organisations.FirstOrDefaultAsync(o => o.Id == request.TrustOrganisationId, cancellationToken);
            if (trust is null)
            {
                validation.Add("trustOrganisationId", "No organisation on the registry has this id.");
            }
        }

        validation.Required(request.OperatingFrom, "operatingFrom");
        if (!validation.IsValid)
        {
            return validation.ToProblem();
        }

        return await ChangeAsync(id, db, http, registration =>
        {
            registration.StartOperating(trust!, request.OperatingFrom!.Value);
            return RegistryAnnouncements.Of(registration, trust!, time.GetUtcNow());
        }, cancellationToken);
    }

    /// <summary>
    /// P5: the registrar records that the trust stopped running the council's services; <c>TrustServiceEnded</c>
    /// is published with the change, and the trust's rights over the authority's records end with its last day.
    /// </summary>
    public static async Task<Results<Ok<TrustRegistrationResponse>, ValidationProblem, ProblemHttpResult>> EndAsync(
        Guid id, EndingRequest request, ProvidersDbContext db, TimeProvider time, HttpContext http, CancellationToken cancellationToken)
    {
        var validation = new Validation();
        validation.Required(request.LastDay, "lastDay");
        validation.Required(request.Reason, "reason");
        if (!validation.IsValid)
        {
            return validation.ToProblem();
        }

        return await ChangeAsync(id, db, http, registration =>
        {
            registration.End(request.LastDay!.Value, request.Reason!);
            return RegistryAnnouncements.Ended(registration, time.GetUtcNow());
        }, cancellationToken);
    }

    /// <summary>
    /// A registrar's change of a registration: loaded, refused if the caller's <c>If-Match</c> names an older
    /// version or the rules refuse it, saved with the event it causes, answered with its new version.
    /// </summary>
    private static async Task<Results<Ok<TrustRegistrationResponse>, ValidationProblem, ProblemHttpResult>> ChangeAsync(
        Guid id, ProvidersDbContext db, HttpContext http, Func<TrustRegistration, Platform.Messaging.Events.IntegrationEvent> change, CancellationToken cancellationToken)
    {
        var registration = await db.TrustRegistrations.FirstOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (registration is null)
        {
            return NotFoundProblem.For($"No trust registration has the id '{id}'.");
        }

        if (EntityTag.RefuseIfChanged(http, registration.Version) is { } changed)
        {
            return changed;
        }

        try
        {
            db.AddEvent(change(registration));
        }
        catch (RegistryRuleException refused)
        {
            return RuleViolation.Problem(refused.Rule, refused.Message);
        }

        await db.SaveChangesAsync(cancellationToken);
        EntityTag.Answer(http, registration.Version);
        return TypedResults.Ok(TrustRegistrationResponse.From(registration));
    }

    /// <summary>Trust registrations, optionally for one council; a council sees its own only.</summary>
    public static async Task<Results<Ok<Paged<TrustRegistrationResponse>>, ForbidHttpResult>> ListAsync(
        LocalAuthorityQuery authority, int? page, int? pageSize, ProvidersDbContext db, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var la = authority.Value;
        if (!MayReadAll(user) && (la is null || !user.MayAccessAuthority(la)))
        {
            return TypedResults.Forbid();
        }

        var query = db.TrustRegistrations.AsNoTracking();
        if (la is not null)
        {
            query = query.Where(r => r.LocalAuthority == la);
        }

        var request = PageRequest.From(page, pageSize);
        var registrations = await query.OrderByDescending(r => r.OpenedAt).ThenBy(r => r.Id).ToPageAsync(request, cancellationToken);
        return TypedResults.Ok(registrations.Map(TrustRegistrationResponse.From));
    }
}

public sealed record EstablishmentRequest(Guid? TrustOrganisationId, DateOnly? OperatingFrom);

/// <param name="LastDay">The last day the trust runs the council's services.</param>
/// <param name="Reason">Why: returned to the council, moved to another trust.</param>
public sealed record EndingRequest(DateOnly? LastDay, string? Reason);

/// <param name="LocalAuthority">The council setting up its own trust.</param>
/// <param name="DecidedOn">The day the council decided to.</param>
public sealed record TrustRegistrationRequest(string? LocalAuthority, DateOnly? DecidedOn);

public sealed record TrustRegistrationResponse(
    Guid Id, string LocalAuthority, Guid? InterventionCaseId, DateOnly DecidedOn, TrustRegistrationStatus Status, DateTimeOffset OpenedAt, Guid? TrustId, DateOnly? OperatingFrom,
    DateOnly? ServedUntil = null, string? EndReason = null)
{
    public static TrustRegistrationResponse From(TrustRegistration r) =>
        new(r.Id, r.LocalAuthority, r.InterventionCaseId, r.DecidedOn, r.Status, r.OpenedAt, r.TrustId, r.OperatingFrom, r.ServedUntil, r.EndReason);
}
