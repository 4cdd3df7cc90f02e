using System.Text.RegularExpressions;

namespace Platform.Providers.Domain.Registry;

/// <summary>
/// P1: an organisation's legal form, as Companies House's <c>type</c> (and <c>subtype</c> for a
/// community interest company) or the register it is on, and whether it may distribute profit.
/// </summary>
public static partial class LegalForm
{
    public const string CommunityInterestCompany = "community-interest-company";

    public const string LocalAuthority = "local-authority";

    /// <summary>Forms whose owners may take profit out (P1).</summary>
    public static readonly IReadOnlySet<string> ProfitDistributing = new HashSet<string>(StringComparer.Ordinal)
    {
        "ltd", "plc", "llp", "limited-partnership", "private-unlimited", "sole-trader", "partnership",
    };

    /// <summary>Forms that may not (P1): guarantee companies, charities, mutuals, public bodies.</summary>
    public static readonly IReadOnlySet<string> NotForProfit = new HashSet<string>(StringComparer.Ordinal)
    {
        "private-limited-guarant-nsc", "charitable-incorporated-organisation", "registered-charity", "registered-society", "local-authority", "nhs-body",
    };

    public static bool IsKnown(string? type) => type is not null && (ProfitDistributing.Contains(type) || NotForProfit.Contains(type));

    /// <summary>P1: a CIC is asset-locked whatever its company type; otherwise the type decides.</summary>
    public static bool IsProfitDistributing(string type, string? subtype) =>
        subtype != CommunityInterestCompany && ProfitDistributing.Contains(type);

    /// <summary>P2: the 2008 Act delegates to a body corporate; sole traders and (non-LLP) partnerships are not.</summary>
    public static bool IsBodyCorporate(string type) => type is not ("sole-trader" or "partnership" or "limited-partnership");

    /// <summary>Companies House numbers: eight digits, or two letters (SC, NI, OC...) and six digits.</summary>
    public static bool IsCompanyNumber(string? number) => number is not null && CompanyNumberPattern().IsMatch(number);

    /// <summary>Charity Commission (England and Wales) numbers: six or seven digits.</summary>
    public static bool IsCharityNumber(string? number) => number is not null && CharityNumberPattern().IsMatch(number);

    /// <summary>Forms registered at Companies House carry a company number.</summary>
    public static bool NeedsCompanyNumber(string type) =>
        type is "ltd" or "plc" or "llp" or "limited-partnership" or "private-unlimited" or "private-limited-guarant-nsc";

    [GeneratedRegex("^([0-9]{8}|[A-Z]{2}[0-9]{6})$")]
    private static partial Regex CompanyNumberPattern();

    [GeneratedRegex("^[0-9]{6,7}$")]
    private static partial Regex CharityNumberPattern();
}
