using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Platform.Contracts.Data;
using Platform.Contracts.Domain;
using Platform.Messaging.Events;
using Platform.ServiceDefaults;
using Platform.ServiceDefaults.Auth;
using Platform.ServiceDefaults.Problems;

namespace Platform.Contracts.Api;

/// <summary>C1/C2/C4: award, start, vary and terminate a contract, each only from the states that allow it.</summary>
public static class ContractLifecycleApi
{
    public static RouteGroupBuilder MapContractLifecycle(this RouteGroupBuilder group)
    {
        group.MapPost("/{id:guid}/award", AwardAsync).RequireAuthorization(Roles.Council);
        group.MapPost("/{id:guid}/activation", ActivateAsync).RequireAuthorization(Roles.Council);
        group.MapPost("/{id:guid}/variations", VaryAsync).RequireAuthorization(Roles.Council);
        group.MapPost("/{id:guid}/termination", TerminateAsync).RequireAuthorization(Roles.Council);
        return group;
    }

    /// <summary>C2: awarded only to a provider the read model shows approved for every scope and free of a conflict of interest.</summary>
    public static Task<Results<Ok<ContractResponse>, ValidationProblem, ProblemHttpResult, ForbidHttpResult>> AwardAsync(
        Guid id, ContractsDbContext db, TimeProvider time, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        ContractChanges.ApplyAsync(id, db, user, async (contract, provider) =>
        {
            if (contract.Status == ContractStatus.Draft && ContractRules.CheckAward(contract, provider) is { } refusal)
            {
                return ChangeRefusal.Because(refusal);
            }

            if (await ContractTermsInput.OverlapAsync(db, contract, cancellationToken) is { } overlap)
            {
                return ChangeRefusal.Because(overlap);
            }

            var now = time.GetUtcNow();
            contract.Award(user.Identity?.Name ?? "unknown", now);
            db.AddEvent(new ContractAwarded
            {
                OccurredAt = now,
                ContractId = contract.Id,
                LocalAuthority = contract.LocalAuthority,
                ProviderId = contract.ProviderId,
                Scopes = [.. contract.Scopes.Select(s => s.Word())],
                Value = contract.Value,
                StartDate = contract.StartDate,
                EndDate = contract.EndDate,
            });
            return null;
        }, cancellationToken);

    public static Task<Results<Ok<ContractResponse>, ValidationProblem, ProblemHttpResult, ForbidHttpResult>> ActivateAsync(
        Guid id, ContractsDbContext db, TimeProvider time, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        ContractChanges.ApplyAsync(id, db, user, (contract, _) =>
        {
            contract.Activate(time.Today(), time.GetUtcNow());
            return Task.FromResult<ChangeRefusal?>(null);
        }, cancellationToken);

    /// <summary>C4: new terms, checked as a draft's are; scopes added must pass C2 again; the variation keeps before and after.</summary>
    public static async Task<Results<Ok<ContractResponse>, ValidationProblem, ProblemHttpResult, ForbidHttpResult>> VaryAsync(
        Guid id, VariationRequest request, ContractsDbContext db, TimeProvider time, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var validation = new Validation();
        validation.Required(request.Reason, "reason");
        var kpis = request.Kpis is null ? null : ContractTermsInput.Kpis(request.Kpis, validation);
        if (!validation.IsValid)
        {
            return validation.ToProblem();
        }

        return await ContractChanges.ApplyAsync(id, db, user, async (contract, provider) =>
        {
            var current = contract.Terms;
            var terms = current with
            {
                Title = request.Title ?? current.Title,
                Scopes = request.Scopes ?? current.Scopes,
                Value = request.Value ?? current.Value,
                EndDate = request.EndDate ?? current.EndDate,
                BreakPoints = request.BreakPoints ?? current.BreakPoints,
                Kpis = kpis ?? current.Kpis,
                ReviewCadence = request.ReviewCadence ?? current.ReviewCadence,
            };
            var invalid = new Validation();
            ContractTermsInput.Check(terms, invalid);
            if (!invalid.IsValid)
            {
                return ChangeRefusal.Because(invalid);
            }

            var before = contract.Scopes.ToList();
            contract.Vary(terms, request.Reason!, user.Identity?.Name ?? "unknown", time.GetUtcNow());
            if (contract.Scopes.Except(before).Any() && ContractRules.CheckAward(contract, provider) is { } refusal)
            {
                return ChangeRefusal.Because(refusal);
            }

            return await ContractTermsInput.OverlapAsync(db, contract, cancellationToken) is { } overlap ? ChangeRefusal.Because(overlap) : null;
        }, cancellationToken);
    }

    public static async Task<Results<Ok<ContractResponse>, ValidationProblem, ProblemHttpResult, ForbidHttpResult>> TerminateAsync(
        Guid id, TerminationRequest request, ContractsDbContext db, TimeProvider time, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var validation = new Validation();
        validation.Required(request.Reason, "reason");
        if (!validation.IsValid)
        {
            return validation.ToProblem();
        }

        return await ContractChanges.ApplyAsync(id, db, user, (contract, _) =>
        {
            contract.Terminate(request.LastDay ?? time.Today(), request.Reason!, time.GetUtcNow());
            return Task.FromResult<ChangeRefusal?>(null);
        }, cancellationToken);
    }
}
