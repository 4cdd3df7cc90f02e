namespace Platform.Inspections.Domain;

/// <summary>DOMAIN I1 grades, best first.</summary>
public enum Grade
{
    Outstanding,
    Good,
    RequiresImprovement,
    Inadequate,
}

/// <summary>
/// DOMAIN I2 frameworks: SIF (2013-2018), ILACS standard and short (2018-), ILACS where the source
/// does not say which, and the visits and inspections without an overall grade.
/// </summary>
public enum Framework
{
    Sif,
    IlacsStandard,
    IlacsShort,
    Ilacs,
    FocusedVisit,
    MonitoringVisit,
    Jtai,
    Other,
}

public static class FrameworkRules
{
    /// <summary>I2: focused visits, monitoring visits and JTAIs carry no overall grade; SIF and ILACS inspections do.</summary>
    public static bool HasOverallGrade(this Framework framework) =>
        framework is Framework.Sif or Framework.IlacsStandard or Framework.IlacsShort or Framework.Ilacs;
}

/// <summary>
/// The key judgements under the overall grade, on ILACS's four headings (SIF's are mapped onto the
/// same four, as the published history does). Before January 2023 ILACS judged children in care and
/// care leavers together: then <see cref="CareLeavers"/> is empty and <see cref="InCare"/> covers both.
/// </summary>
public sealed record SubJudgements(Grade? ImpactOfLeaders, Grade? HelpAndProtection, Grade? InCare, Grade? CareLeavers)
{
    public static SubJudgements None { get; } = new(null, null, null, null);

    public IEnumerable<Grade> Graded => new[] { ImpactOfLeaders, HelpAndProtection, InCare, CareLeavers }.OfType<Grade>();
}

/// <summary>
/// One version of an Ofsted judgement on an authority's children's services. A correction is a new
/// version of the same <see cref="JudgementId"/>; earlier versions are kept, marked not current.
/// </summary>
public sealed class Judgement
{
    public Guid Id { get; private set; }

    public Guid JudgementId { get; private set; }

    public int Version { get; private set; }

    public bool IsCurrent { get; private set; }

    public string LocalAuthority { get; private set; } = "";

    /// <summary>The trust that ran the authority's services when inspected, if any.</summary>
    public Guid? ProviderId { get; private set; }

    public Framework Framework { get; private set; }

    public DateOnly? InspectionStartDate { get; private set; }

    public DateOnly? InspectionEndDate { get; private set; }

    public DateOnly PublicationDate { get; private set; }

    public Grade? Overall { get; private set; }

    public SubJudgements SubJudgements { get; private set; } = SubJudgements.None;

    /// <summary>R2 (seeds-2015): the inspection found wholesale inadequate services...</summary>
    public bool WholesaleInadequateServices { get; private set; }

    /// <summary>... and corporate failure by senior leaders.</summary>
    public bool CorporateFailureBySeniorLeaders { get; private set; }

    public string? ReportUrl { get; private set; }

    /// <summary>
    /// Grades a source file gives for an inspection whose framework carries none (an "other" row of a
    /// history, DOMAIN I2), kept as reported and shown, never used by the rules.
    /// </summary>
    public string? ReportedGrades { get; private set; }

    /// <summary>Where it came from: <c>api</c>, or the import format it was read from.</summary>
    public string Source { get; private set; } = "";

    public string? CorrectionReason { get; private set; }

    public DateTimeOffset RecordedAt { get; private set; }

    public string RecordedBy { get; private set; } = "";

    private Judgement()
    {
    }

    public static Judgement Record(JudgementFacts facts, string source, string recordedBy, DateTimeOffset now)
    {
        var judgement = new Judgement { JudgementId = Guid.CreateVersion7(now), Version = 1 };
        judgement.Take(facts, source, recordedBy, now);
        return judgement;
    }

    /// <summary>A correction: this version stops being current and a new one takes its place.</summary>
    public Judgement Correct(JudgementFacts facts, string reason, string recordedBy, DateTimeOffset now)
    {
        if (!IsCurrent)
        {
            throw new InvalidOperationException("Only the current version of a judgement can be corrected.");
        }

        IsCurrent = false;
        var corrected = new Judgement { JudgementId = JudgementId, Version = Version + 1, CorrectionReason = reason };
        corrected.Take(facts, Source, recordedBy, now);
        return corrected;
    }

    public JudgementFacts Facts => new(
        LocalAuthority, ProviderId, Framework, InspectionStartDate, InspectionEndDate, PublicationDate, Overall,
        SubJudgements, WholesaleInadequateServices, CorporateFailureBySeniorLeaders, ReportUrl, ReportedGrades);

    private void Take(JudgementFacts facts, string source, string recordedBy, DateTimeOffset now)
    {
        Id = Guid.CreateVersion7(now);
        IsCurrent = true;
        LocalAuthority = facts.LocalAuthority;
        ProviderId = facts.ProviderId;
        Framework = facts.Framework;
        InspectionStartDate = facts.InspectionStartDate;
        InspectionEndDate = facts.InspectionEndDate;
        PublicationDate = facts.PublicationDate;
        Overall = facts.Overall;
        SubJudgements = facts.SubJudgements;
        ReportedGrades = facts.ReportedGrades;
        WholesaleInadequateServices = facts.WholesaleInadequateServices;
        CorporateFailureBySeniorLeaders = facts.CorporateFailureBySeniorLeaders;
        ReportUrl = facts.ReportUrl;
        Source = source;
        RecordedBy = recordedBy;
        RecordedAt = now;
    }
}

/// <summary>What a judgement says, as recorded or imported.</summary>
public sealed record JudgementFacts(
    string LocalAuthority,
    Guid? ProviderId,
    Framework Framework,
    DateOnly? InspectionStartDate,
    DateOnly? InspectionEndDate,
    DateOnly PublicationDate,
    Grade? Overall,
    SubJudgements SubJudgements,
    bool WholesaleInadequateServices,
    bool CorporateFailureBySeniorLeaders,
    string? ReportUrl,
    string? ReportedGrades = null);
