using Platform.Inspections.Domain;

namespace Platform.Inspections.Tests;

public sealed class JudgementRulesTests
{
    private static readonly DateOnly Today = new(2026, 11, 23);

    private static List<JudgementRules.Problem> Check(
        Framework framework = Framework.IlacsStandard,
        string start = "2026-01-12",
        string end = "2026-01-23",
        string published = "2026-03-01",
        Grade? overall = Grade.Inadequate,
        string? report = null,
        SubJudgements? sub = null,
        bool wholesale = false) =>
        JudgementRules.Check(
            new JudgementFacts("E08000025", null, framework, DateOnly.Parse(start), DateOnly.Parse(end), DateOnly.Parse(published), overall,
                sub ?? SubJudgements.None, wholesale, wholesale, report),
            Today).ToList();

    [Fact]
    public void A_published_ilacs_inspection_with_a_grade_is_valid() => Check().ShouldBeEmpty();

    [Fact]
    public void An_inspection_cannot_end_before_it_starts() =>
        Check(start: "2026-01-23", end: "2026-01-12").ShouldContain(problem => problem.Field == "inspectionEndDate");

    [Fact]
    public void A_judgement_is_published_after_the_inspection_ends() =>
        Check(published: "2026-01-20").ShouldContain(problem => problem.Field == "publicationDate");

    [Fact]
    public void A_publication_date_in_the_future_is_refused() =>
        Check(published: "2026-11-24").Select(problem => problem.Field).ShouldBe(["publicationDate"]);

    [Fact]
    public void A_judgement_published_today_is_accepted() => Check(published: "2026-11-23").ShouldBeEmpty();

    [Theory]
    [InlineData(Framework.Sif)]
    [InlineData(Framework.IlacsStandard)]
    [InlineData(Framework.IlacsShort)]
    public void I2_graded_inspections_need_an_overall_grade(Framework framework) =>
        Check(framework: framework, overall: null).ShouldContain(problem => problem.Field == "overall");

    [Theory]
    [InlineData(Framework.FocusedVisit)]
    [InlineData(Framework.MonitoringVisit)]
    [InlineData(Framework.Jtai)]
    public void I2_visits_carry_no_overall_grade(Framework framework)
    {
        Check(framework: framework, overall: Grade.Good).ShouldContain(problem => problem.Field == "overall");
        Check(framework: framework, overall: null).ShouldBeEmpty();
    }

    [Fact]
    public void I2_visits_carry_no_key_judgements() =>
        Check(framework: Framework.MonitoringVisit, overall: null, sub: new SubJudgements(Grade.Good, null, null, null))
            .ShouldContain(problem => problem.Field == "subJudgements");

    [Fact]
    public void Wholesale_failure_is_a_finding_of_an_inadequate_judgement_only()
    {
        Check(overall: Grade.Inadequate, wholesale: true).ShouldBeEmpty();
        Check(overall: Grade.RequiresImprovement, wholesale: true).ShouldContain(problem => problem.Field == "wholesaleInadequateServices");
    }

    [Fact]
    public void The_report_link_must_be_a_web_address() =>
        Check(report: "not a link").ShouldContain(problem => problem.Field == "reportUrl");
}
