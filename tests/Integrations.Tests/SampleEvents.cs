using Platform.Messaging.Events;

namespace Platform.Integrations.Tests;

/// <summary>Events of the tests' own making, as the services would publish them.</summary>
public static class SampleEvents
{
    public const string Birmingham = "E08000025";
    public const string Leeds = "E08000035";

    public static InspectionPublished Judgement(string localAuthority, string overall = "inadequate") => new()
    {
        OccurredAt = DateTimeOffset.UtcNow,
        JudgementId = Guid.NewGuid(),
        LocalAuthority = localAuthority,
        Framework = "ilacs-standard",
        Overall = overall,
        PublicationDate = new DateOnly(2026, 11, 2),
    };

    public static InterventionCaseOpened CaseOpened(string localAuthority) => new()
    {
        OccurredAt = DateTimeOffset.UtcNow,
        CaseId = Guid.NewGuid(),
        LocalAuthority = localAuthority,
        TriggeringJudgementId = Guid.NewGuid(),
        ImprovementPlanDue = new DateOnly(2027, 2, 2),
        ProgressReviewDue = new DateOnly(2027, 5, 2),
    };

    public static ProviderEligibilityChanged Standing(string name) => new()
    {
        OccurredAt = DateTimeOffset.UtcNow,
        ProviderId = Guid.NewGuid(),
        Name = name,
        Reason = "registered",
    };
}
