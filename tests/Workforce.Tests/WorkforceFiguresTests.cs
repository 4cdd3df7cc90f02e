using Platform.Workforce.Domain;

namespace Platform.Workforce.Tests;

public sealed class WorkforceFiguresTests
{
    private static WorkforceFigures Figures(
        decimal fte = 100m, decimal caseHolding = 80m, decimal agency = 25m, decimal leavers = 15m, decimal vacancies = 20m, int cases = 1400) =>
        new(HeadcountEmployed: 110, FteEmployed: fte, CaseHoldingFte: caseHolding, AgencyFte: agency, StartersFte: 12m,
            LeaversFte: leavers, VacanciesFte: vacancies, CasesHeld: cases, AbsenceDays: 900m);

    [Theory]
    [InlineData(1480, 37, 40)]
    [InlineData(18.5, 37, 0.5)]
    [InlineData(100, 37, 2.7)]
    public void W1_fte_is_contracted_hours_over_standard_hours(double hours, double standard, double fte) =>
        WorkforceFigures.Fte((decimal)hours, (decimal)standard).ShouldBe((decimal)fte);

    [Fact]
    public void W1_without_standard_hours_there_is_no_fte() => WorkforceFigures.Fte(100m, 0m).ShouldBeNull();

    [Fact]
    public void W2_agency_rate_is_agency_over_agency_plus_employed() => Figures().AgencyRate.ShouldBe(0.2m);

    [Fact]
    public void W3_turnover_is_leavers_over_those_in_post() => Figures().TurnoverRate.ShouldBe(0.15m);

    [Fact]
    public void W4_vacancy_rate_is_vacancies_over_vacancies_plus_in_post() => Figures(vacancies: 25m).VacancyRate.ShouldBe(0.2m);

    [Fact]
    public void W5_caseload_is_cases_over_case_holding_fte() => Figures().Caseload.ShouldBe(17.5m);

    [Fact]
    public void A_measure_with_a_zero_denominator_is_undefined_not_zero()
    {
        var empty = Figures(fte: 0m, caseHolding: 0m, agency: 0m, leavers: 0m, vacancies: 0m, cases: 0);

        empty.AgencyRate.ShouldBeNull();
        empty.TurnoverRate.ShouldBeNull();
        empty.VacancyRate.ShouldBeNull();
        empty.Caseload.ShouldBeNull();
    }

    [Fact]
    public void Negative_figures_are_refused_by_field() =>
        Figures(leavers: -1m).Check().ShouldContain(problem => problem.Field == "leaversFte");

    [Fact]
    public void Case_holding_fte_cannot_exceed_the_workforce() =>
        Figures(caseHolding: 130m).Check().ShouldContain(problem => problem.Field == "caseHoldingFte");

    [Theory]
    [InlineData(2025, "2025-09-30", true)]
    [InlineData(2026, "2026-09-29", false)]
    [InlineData(2026, "2026-11-23", true)]
    public void A_return_is_for_a_census_already_taken(int year, string today, bool taken) =>
        WorkforceReturn.IsRecordableCensus(year, DateOnly.Parse(today)).ShouldBe(taken);

    [Fact]
    public void W7_a_missing_count_leaves_only_the_measures_that_need_it_undefined()
    {
        var suppressed = Figures() with { VacanciesFte = null };

        suppressed.VacancyRate.ShouldBeNull();
        suppressed.AgencyRate.ShouldBe(0.2m);
        suppressed.Caseload.ShouldBe(17.5m);
        suppressed.Check().ShouldBeEmpty();
    }

    [Fact]
    public void W7_a_groups_rate_is_the_ratio_of_sums_over_the_returns_that_define_it()
    {
        var returns = new[] { Figures(fte: 100m, vacancies: 25m), Figures(fte: 300m, vacancies: 75m), Figures(fte: 500m) with { VacanciesFte = null } };

        WorkforceMeasure.VacancyRate.OverGroup(returns).ShouldBe(0.2m, "100 / (100 + 400): the return without vacancies adds to neither sum");
        WorkforceMeasure.TurnoverRate.OverGroup(returns).ShouldBe(Math.Round(45m / 900m, 4));
        WorkforceMeasure.Caseload.OverGroup([]).ShouldBeNull();
    }

    [Theory]
    [InlineData(0.21568, 21.6)]
    [InlineData(0.1625, 16.3)]
    public void W7_rates_are_published_as_percentages_to_one_place(double rate, double published) =>
        WorkforceMeasure.AgencyRate.AsPublished((decimal)rate).ShouldBe((decimal)published);
}
