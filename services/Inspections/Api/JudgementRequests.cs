using Platform.Inspections.Domain;
using Platform.ServiceDefaults.Problems;

namespace Platform.Inspections.Api;

public sealed record SubJudgementsBody(Grade? ImpactOfLeaders, Grade? HelpAndProtection, Grade? InCare, Grade? CareLeavers);

/// <summary>A judgement as Ofsted sends it: the body of a record or of a correction.</summary>
public sealed record JudgementBody(
    string? LocalAuthority,
    Guid? ProviderId,
    Framework? Framework,
    DateOnly? InspectionStartDate,
    DateOnly? InspectionEndDate,
    DateOnly? PublicationDate,
    Grade? Overall,
    SubJudgementsBody? SubJudgements,
    bool? WholesaleInadequateServices,
    bool? CorporateFailureBySeniorLeaders,
    string? ReportUrl,
    string? Reason)
{
    /// <summary>The facts, when every required field is there (missing ones are added to <paramref name="validation"/>).</summary>
    public JudgementFacts? ToFacts(Validation validation)
    {
        var present = new[]
        {
            validation.Required(LocalAuthority, "localAuthority"),
            validation.Required(Framework, "framework"),
            validation.Required(InspectionStartDate, "inspectionStartDate"),
            validation.Required(InspectionEndDate, "inspectionEndDate"),
            validation.Required(PublicationDate, "publicationDate"),
        };
        if (!present.All(p => p))
        {
            return null;
        }

        var sub = SubJudgements is null
            ? Domain.SubJudgements.None
            : new SubJudgements(SubJudgements.ImpactOfLeaders, SubJudgements.HelpAndProtection, SubJudgements.InCare, SubJudgements.CareLeavers);
        return new JudgementFacts(
            LocalAuthority!, ProviderId, Framework!.Value, InspectionStartDate, InspectionEndDate, PublicationDate!.Value, Overall,
            sub, WholesaleInadequateServices ?? false, CorporateFailureBySeniorLeaders ?? false, ReportUrl);
    }
}

public sealed record JudgementResponse(
    Guid Id,
    int Version,
    bool IsCurrent,
    string LocalAuthority,
    Guid? ProviderId,
    Framework Framework,
    DateOnly? InspectionStartDate,
    DateOnly? InspectionEndDate,
    DateOnly PublicationDate,
    Grade? Overall,
    SubJudgementsBody SubJudgements,
    bool WholesaleInadequateServices,
    bool CorporateFailureBySeniorLeaders,
    string? ReportUrl,
    string? ReportedGrades,
    string Source,
    string? CorrectionReason,
    DateTimeOffset RecordedAt)
{
    public static JudgementResponse From(Judgement j) =>
        new(j.JudgementId, j.Version, j.IsCurrent, j.LocalAuthority, j.ProviderId, j.Framework, j.InspectionStartDate, j.InspectionEndDate,
            j.PublicationDate, j.Overall,
            new SubJudgementsBody(j.SubJudgements.ImpactOfLeaders, j.SubJudgements.HelpAndProtection, j.SubJudgements.InCare, j.SubJudgements.CareLeavers),
            j.WholesaleInadequateServices, j.CorporateFailureBySeniorLeaders, j.ReportUrl, j.ReportedGrades, j.Source, j.CorrectionReason, j.RecordedAt);
}

/// <param name="Predecessors">The history of each authority a reorganisation replaced with this one (I3c), marked as theirs.</param>
public sealed record HistoryResponse(
    string LocalAuthority, IReadOnlyList<JudgementResponse> Judgements, IReadOnlyList<TrajectoryPoint> Trajectory, IReadOnlyList<PredecessorHistory> Predecessors);

/// <summary>An ended authority's judgements, shown on its successor's page as the predecessor's.</summary>
public sealed record PredecessorHistory(
    string LocalAuthority, string Name, DateOnly EndedOn, IReadOnlyList<JudgementResponse> Judgements, IReadOnlyList<TrajectoryPoint> Trajectory);
