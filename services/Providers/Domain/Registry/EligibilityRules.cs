namespace Platform.Providers.Domain.Registry;

/// <summary>How a not-for-profit arm of a private group is treated (P3): allowed and flagged, or refused.</summary>
public enum ControlPolicy
{
    Statutory,
    Strict,
}

/// <summary>The registry's answer for one scope: whether approval is possible, under which rule, why, and the control chain behind it.</summary>
public sealed record EligibilityDecision(string Scope, bool Eligible, string? Rule, string Reason, IReadOnlyList<string> Flags, IReadOnlyList<string> Chain);

/// <summary>
/// P2 with P3: who may be approved for which scope. A profit-distributing body is never approved for
/// a statutory scope; a not-for-profit body ultimately controlled by one is a "not-for-profit arm",
/// flagged under <see cref="ControlPolicy.Statutory"/> and treated as profit-making under <see cref="ControlPolicy.Strict"/>.
/// </summary>
public static class EligibilityRules
{
    public const string NotForProfitArmFlag = "not-for-profit-arm-of-private-group";

    public static EligibilityDecision Decide(IReadOnlyList<RegistryEntry> chain, string scope, ControlPolicy policy)
    {
        var organisation = chain[0];
        var described = chain.Select(entry => entry.Describe()).ToList();
        var privateController = chain.Skip(1).FirstOrDefault(entry => entry.IsProfitDistributing);
        var isArm = !organisation.IsProfitDistributing && privateController is not null;
        var flags = isArm ? new List<string> { NotForProfitArmFlag } : [];
        var treatedAsProfitMaking = organisation.IsProfitDistributing || (isArm && policy == ControlPolicy.Strict);

        EligibilityDecision Refuse(string rule, string reason) => new(scope, false, rule, reason, flags, described);

        if (scope == ServiceScopes.IndependentReviewingOfficer)
        {
            return Refuse("P2", "Independent reviewing officer functions are never delegated.");
        }

        if (scope == ServiceScopes.Adoption && !organisation.RegisteredAdoptionSociety)
        {
            return Refuse("P2", $"Adoption is delegated only to a registered adoption society; {organisation.Name} is not one.");
        }

        if (!LegalForm.IsBodyCorporate(organisation.Type))
        {
            return Refuse("P2", $"Children's social care functions are delegated to a body corporate; a {organisation.Type} is not one.");
        }

        if (ServiceScopes.Statutory.Contains(scope) && treatedAsProfitMaking)
        {
            return organisation.IsProfitDistributing
                ? Refuse("P2", $"{organisation.Describe()} may distribute profit: {scope} is delegated only to not-for-profit bodies (SI 2014/2407).")
                : Refuse("P3", $"{organisation.Describe()} is controlled by {privateController!.Describe()}, which may distribute profit; under the strict policy it counts as profit-making for {scope}.");
        }

        var reason = isArm
            ? $"Eligible for {scope}, flagged: ultimately controlled by {privateController!.Describe()}, a profit-distributing body (P3, statutory policy)."
            : $"Eligible for {scope}.";
        return new EligibilityDecision(scope, true, isArm ? "P3" : null, reason, flags, described);
    }
}
