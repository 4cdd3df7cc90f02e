using Platform.Commissioners.Domain;
using static Platform.Commissioners.Tests.Judgements;

namespace Platform.Commissioners.Tests;

public sealed class InterventionRulesTests
{
    private static readonly DateOnly Evaluation = new(2026, 3, 1);

    [Fact]
    public void R1_seeds_2015_given_three_inadequate_judgements_in_five_years_then_persistent_failure()
    {
        JudgementRecord[] history = [Sif("2021-06-01", "inadequate"), Ilacs("2023-06-01", "inadequate"), Ilacs("2026-03-01", "inadequate")];

        var finding = InterventionRules.PersistentFailureFinding(InterventionPolicy.Seeds2015, history, Evaluation).ShouldNotBeNull();

        finding.Rule.ShouldBe("R1");
        finding.JudgementIds.Count.ShouldBe(3);
        finding.Explanation.ShouldContain("3 inadequate judgements");
        finding.Explanation.ShouldContain("seeds-2015");
    }

    [Fact]
    public void R1_never_counts_one_inspection_twice()
    {
        JudgementRecord[] history = [Ilacs("2023-06-01", "inadequate"), Sif("2023-06-01", "inadequate"), Ilacs("2026-03-01", "inadequate")];

        InterventionRules.PersistentFailureFinding(InterventionPolicy.Seeds2015, history, Evaluation).ShouldBeNull();
    }

    [Fact]
    public void R1_seeds_2015_the_second_inadequate_is_not_enough_but_under_dfe_2016_it_is()
    {
        JudgementRecord[] history = [Ilacs("2023-06-01", "inadequate"), Ilacs("2026-03-01", "inadequate")];

        InterventionRules.PersistentFailureFinding(InterventionPolicy.Seeds2015, history, Evaluation).ShouldBeNull();
        InterventionRules.PersistentFailureFinding(InterventionPolicy.Dfe2016, history, Evaluation).ShouldNotBeNull().Rule.ShouldBe("R1");
    }

    [Fact]
    public void R1_a_judgement_published_exactly_five_years_before_counts_and_one_a_day_earlier_does_not()
    {
        JudgementRecord[] exactly = [Sif("2021-03-01", "inadequate"), Ilacs("2023-06-01", "inadequate"), Ilacs("2026-03-01", "inadequate")];
        JudgementRecord[] dayEarlier = [Sif("2021-02-28", "inadequate"), Ilacs("2023-06-01", "inadequate"), Ilacs("2026-03-01", "inadequate")];

        InterventionRules.PersistentFailureFinding(InterventionPolicy.Seeds2015, exactly, Evaluation).ShouldNotBeNull();
        InterventionRules.PersistentFailureFinding(InterventionPolicy.Seeds2015, dayEarlier, Evaluation).ShouldBeNull();
    }

    [Fact]
    public void R1_a_requires_improvement_judgement_in_between_does_not_reset_the_count()
    {
        JudgementRecord[] history =
        [
            Ilacs("2021-06-01", "inadequate"), Ilacs("2022-06-01", "requires-improvement"), Ilacs("2024-06-01", "inadequate"), Ilacs("2026-03-01", "inadequate"),
        ];

        InterventionRules.PersistentFailureFinding(InterventionPolicy.Seeds2015, history, Evaluation).ShouldNotBeNull().JudgementIds.Count.ShouldBe(3);
    }

    [Fact]
    public void R1_judgements_published_after_the_evaluation_date_do_not_count()
    {
        JudgementRecord[] history = [Ilacs("2023-06-01", "inadequate"), Ilacs("2026-03-01", "inadequate"), Ilacs("2026-06-01", "inadequate")];

        InterventionRules.PersistentFailureFinding(InterventionPolicy.Seeds2015, history, Evaluation).ShouldBeNull();
    }

    [Fact]
    public void R2_seeds_2015_a_judgement_finding_wholesale_failure_and_corporate_failure_is_systemic()
    {
        var finding = InterventionRules.SystemicFailureFinding(InterventionPolicy.Seeds2015, Sif("2015-01-01", "inadequate", wholesale: true, corporate: true));

        finding.ShouldNotBeNull().Rule.ShouldBe("R2");
        finding.Explanation.ShouldContain("wholesale inadequate services and corporate failure");
    }

    [Fact]
    public void R2_seeds_2015_one_flag_alone_is_not_enough() =>
        InterventionRules.SystemicFailureFinding(InterventionPolicy.Seeds2015, Sif("2015-01-01", "inadequate", wholesale: true)).ShouldBeNull();

    [Fact]
    public void R2_seeds_2015_for_ilacs_data_every_graded_key_judgement_inadequate_including_leaders_is_systemic()
    {
        InterventionRules.SystemicFailureFinding(InterventionPolicy.Seeds2015, AllInadequate("2024-01-01")).ShouldNotBeNull().Rule.ShouldBe("R2");
        InterventionRules.SystemicFailureFinding(InterventionPolicy.Seeds2015, Ilacs("2024-01-01", "inadequate", "requires-improvement", "inadequate", "inadequate", "inadequate"))
            .ShouldBeNull();
    }

    [Fact]
    public void R2_seeds_2015_sif_data_without_flags_is_not_read_from_its_key_judgements()
    {
        var sif = AllInadequate("2016-01-01");
        sif.Framework = "sif";

        InterventionRules.SystemicFailureFinding(InterventionPolicy.Seeds2015, sif).ShouldBeNull();
        InterventionRules.SystemicFailureFinding(InterventionPolicy.Dfe2016, sif).ShouldNotBeNull();
    }

    [Fact]
    public void R2_with_key_judgements_missing_nothing_fires()
    {
        var bare = Ilacs("2024-01-01", "inadequate");

        InterventionRules.SystemicFailureFinding(InterventionPolicy.Seeds2015, bare).ShouldBeNull();
        InterventionRules.SystemicFailureFinding(InterventionPolicy.Dfe2016, bare).ShouldBeNull();
    }

    [Fact]
    public void R2_dfe_2016_across_the_board_counts_in_care_for_care_leavers_when_they_were_judged_together()
    {
        InterventionRules.SystemicFailureFinding(InterventionPolicy.Dfe2016, AllInadequate("2020-01-01", careLeaversJudgedApart: false)).ShouldNotBeNull();
        InterventionRules.SystemicFailureFinding(InterventionPolicy.Dfe2016, Ilacs("2024-01-01", "inadequate", "inadequate", "inadequate", "inadequate", "requires-improvement"))
            .ShouldBeNull();
    }

    [Fact]
    public void R2_never_fires_on_a_judgement_that_is_not_inadequate() =>
        InterventionRules.SystemicFailureFinding(InterventionPolicy.Seeds2015, Sif("2015-01-01", "requires-improvement", wholesale: true, corporate: true)).ShouldBeNull();

    [Fact]
    public void At_publication_R1_is_reported_before_R2_when_both_fire()
    {
        var latest = AllInadequate("2026-03-01");
        JudgementRecord[] history = [Ilacs("2022-06-01", "inadequate"), Ilacs("2024-06-01", "inadequate"), latest];

        InterventionRules.AtPublication(InterventionPolicy.Seeds2015, latest, history, Evaluation).ShouldNotBeNull().Rule.ShouldBe("R1");
    }

    [Fact]
    public void R3_explains_a_missed_review_and_an_insufficient_one_differently()
    {
        var triggering = Ilacs("2026-03-01", "inadequate");

        InterventionRules.NoImprovementFinding(InterventionPolicy.Seeds2015, triggering, new DateOnly(2026, 9, 1), reviewMissed: true).Explanation.ShouldContain("no progress review was recorded");
        InterventionRules.NoImprovementFinding(InterventionPolicy.Dfe2016, triggering, new DateOnly(2026, 9, 1), reviewMissed: false).Explanation.ShouldContain("insufficient");
    }
}
