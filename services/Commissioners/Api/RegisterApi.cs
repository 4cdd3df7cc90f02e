using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.Commissioners.Data;
using Platform.Commissioners.Domain;
using Platform.Messaging;
using Platform.Messaging.Idempotency;
using Platform.Messaging.LocalAuthorities;
using Platform.ServiceDefaults.Auth;
using Platform.ServiceDefaults.Problems;
using Platform.ServiceDefaults.Http;

namespace Platform.Commissioners.Api;

/// <summary>The register of people DfE may appoint as commissioners, with their current appointments.</summary>
public static class RegisterApi
{
    public static RouteGroupBuilder MapRegisterApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/commissioners/register").WithTags("Commissioner register").RequireAuthorization(Roles.Dfe);
        group.MapPost("/", RegisterAsync);
        group.MapGet("/", ListAsync);
        group.MapGet("/{id:guid}", GetAsync);
        group.MapPut("/{id:guid}", ChangeAsync);
        return group;
    }

    /// <summary>One person on the register, with their current appointments and the profile's version as <c>ETag</c>.</summary>
    public static async Task<Results<Ok<CommissionerResponse>, ProblemHttpResult>> GetAsync(
        Guid id, CommissionersDbContext db, HttpContext http, CancellationToken cancellationToken)
    {
        var profile = await db.Register.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (profile is null)
        {
            return NotFound(id);
        }

        EntityTag.Answer(http, profile.Version);
        return TypedResults.Ok(CommissionerResponse.From(profile, await AppointmentsOfAsync(db, id, cancellationToken)));
    }

    /// <summary>
    /// Replaces a person's name, employer and expertise (their subject is who they are, and stays). Sent
    /// with <c>If-Match</c> for an older version it is a 412; T7 refuses an employer where they hold an
    /// appointment, checked under the lock an appointment takes, so the two cannot pass each other.
    /// </summary>
    public static async Task<Results<Ok<CommissionerResponse>, ValidationProblem, ProblemHttpResult>> ChangeAsync(
        Guid id, ChangeCommissionerRequest request, CommissionersDbContext db, HttpContext http, CancellationToken cancellationToken)
    {
        var validation = new Validation();
        validation.Required(request.Name, "name");
        if (request.HomeAuthority is not null && await db.ExplainUnusableAuthorityAsync(request.HomeAuthority, cancellationToken) is { } problem)
        {
            validation.Add("homeAuthority", problem);
        }

        if (!validation.IsValid)
        {
            return validation.ToProblem();
        }

        await using var transaction = await db.BeginOrJoinTransactionAsync(cancellationToken);
        await db.LockCommissionerAsync(id, cancellationToken);
        var profile = await db.Register.FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (profile is null)
        {
            return NotFound(id);
        }

        if (EntityTag.RefuseIfChanged(http, profile.Version) is { } changed)
        {
            return changed;
        }

        var appointments = await AppointmentsOfAsync(db, id, cancellationToken);
        try
        {
            profile.Change(request.Name!, request.HomeAuthority, request.Expertise ?? [], appointments.Select(a => a.LocalAuthority).ToList());
        }
        catch (RuleViolationException refused)
        {
            return RuleViolation.Problem(refused.Rule, refused.Message, field: "homeAuthority");
        }

        // Of two changes racing on one profile, the second to save fails on its version: a 409 (ConcurrentWriteExceptionHandler).
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        EntityTag.Answer(http, profile.Version);
        return TypedResults.Ok(CommissionerResponse.From(profile, appointments));
    }

    public static async Task<Results<Created<CommissionerResponse>, ValidationProblem>> RegisterAsync(
        RegisterCommissionerRequest request, CommissionersDbContext db, TimeProvider time, CancellationToken cancellationToken)
    {
        var validation = new Validation();
        validation.Required(request.Name, "name");
        if (validation.Required(request.Subject, "subject") && await db.Register.AnyAsync(p => p.Subject == request.Subject, cancellationToken))
        {
            validation.Add("subject", $"'{request.Subject}' is already on the register.");
        }

        if (request.HomeAuthority is not null && await db.ExplainUnusableAuthorityAsync(request.HomeAuthority, cancellationToken) is { } problem)
        {
            validation.Add("homeAuthority", problem);
        }

        if (!validation.IsValid)
        {
            return validation.ToProblem();
        }

        var profile = CommissionerProfile.Register(request.Name!, request.Subject!, request.HomeAuthority, request.Expertise ?? [], time.GetUtcNow());
        db.Register.Add(profile);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/commissioners/register/{profile.Id}", CommissionerResponse.From(profile, []));
    }

    public static async Task<Ok<Paged<CommissionerResponse>>> ListAsync(int? page, int? pageSize, CommissionersDbContext db, CancellationToken cancellationToken)
    {
        var profiles = await db.Register.AsNoTracking().OrderBy(p => p.Name).ToListAsync(cancellationToken);
        var appointments = (await db.CurrentAppointments.AsNoTracking()
                .Select(c => new { c.CommissionerId, c.LocalAuthority, c.Id })
                .ToListAsync(cancellationToken))
            .ToLookup(c => c.CommissionerId!.Value, c => new AppointmentResponse(c.Id, c.LocalAuthority));
        return TypedResults.Ok(profiles.Select(p => CommissionerResponse.From(p, appointments[p.Id].ToList())).ToList().ToPage(PageRequest.From(page, pageSize)));
    }

    private static Task<List<AppointmentResponse>> AppointmentsOfAsync(CommissionersDbContext db, Guid id, CancellationToken cancellationToken) =>
        db.CurrentAppointments.AsNoTracking().Where(c => c.CommissionerId == id)
            .Select(c => new AppointmentResponse(c.Id, c.LocalAuthority))
            .ToListAsync(cancellationToken);

    private static ProblemHttpResult NotFound(Guid id) => NotFoundProblem.For($"No commissioner on the register has the id '{id}'.");
}

public sealed record RegisterCommissionerRequest(string? Name, string? Subject, string? HomeAuthority, IReadOnlyList<string>? Expertise);

public sealed record ChangeCommissionerRequest(string? Name, string? HomeAuthority, IReadOnlyList<string>? Expertise);

public sealed record AppointmentResponse(Guid CaseId, string LocalAuthority);

public sealed record CommissionerResponse(Guid Id, string Name, string Subject, string? HomeAuthority, IReadOnlyList<string> Expertise, IReadOnlyList<AppointmentResponse> CurrentAppointments)
{
    public static CommissionerResponse From(CommissionerProfile p, IReadOnlyList<AppointmentResponse> appointments) =>
        new(p.Id, p.Name, p.Subject, p.HomeAuthority, p.Expertise, appointments);
}
