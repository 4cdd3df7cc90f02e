using Platform.Commissioners.Domain;

namespace Platform.Commissioners.Tests;

/// <summary>Judgement histories written the way the domain speaks of them.</summary>
public static class Judgements
{
    public const string Authority = "E08000028";

    public static JudgementRecord Ilacs(string published, string overall, string? leaders = null, string? help = null, string? inCare = null, string? careLeavers = null) => new()
    {
        JudgementId = Guid.NewGuid(),
        Version = 1,
        LocalAuthority = Authority,
        Framework = "ilacs-standard",
        PublicationDate = DateOnly.Parse(published),
        Overall = overall,
        ImpactOfLeaders = leaders,
        HelpAndProtection = help,
        InCare = inCare,
        CareLeavers = careLeavers,
    };

    public static JudgementRecord Sif(string published, string overall, bool wholesale = false, bool corporate = false) => new()
    {
        JudgementId = Guid.NewGuid(),
        Version = 1,
        LocalAuthority = Authority,
        Framework = "sif",
        PublicationDate = DateOnly.Parse(published),
        Overall = overall,
        WholesaleInadequateServices = wholesale,
        CorporateFailureBySeniorLeaders = corporate,
    };

    public static JudgementRecord AllInadequate(string published, bool careLeaversJudgedApart = true) =>
        Ilacs(published, "inadequate", "inadequate", "inadequate", "inadequate", careLeaversJudgedApart ? "inadequate" : null);
}
