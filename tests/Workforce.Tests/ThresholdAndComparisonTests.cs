using Platform.Workforce.Domain;

namespace Platform.Workforce.Tests;

public sealed class ThresholdAndComparisonTests
{
    private static WorkforceFigures Figures(decimal fte = 700m, decimal caseHolding = 600m, decimal agency = 210m, decimal leavers = 143.5m, int cases = 10500, decimal vacancies = 175m) =>
        new(720, fte, caseHolding, agency, 90m, leavers, vacancies, cases, 0m);

    [Fact]
    public void W6_a_return_above_a_threshold_crosses_it_and_one_at_it_does_not()
    {
        var thresholds = new WorkforceThresholds();

        // Birmingham's seeds figures: turnover 20.5 %, agency 30 %, caseload 25+.
        var crossed = thresholds.CrossedBy(Figures(agency: 300m, cases: 15_300));
        crossed.Select(c => c.Measure).ShouldBe(["caseload", "agency-rate", "turnover-rate"], ignoreOrder: true);
        crossed.Single(c => c.Measure == "caseload").Value.ShouldBe(25.5m);

        thresholds.CrossedBy(Figures(agency: 0m, leavers: 140m, cases: 12_000)).ShouldBeEmpty();
    }

    [Fact]
    public void W6_thresholds_are_configurable() =>
        new WorkforceThresholds { Caseload = 15m }.CrossedBy(Figures()).Select(c => c.Measure).ShouldContain("caseload");

    [Fact]
    public void W6_an_undefined_measure_crosses_nothing() =>
        new WorkforceThresholds().CrossedBy(Figures(fte: 0m, caseHolding: 0m, agency: 0m, leavers: 0m, cases: 0)).ShouldBeEmpty();

    [Fact]
    public void Englands_figure_is_the_ratio_of_the_sums_not_the_mean_of_the_rates()
    {
        var small = Figures(fte: 100m, caseHolding: 100m, agency: 0m, leavers: 50m, cases: 1000);
        var large = Figures(fte: 900m, caseHolding: 900m, agency: 0m, leavers: 90m, cases: 18000);

        var england = Comparison.National([small, large]);

        england.TurnoverRate.ShouldBe(0.14m);
        england.Caseload.ShouldBe(19m);
    }

    [Fact]
    public void The_neighbours_median_skips_undefined_measures_and_averages_the_middle_pair()
    {
        Comparison.Median([0.1m, null, 0.3m, 0.2m, 0.5m]).ShouldBe(0.25m);
        Comparison.Median([0.4m, 0.1m, 0.3m]).ShouldBe(0.3m);
        Comparison.Median([null, null]).ShouldBeNull();
    }

    [Fact]
    public void England_with_no_returns_is_undefined() => Comparison.National([]).Caseload.ShouldBeNull();
}
