using Platform.Commissioners.Domain;

namespace Platform.Commissioners.Tests;

public sealed class InterventionCaseTests
{
    [Fact]
    public void T1_an_inadequate_judgement_opens_a_case_with_plan_due_in_three_months_and_review_in_six()
    {
        var opened = InterventionCase.Open("E08000025", Guid.NewGuid(), new DateOnly(2026, 3, 1), DateTimeOffset.UtcNow);

        opened.Status.ShouldBe(CaseStatus.Opened);
        opened.ImprovementPlanDue.ShouldBe(new DateOnly(2026, 6, 1));
        opened.ProgressReviewDue.ShouldBe(new DateOnly(2026, 9, 1));
    }

    [Fact]
    public void T1_deadlines_from_the_end_of_a_month_fall_on_the_last_day_of_the_shorter_month()
    {
        var opened = InterventionCase.Open("E08000025", Guid.NewGuid(), new DateOnly(2025, 11, 30), DateTimeOffset.UtcNow);

        opened.ImprovementPlanDue.ShouldBe(new DateOnly(2026, 2, 28));
        opened.ProgressReviewDue.ShouldBe(new DateOnly(2026, 5, 30));
    }

    [Theory]
    [InlineData("inadequate", false, true)]
    [InlineData("inadequate", true, false)]
    [InlineData("requires-improvement", false, false)]
    [InlineData("good", false, false)]
    [InlineData(null, false, false)]
    public void T1_only_an_inadequate_grade_opens_a_case_and_only_one_at_a_time(string? grade, bool alreadyOpen, bool opens) =>
        InterventionCase.ShouldOpen(grade, alreadyOpen).ShouldBe(opens);
}
