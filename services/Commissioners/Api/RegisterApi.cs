using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.Commissioners.Data;
using Platform.Commissioners.Domain;
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
        return group;
    }

    /// <summary>One person on the register, with their current appointments.</summary>
    public static async Task<Results<Ok<CommissionerResponse>, ProblemHttpResult>> GetAsync(Guid id, CommissionersDbContext db, CancellationToken cancellationToken)
    {
        var profile = await db.Register.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (profile is null)
        {
            return NotFoundProblem.For($"No commissioner on the register has the id '{id}'.");
        }

        var appointments = await db.Cases.AsNoTracking()
            .Where(c => c.CommissionerId == id && (c.Status == CaseStatus.CommissionerAppointed || c.Status == CaseStatus.OutcomeDecided))
            .Select(c => new AppointmentResponse(c.Id, c.LocalAuthority))
            .ToListAsync(cancellationToken);
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
        var appointments = (await db.Cases.AsNoTracking()
                .Where(c => c.CommissionerId != null && (c.Status == CaseStatus.CommissionerAppointed || c.Status == CaseStatus.OutcomeDecided))
                .Select(c => new { c.CommissionerId, c.LocalAuthority, c.Id })
                .ToListAsync(cancellationToken))
            .ToLookup(c => c.CommissionerId!.Value, c => new AppointmentResponse(c.Id, c.LocalAuthority));
        return TypedResults.Ok(profiles.Select(p => CommissionerResponse.From(p, appointments[p.Id].ToList())).ToList().ToPage(PageRequest.From(page, pageSize)));
    }
}

public sealed record RegisterCommissionerRequest(string? Name, string? Subject, string? HomeAuthority, IReadOnlyList<string>? Expertise);

public sealed record AppointmentResponse(Guid CaseId, string LocalAuthority);

public sealed record CommissionerResponse(Guid Id, string Name, string Subject, string? HomeAuthority, IReadOnlyList<string> Expertise, IReadOnlyList<AppointmentResponse> CurrentAppointments)
{
    public static CommissionerResponse From(CommissionerProfile p, IReadOnlyList<AppointmentResponse> appointments) =>
        new(p.Id, p.Name, p.Subject, p.HomeAuthority, p.Expertise, appointments);
}
