namespace Platform.Inspections.Domain;

/// <summary>DOMAIN I1 grades, worst last.</summary>
public enum Grade
{
    Outstanding,
    Good,
    RequiresImprovement,
    Inadequate,
}

/// <summary>DOMAIN I2 frameworks: SIF (2013-2018), ILACS standard and short (2018-), and the visits without an overall grade.</summary>
public enum Framework
{
    Sif,
    IlacsStandard,
    IlacsShort,
    FocusedVisit,
    MonitoringVisit,
    Jtai,
}

public static class FrameworkRules
{
    /// <summary>I2: focused visits, monitoring visits and JTAIs carry no overall grade; inspections do.</summary>
    public static bool HasOverallGrade(this Framework framework) =>
        framework is Framework.Sif or Framework.IlacsStandard or Framework.IlacsShort;
}

/// <summary>An Ofsted judgement on one authority's children's services.</summary>
public sealed class Judgement
{
    public Guid Id { get; private set; }

    public string LocalAuthority { get; private set; } = "";

    public Framework Framework { get; private set; }

    public DateOnly InspectionStartDate { get; private set; }

    public DateOnly InspectionEndDate { get; private set; }

    public DateOnly PublicationDate { get; private set; }

    public Grade? Overall { get; private set; }

    public string? ReportUrl { get; private set; }

    public DateTimeOffset RecordedAt { get; private set; }

    public string RecordedBy { get; private set; } = "";

    private Judgement()
    {
    }

    public static Judgement Record(
        string localAuthority,
        Framework framework,
        DateOnly inspectionStartDate,
        DateOnly inspectionEndDate,
        DateOnly publicationDate,
        Grade? overall,
        string? reportUrl,
        string recordedBy,
        DateTimeOffset now) =>
        new()
        {
            Id = Guid.CreateVersion7(now),
            LocalAuthority = localAuthority,
            Framework = framework,
            InspectionStartDate = inspectionStartDate,
            InspectionEndDate = inspectionEndDate,
            PublicationDate = publicationDate,
            Overall = overall,
            ReportUrl = reportUrl,
            RecordedBy = recordedBy,
            RecordedAt = now,
        };
}
