using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Data;
using Platform.Contracts.Domain;
using Platform.Messaging.Data;
using Platform.Messaging.Events;
using Platform.Messaging.LocalAuthorities;
using Platform.ServiceDefaults.Auth;
using Platform.ServiceDefaults.Http;
using Platform.ServiceDefaults.Problems;

namespace Platform.Contracts.Api;

public static class ContractsApi
{
    public static readonly string[] Users = [Roles.Council, Roles.Provider, Roles.Dfe];

    public static RouteGroupBuilder MapContractsApi(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/api/contracts")
            .WithTags("Contracts")
            .RequireAuthorization(Policies.AnyOf(Users));

        group.MapPost("/", DraftAsync).RequireAuthorization(Roles.Council);
        group.MapGet("/", ListAsync);
        group.MapGet("/{id:guid}", GetAsync);
        group.MapContractLifecycle();
        group.MapContractOversight();
        group.MapOcds();
        return group;
    }

    /// <summary>A council drafts a contract for its own authority (C1).</summary>
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
        var kpis = ContractTermsInput.Kpis(request.Kpis, validation);
        ContractTerms? terms = null;
        if (hasScopes && hasValue && hasStart && hasEnd && kpis is not null)
        {
            terms = new ContractTerms(request.Title ?? "", request.Scopes!, request.Value!.Value, request.StartDate!.Value, request.EndDate!.Value,
                request.BreakPoints ?? [], kpis, request.ReviewCadence);
            ContractTermsInput.Check(terms, validation);
        }

        if (!validation.IsValid)
        {
            return validation.ToProblem();
        }

        if (!user.MayChange(request.LocalAuthority!))
        {
            return TypedResults.Forbid();
        }

        var contract = Contract.Draft(request.LocalAuthority!, request.ProviderId!.Value, terms!, user.Identity?.Name ?? "unknown", time.GetUtcNow());
        if (await ContractTermsInput.OverlapAsync(db, contract, cancellationToken) is { } overlap)
        {
            return overlap.ToProblem();
        }

        db.Contracts.Add(contract);
        db.AddEvent(new ContractDrafted
        {
            OccurredAt = contract.CreatedAt,
            ContractId = contract.Id,
            LocalAuthority = contract.LocalAuthority,
            ProviderId = contract.ProviderId,
        });
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/contracts/{contract.Id}", ContractResponse.From(contract, await db.Providers.FindAsync([contract.ProviderId], cancellationToken)));
    }

    public static async Task<Results<Ok<ContractResponse>, ProblemHttpResult, ForbidHttpResult>> GetAsync(
        Guid id, ContractsDbContext db, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var contract = await db.Contracts.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (contract is null)
        {
            return ContractTermsInput.NotFound(id);
        }

        if (!user.MaySee(contract))
        {
            return TypedResults.Forbid();
        }

        var provider = await db.Providers.AsNoTracking().FirstOrDefaultAsync(p => p.ProviderId == contract.ProviderId, cancellationToken);
        return TypedResults.Ok(ContractResponse.From(contract, provider));
    }

    /// <summary>The contracts the caller may see, newest first, filtered by status, provider and authority.</summary>
    public static async Task<Ok<Paged<ContractResponse>>> ListAsync(
        [AsParameters] ContractSearch search, ContractsDbContext db, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var query = db.Contracts.AsNoTracking().VisibleTo(user);
        if (search.Status is { } status)
        {
            query = query.Where(c => c.Status == status);
        }

        if (search.ProviderId is { } providerId)
        {
            query = query.Where(c => c.ProviderId == providerId);
        }

        if (search.LocalAuthority is { } authority)
        {
            query = query.Where(c => c.LocalAuthority == authority);
        }

        var paging = PageRequest.From(search.Page, search.PageSize);
        var contracts = await query.OrderByDescending(c => c.CreatedAt).ToPageAsync(paging, cancellationToken);
        var providerIds = contracts.Items.Select(c => c.ProviderId).Distinct().ToList();
        var providers = await db.Providers.AsNoTracking().Where(p => providerIds.Contains(p.ProviderId)).ToDictionaryAsync(p => p.ProviderId, cancellationToken);
        return TypedResults.Ok(contracts.Map(c => ContractResponse.From(c, providers.GetValueOrDefault(c.ProviderId))));
    }
}
