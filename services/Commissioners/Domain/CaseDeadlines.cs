namespace Platform.Commissioners.Domain;

/// <summary>
/// What decides whether a case has missed a deadline (T1-T3): its stage, its three due dates and what has
/// arrived. A value of its own so a summary can read these columns alone, not the whole case and its history.
/// </summary>
public sealed record CaseDeadlines(
    CaseStatus Status, DateOnly ImprovementPlanDue, DateOnly? ImprovementPlanReceived, DateOnly ProgressReviewDue, DateOnly? ProgressReviewed, DateOnly? OutcomeDue)
{
    /// <summary>T1: the improvement plan's date has passed with no plan received.</summary>
    public bool IsImprovementPlanMissed(DateOnly today) => Status == CaseStatus.Opened && ImprovementPlanReceived is null && today > ImprovementPlanDue;

    /// <summary>R3 when the review date passes with no review recorded.</summary>
    public bool IsReviewMissed(DateOnly today) => Status == CaseStatus.Opened && ProgressReviewed is null && today > ProgressReviewDue;

    /// <summary>T3: the commissioner's twelve months have passed with no outcome decided.</summary>
    public bool IsOutcomeMissed(DateOnly today) => Status == CaseStatus.CommissionerAppointed && today > OutcomeDue;

    /// <summary>The deadlines missed as of <paramref name="today"/>, in words the dashboard shows.</summary>
    public IReadOnlyList<string> Overdue(DateOnly today) =>
        new (bool Missed, string Deadline)[]
            {
                (IsImprovementPlanMissed(today), "improvement-plan"),
                (IsReviewMissed(today), "progress-review"),
                (IsOutcomeMissed(today), "outcome"),
            }
            .Where(check => check.Missed)
            .Select(check => check.Deadline)
            .ToList();
}
