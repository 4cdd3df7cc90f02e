using Platform.Inspections.Domain;

namespace Platform.Inspections.Tests;

public sealed class GradeTrajectoryTests
{
    private static Judgement Published(string date, Framework framework, Grade? overall) =>
        Judgement.Record(
            new JudgementFacts("E08000025", null, framework, null, null, DateOnly.Parse(date), overall, SubJudgements.None, false, false, null),
            "test", "tester", DateTimeOffset.UtcNow);

    [Fact]
    public void The_trajectory_follows_overall_grades_in_publication_order_and_leaves_visits_out()
    {
        var trajectory = GradeTrajectory.Of([
            Published("2019-05-01", Framework.IlacsStandard, Grade.RequiresImprovement),
            Published("2014-05-01", Framework.Sif, Grade.Inadequate),
            Published("2016-09-01", Framework.MonitoringVisit, null),
            Published("2017-05-01", Framework.Sif, Grade.Inadequate),
            Published("2023-05-01", Framework.IlacsShort, Grade.RequiresImprovement),
            Published("2025-05-01", Framework.IlacsShort, Grade.Inadequate),
        ]);

        trajectory.Select(point => point.Direction).ShouldBe([Direction.First, Direction.Same, Direction.Improved, Direction.Same, Direction.Declined]);
        trajectory[0].PublicationDate.ShouldBe(new DateOnly(2014, 5, 1));
    }

    [Fact]
    public void A_correction_keeps_the_judgement_and_moves_the_current_version()
    {
        var original = Published("2024-03-01", Framework.IlacsStandard, Grade.Inadequate);
        var corrected = original.Correct(original.Facts with { Overall = Grade.RequiresImprovement }, "grade mistyped", "ofsted", DateTimeOffset.UtcNow);

        original.IsCurrent.ShouldBeFalse();
        corrected.IsCurrent.ShouldBeTrue();
        corrected.JudgementId.ShouldBe(original.JudgementId);
        corrected.Version.ShouldBe(2);
        Should.Throw<InvalidOperationException>(() => original.Correct(original.Facts, "again", "ofsted", DateTimeOffset.UtcNow));
    }
}
