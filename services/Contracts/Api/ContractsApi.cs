using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Data;
using Platform.Contracts.Domain;
using Platform.Messaging.Events;
using Platform.Messaging.LocalAuthorities;
using Platform.ServiceDefaults.Auth;
using Platform.ServiceDefaults.Problems;

namespace Platform.Contracts.Api;

public static class ContractsApi
{
    public static readonly string[] Users = [Roles.Council, Roles.Dfe];

    public static RouteGroupBuilder MapContractsApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/contracts")
            .WithTags("Contracts")
            .RequireAuthorization(Policies.AnyOf(Users));

        group.MapPost("/", DraftAsync).RequireAuthorization(Roles.Council);
        group.MapGet("/{id:guid}", GetAsync);
        return group;
    }

    /// <summary>A council drafts a contract for its own authority.</summary>
    public static async Task<Results<Created<ContractResponse>, ValidationProblem, ForbidHttpResult>> DraftAsync(
        DraftContractRequest request, ContractsDbContext db, TimeProvider time, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var validation = new Validation();
        if (validation.Required(request.LocalAuthority, "localAuthority")
            && await db.ExplainUnusableAuthorityAsync(request.LocalAuthority!, cancellationToken) is { } authorityProblem)
        {
            validation.Add("localAuthority", authorityProblem);
        }

        if (validation.Required(request.ProviderId, "providerId") && request.ProviderId == Guid.Empty)
        {
            validation.Add("providerId", "'providerId' is not a provider id.");
        }

        validation.Required(request.Title, "title");
        var hasScopes = validation.Required(request.Scopes, "scopes");
        var hasValue = validation.Required(request.Value, "value");
        var hasStart = validation.Required(request.StartDate, "startDate");
        var hasEnd = validation.Required(request.EndDate, "endDate");
        if (hasScopes && hasValue && hasStart && hasEnd)
        {
            foreach (var (field, message) in Contract.Check(request.Title ?? "", request.Scopes!, request.Value!.Value, request.StartDate!.Value, request.EndDate!.Value))
            {
                validation.Add(field, message);
            }
        }

        if (!validation.IsValid)
        {
            return validation.ToProblem();
        }

        if (!user.MayAccessAuthority(request.LocalAuthority!))
        {
            return TypedResults.Forbid();
        }

        var contract = Contract.Draft(
            request.LocalAuthority!, request.ProviderId!.Value, request.Title!, request.Scopes!, request.Value!.Value,
            request.StartDate!.Value, request.EndDate!.Value, user.Identity?.Name ?? "unknown", time.GetUtcNow());
        db.Contracts.Add(contract);
        db.AddEvent(new ContractDrafted
        {
            OccurredAt = contract.CreatedAt,
            ContractId = contract.Id,
            LocalAuthority = contract.LocalAuthority,
            ProviderId = contract.ProviderId,
        });
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/contracts/{contract.Id}", ContractResponse.From(contract));
    }

    public static async Task<Results<Ok<ContractResponse>, ProblemHttpResult, ForbidHttpResult>> GetAsync(
        Guid id, ContractsDbContext db, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var contract = await db.Contracts.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (contract is null)
        {
            return NotFoundProblem.For($"No contract has the id '{id}'.");
        }

        return user.MayAccessAuthority(contract.LocalAuthority) ? TypedResults.Ok(ContractResponse.From(contract)) : TypedResults.Forbid();
    }
}

public sealed record DraftContractRequest(
    string? LocalAuthority,
    Guid? ProviderId,
    string? Title,
    IReadOnlyList<ServiceScope>? Scopes,
    decimal? Value,
    DateOnly? StartDate,
    DateOnly? EndDate);

public sealed record ContractResponse(
    Guid Id,
    string LocalAuthority,
    Guid ProviderId,
    string Title,
    IReadOnlyList<ServiceScope> Scopes,
    decimal Value,
    DateOnly StartDate,
    DateOnly EndDate,
    ContractStatus Status,
    DateTimeOffset CreatedAt)
{
    public static ContractResponse From(Contract c) =>
        new(c.Id, c.LocalAuthority, c.ProviderId, c.Title, c.Scopes, c.Value, c.StartDate, c.EndDate, c.Status, c.CreatedAt);
}
