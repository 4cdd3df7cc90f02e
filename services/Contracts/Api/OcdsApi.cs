using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Platform.Contracts.Data;
using Platform.Contracts.Domain;
using Platform.Contracts.Domain.Ocds;
using Platform.Messaging.LocalAuthorities;
using Platform.ServiceDefaults;
using Platform.ServiceDefaults.Http;

namespace Platform.Contracts.Api;

/// <summary>C5: published contracts (anything past draft) as OCDS 1.1 release packages, to the parties who may see them.</summary>
public static class OcdsApi
{
    public static RouteGroupBuilder MapOcds(this RouteGroupBuilder group)
    {
        group.MapGet("/ocds", PackageAllAsync).WithSummary("OCDS 1.1 release package of every published contract the caller may see");
        group.MapGet("/{id:guid}/ocds", PackageOneAsync).WithSummary("OCDS 1.1 release package of one published contract");
        return group;
    }

    public static async Task<JsonHttpResult<OcdsReleasePackage>> PackageAllAsync(
        int? page, int? pageSize, HttpContext http, ContractsDbContext db, TimeProvider time, IOptions<ContractsOptions> options, ClaimsPrincipal user,
        CancellationToken cancellationToken)
    {
        var paging = PageRequest.From(page, pageSize);
        var contracts = await db.Contracts.AsNoTracking().VisibleTo(user)
            .Where(c => c.Status != ContractStatus.Draft)
            .OrderBy(c => c.CreatedAt)
            .Skip(paging.Skip).Take(paging.PageSize)
            .ToListAsync(cancellationToken);
        return await PackageAsync(contracts, http, db, time, options.Value.Ocds, cancellationToken);
    }

    public static async Task<Results<JsonHttpResult<OcdsReleasePackage>, ProblemHttpResult, ForbidHttpResult>> PackageOneAsync(
        Guid id, HttpContext http, ContractsDbContext db, TimeProvider time, IOptions<ContractsOptions> options, ClaimsPrincipal user,
        CancellationToken cancellationToken)
    {
        var contract = await db.Contracts.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (contract is null || !contract.Status.IsPublished())
        {
            return NotFoundProblemFor(id, contract);
        }

        if (!user.MaySee(contract))
        {
            return TypedResults.Forbid();
        }

        return await PackageAsync([contract], http, db, time, options.Value.Ocds, cancellationToken);
    }

    private static async Task<JsonHttpResult<OcdsReleasePackage>> PackageAsync(
        IReadOnlyList<Contract> contracts, HttpContext http, ContractsDbContext db, TimeProvider time, OcdsOptions options, CancellationToken cancellationToken)
    {
        var authorityCodes = contracts.Select(c => c.LocalAuthority).Distinct().ToList();
        var authorities = await db.Set<KnownLocalAuthority>().AsNoTracking().Where(la => authorityCodes.Contains(la.Gss)).ToDictionaryAsync(la => la.Gss, la => la.Name, cancellationToken);
        var providerIds = contracts.Select(c => c.ProviderId).Distinct().ToList();
        var providers = await db.Providers.AsNoTracking().Where(p => providerIds.Contains(p.ProviderId)).ToDictionaryAsync(p => p.ProviderId, cancellationToken);
        var today = time.Today();
        var releases = contracts
            .Select(c => OcdsPublication.Release(c, new OcdsParties(authorities.GetValueOrDefault(c.LocalAuthority) ?? c.LocalAuthority, providers.GetValueOrDefault(c.ProviderId)), options, today))
            .ToList();
        var package = OcdsPublication.Package(new Uri(http.Request.GetEncodedUrl()), releases, options, time.GetUtcNow());
        return TypedResults.Json(package, OcdsPublication.Json, "application/json");
    }

    private static ProblemHttpResult NotFoundProblemFor(Guid id, Contract? contract) =>
        contract is null
            ? ContractTermsInput.NotFound(id)
            : Platform.ServiceDefaults.Problems.NotFoundProblem.For($"Contract '{id}' is a draft; drafts are not published (C5).");
}
