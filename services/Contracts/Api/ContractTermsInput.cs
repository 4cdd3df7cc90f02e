using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Platform.Contracts.Data;
using Platform.Contracts.Domain;
using Platform.ServiceDefaults.Problems;

namespace Platform.Contracts.Api;

/// <summary>Turning requests into contract terms, and the checks every endpoint that sets terms shares (C1).</summary>
public static class ContractTermsInput
{
    /// <summary>The KPIs asked for, or null when one lacks its measure or target (each named in <paramref name="validation"/>).</summary>
    public static IReadOnlyList<Kpi>? Kpis(IReadOnlyList<KpiRequest>? requested, Validation validation)
    {
        var kpis = new List<Kpi>();
        var complete = true;
        for (var i = 0; i < (requested?.Count ?? 0); i++)
        {
            var kpi = requested![i];
            var hasMeasure = validation.Required(kpi.Measure, $"kpis[{i}].measure");
            var hasTarget = validation.Required(kpi.Target, $"kpis[{i}].target");
            if (hasMeasure && hasTarget)
            {
                kpis.Add(new Kpi(kpi.Measure!.Value, kpi.Target!.Value, kpi.AmberMargin ?? Math.Round(kpi.Target!.Value * KpiRules.DefaultAmberShare, 4)));
            }
            else
            {
                complete = false;
            }
        }

        return complete ? kpis : null;
    }

    public static void Check(ContractTerms terms, Validation validation)
    {
        foreach (var (field, message) in ContractRules.Check(terms))
        {
            validation.Add(field, message);
        }
    }

    /// <summary>C1: a council does not hold two contracts with one provider for the same scope over the same days.</summary>
    public static async Task<Validation?> OverlapAsync(ContractsDbContext db, Contract contract, CancellationToken cancellationToken)
    {
        var candidates = await db.Contracts.AsNoTracking()
            .Where(c => c.Id != contract.Id && c.LocalAuthority == contract.LocalAuthority && c.ProviderId == contract.ProviderId
                && ContractStatuses.HoldingTerm.Contains(c.Status))
            .ToListAsync(cancellationToken);
        var overlapping = candidates.FirstOrDefault(contract.Overlaps);
        return overlapping is null
            ? null
            : new Validation().Add("startDate",
                $"The term overlaps contract {overlapping.Id} ({overlapping.StartDate:yyyy-MM-dd} to {overlapping.EndDate:yyyy-MM-dd}) with the same provider for {string.Join(", ", overlapping.Scopes.Intersect(contract.Scopes).Select(s => s.Word()))} (C1).");
    }

    public static ProblemHttpResult NotFound(Guid id) => NotFoundProblem.For($"No contract has the id '{id}'.");
}
