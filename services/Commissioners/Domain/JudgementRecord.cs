namespace Platform.Commissioners.Domain;

/// <summary>
/// This service's copy of an Ofsted judgement, kept from <c>InspectionPublished</c> (the current
/// version only), so the rules can read an authority's history without asking Inspections.
/// </summary>
public sealed class JudgementRecord
{
    public Guid JudgementId { get; set; }

    public int Version { get; set; }

    public string LocalAuthority { get; set; } = "";

    public string Framework { get; set; } = "";

    public DateOnly PublicationDate { get; set; }

    public string? Overall { get; set; }

    public string? ImpactOfLeaders { get; set; }

    public string? HelpAndProtection { get; set; }

    public string? InCare { get; set; }

    public string? CareLeavers { get; set; }

    public bool WholesaleInadequateServices { get; set; }

    public bool CorporateFailureBySeniorLeaders { get; set; }

    public const string Inadequate = "inadequate";

    public bool IsInadequate => Overall == Inadequate;

    /// <summary>T4: requires improvement or better.</summary>
    public bool IsRequiresImprovementOrBetter => Overall is "requires-improvement" or "good" or "outstanding";

    public bool IsIlacs => Framework.StartsWith("ilacs", StringComparison.Ordinal);

    public IReadOnlyList<(string Name, string? Grade)> KeyJudgements =>
    [
        ("impact of leaders", ImpactOfLeaders),
        ("help and protection", HelpAndProtection),
        ("children in care", InCare),
        ("care leavers", CareLeavers),
    ];

    public string Describe() => $"{Framework} judgement published {PublicationDate:yyyy-MM-dd}, overall {Overall ?? "ungraded"}";
}
