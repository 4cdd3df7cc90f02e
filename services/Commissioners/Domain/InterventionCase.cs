namespace Platform.Commissioners.Domain;

public enum CaseStatus
{
    Opened,
    Closed,
}

/// <summary>
/// DfE's intervention in one authority after an inadequate judgement (DOMAIN T1): an improvement
/// plan is due within three months of publication and progress is reviewed after six.
/// </summary>
public sealed class InterventionCase
{
    public Guid Id { get; private set; }

    public string LocalAuthority { get; private set; } = "";

    public CaseStatus Status { get; private set; }

    public Guid TriggeringJudgementId { get; private set; }

    public DateOnly JudgementPublished { get; private set; }

    public DateOnly ImprovementPlanDue { get; private set; }

    public DateOnly ProgressReviewDue { get; private set; }

    public DateTimeOffset OpenedAt { get; private set; }

    private InterventionCase()
    {
    }

    /// <summary>T1: an inadequate judgement opens a case, with its two deadlines counted from publication.</summary>
    public static InterventionCase Open(string localAuthority, Guid judgementId, DateOnly publicationDate, DateTimeOffset now) =>
        new()
        {
            Id = Guid.CreateVersion7(now),
            LocalAuthority = localAuthority,
            Status = CaseStatus.Opened,
            TriggeringJudgementId = judgementId,
            JudgementPublished = publicationDate,
            ImprovementPlanDue = publicationDate.AddMonths(3),
            ProgressReviewDue = publicationDate.AddMonths(6),
            OpenedAt = now,
        };

    /// <summary>
    /// T1: only an inadequate overall grade opens a case, and an authority already under
    /// intervention does not get a second one.
    /// </summary>
    public static bool ShouldOpen(string? overallGrade, bool authorityHasOpenCase) =>
        overallGrade == "inadequate" && !authorityHasOpenCase;
}
