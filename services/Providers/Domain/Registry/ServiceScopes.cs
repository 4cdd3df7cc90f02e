namespace Platform.Providers.Domain.Registry;

/// <summary>P2: the service scopes an organisation can be approved for, and who may hold each.</summary>
public static class ServiceScopes
{
    /// <summary>The 2008 Act's "relevant care functions": any body corporate, profit-making or not.</summary>
    public static readonly IReadOnlySet<string> RelevantCareFunctions = new HashSet<string>(StringComparer.Ordinal) { "looked-after-children", "care-leavers" };

    /// <summary>Added in 2014 (SI 2014/2407): not-for-profit bodies only.</summary>
    public static readonly IReadOnlySet<string> Statutory = new HashSet<string>(StringComparer.Ordinal) { "child-protection", "children-in-need", "care-planning" };

    /// <summary>
    /// P5: what a children's services trust runs for each council it serves, the whole of its
    /// children's social care: the statutory functions and the relevant care functions.
    /// </summary>
    public static readonly IReadOnlyList<string> TrustScope = ["child-protection", "children-in-need", "care-planning", "looked-after-children", "care-leavers"];

    public const string Adoption = "adoption";

    /// <summary>Never delegated.</summary>
    public const string IndependentReviewingOfficer = "independent-reviewing-officer";

    public static readonly IReadOnlyList<string> All =
        [.. RelevantCareFunctions, .. Statutory, Adoption, IndependentReviewingOfficer];

    public static bool IsKnown(string? scope) => scope is not null && All.Contains(scope);
}
