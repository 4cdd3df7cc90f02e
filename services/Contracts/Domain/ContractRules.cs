using Platform.Contracts.Domain.ReadModels;

namespace Platform.Contracts.Domain;

/// <summary>A refused award: the rule, the cause behind it (P2/P3/P4), the field, and the status to answer with.</summary>
public sealed record AwardRefusal(string Rule, string Cause, string Field, string Detail, bool IsBadInput);

public static class ContractRules
{
    public const int MaximumTitleLength = 300;

    /// <summary>C1: the shape of a contract's terms; each problem names its field and rule.</summary>
    public static IEnumerable<(string Field, string Message)> Check(ContractTerms terms)
    {
        if (string.IsNullOrWhiteSpace(terms.Title))
        {
            yield return ("title", "A contract has a title (C1).");
        }
        else if (terms.Title.Length > MaximumTitleLength)
        {
            yield return ("title", $"The title is longer than {MaximumTitleLength} characters (C1).");
        }

        if (terms.Scopes.Count == 0)
        {
            yield return ("scopes", "A contract covers at least one service scope (C1, P2).");
        }

        if (terms.Value < 0)
        {
            yield return ("value", "The contract value cannot be negative (C1).");
        }

        if (terms.EndDate <= terms.StartDate)
        {
            yield return ("endDate", "The term must end after it starts (C1).");
        }

        for (var i = 0; i < terms.BreakPoints.Count; i++)
        {
            if (terms.BreakPoints[i] <= terms.StartDate || terms.BreakPoints[i] >= terms.EndDate)
            {
                yield return ($"breakPoints[{i}]", "A break point falls inside the term, after it starts and before it ends (C1).");
            }
        }

        var seen = new HashSet<KpiMeasure>();
        for (var i = 0; i < terms.Kpis.Count; i++)
        {
            var kpi = terms.Kpis[i];
            if (!seen.Add(kpi.Measure))
            {
                yield return ($"kpis[{i}].measure", "Each measure has one target in a contract (C1).");
            }

            if (KpiRules.OutOfRange(kpi.Measure, kpi.Target) is { } target)
            {
                yield return ($"kpis[{i}].target", target);
            }

            if (kpi.AmberMargin < 0 || kpi.AmberMargin > KpiRules.Maximum(kpi.Measure))
            {
                yield return ($"kpis[{i}].amberMargin", "The amber margin is how far short of the target is still amber: zero or more, within the measure's range (C3).");
            }
        }
    }

    /// <summary>
    /// C2: an award goes to a provider the registry knows, approved for every scope of the contract
    /// (P2/P3), and not in a conflict of interest (P4). Decided on the service's own read model.
    /// </summary>
    public static AwardRefusal? CheckAward(Contract contract, ProviderStanding? provider)
    {
        if (provider is null)
        {
            return new AwardRefusal("C2", "P2", "providerId", $"No provider on the registry has the id '{contract.ProviderId}' (C2).", IsBadInput: true);
        }

        var missing = contract.Scopes.Select(scope => scope.Word()).Where(word => !provider.ApprovedScopes.Contains(word)).ToList();
        if (missing.Count > 0)
        {
            return new AwardRefusal("C2", "P2", "scopes",
                $"{provider.Name} is not approved for {string.Join(", ", missing)} (C2, P2/P3). The registry's last word: {provider.Reason}", IsBadInput: false);
        }

        if (provider.ConflictOfInterest is { } conflict)
        {
            return new AwardRefusal("C2", "P4", "providerId", $"{conflict} A contract is not awarded while it stands (C2).", IsBadInput: false);
        }

        return null;
    }
}
