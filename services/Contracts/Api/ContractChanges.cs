using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Data;
using Platform.Contracts.Domain;
using Platform.Contracts.Domain.ReadModels;
using Platform.ServiceDefaults.Problems;

namespace Platform.Contracts.Api;

/// <summary>Why a change was not made: invalid input (400) or a rule that refused it (409).</summary>
public sealed record ChangeRefusal(Validation? Invalid, ProblemHttpResult? Problem)
{
    public static ChangeRefusal Because(Validation invalid) => new(invalid, null);

    public static ChangeRefusal Because(ProblemHttpResult problem) => new(null, problem);

    /// <summary>C2: an unknown provider is bad input naming the field; any other refusal is a conflict naming the rule and its cause.</summary>
    public static ChangeRefusal Because(AwardRefusal refusal)
    {
        if (refusal.IsBadInput)
        {
            return Because(new Validation().Add(refusal.Field, refusal.Detail));
        }

        var problem = RuleViolation.Problem(refusal.Rule, refusal.Detail, field: refusal.Field);
        problem.ProblemDetails.Extensions["cause"] = refusal.Cause;
        return Because(problem);
    }
}

/// <summary>
/// The one way a contract is changed: load it, check the caller is its council, apply the change,
/// and save it with its events in one transaction; lifecycle and rule refusals become 409 problems
/// naming the rule, a concurrent change a 409 asking to try again. Nothing is stored when refused.
/// </summary>
public static class ContractChanges
{
    public static async Task<Results<Ok<ContractResponse>, ValidationProblem, ProblemHttpResult, ForbidHttpResult>> ApplyAsync(
        Guid id, ContractsDbContext db, ClaimsPrincipal user, Func<Contract, ProviderStanding?, Task<ChangeRefusal?>> change,
        CancellationToken cancellationToken)
    {
        var contract = await db.Contracts.FirstOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (contract is null)
        {
            return ContractTermsInput.NotFound(id);
        }

        if (!user.MayChange(contract.LocalAuthority))
        {
            return TypedResults.Forbid();
        }

        var provider = await db.Providers.AsNoTracking().FirstOrDefaultAsync(p => p.ProviderId == contract.ProviderId, cancellationToken);
        try
        {
            if (await change(contract, provider) is { } refusal)
            {
                return refusal.Invalid is { } invalid ? invalid.ToProblem() : refusal.Problem!;
            }

            await db.SaveChangesAsync(cancellationToken);
        }
        catch (ContractRuleException refused)
        {
            return RuleViolation.Problem(refused.Rule, refused.Message);
        }

        return TypedResults.Ok(ContractResponse.From(contract, provider));
    }
}
