using Platform.Commissioners.Domain;
using static Platform.Commissioners.Tests.Judgements;

namespace Platform.Commissioners.Tests;

public sealed class InterventionCaseTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    private static (InterventionCase Case, JudgementRecord Judgement) Opened(string published = "2026-03-01")
    {
        var judgement = Ilacs(published, "inadequate");
        return (InterventionCase.Open(Authority, judgement, InterventionPolicy.Seeds2015, Now), judgement);
    }

    private static RuleFinding R1 => new("R1", InterventionPolicy.Seeds2015, "three inadequate judgements", []);

    private static CommissionerProfile Commissioner(string name = "A. Commissioner", string? home = "E10000020") =>
        CommissionerProfile.Register(name, name.ToLowerInvariant().Replace(' ', '-'), home, ["children's services"], Now);

    [Fact]
    public void T1_an_inadequate_judgement_opens_a_case_with_plan_due_in_three_months_and_review_in_six()
    {
        var (opened, _) = Opened();

        opened.Status.ShouldBe(CaseStatus.Opened);
        opened.ImprovementPlanDue.ShouldBe(new DateOnly(2026, 6, 1));
        opened.ProgressReviewDue.ShouldBe(new DateOnly(2026, 9, 1));
        opened.Transitions.ShouldHaveSingleItem().Rule.ShouldBe("T1");
    }

    [Fact]
    public void The_dashboard_names_each_missed_deadline_only_once_it_has_passed()
    {
        var (opened, _) = Opened();

        opened.OverdueDeadlines(new DateOnly(2026, 6, 1)).ShouldBeEmpty();
        opened.OverdueDeadlines(new DateOnly(2026, 6, 2)).ShouldBe(["improvement-plan"]);
        opened.OverdueDeadlines(new DateOnly(2026, 9, 2)).ShouldBe(["improvement-plan", "progress-review"]);
        opened.RecordImprovementPlan(new DateOnly(2026, 5, 20), "dfe", Now);
        opened.OverdueDeadlines(new DateOnly(2026, 9, 2)).ShouldBe(["progress-review"]);
    }

    [Fact]
    public void T1_deadlines_from_the_end_of_a_month_fall_on_the_last_day_of_the_shorter_month()
    {
        var (opened, _) = Opened("2025-11-30");

        opened.ImprovementPlanDue.ShouldBe(new DateOnly(2026, 2, 28));
        opened.ProgressReviewDue.ShouldBe(new DateOnly(2026, 5, 30));
    }

    [Fact]
    public void T1_a_judgement_that_is_not_inadequate_opens_no_case() =>
        Should.Throw<RuleViolationException>(() => InterventionCase.Open(Authority, Ilacs("2026-03-01", "good"), InterventionPolicy.Seeds2015, Now)).Rule.ShouldBe("T1");

    [Theory]
    [InlineData("inadequate", false, true)]
    [InlineData("inadequate", true, false)]
    [InlineData("requires-improvement", false, false)]
    [InlineData(null, false, false)]
    public void T1_only_an_inadequate_grade_opens_a_case_and_only_one_at_a_time(string? grade, bool alreadyOpen, bool opens) =>
        InterventionCase.ShouldOpen(grade, alreadyOpen).ShouldBe(opens);

    [Fact]
    public void T2_to_T3_the_whole_way_records_every_transition_with_its_rule()
    {
        var (c, _) = Opened();

        c.RequireCommissioner(R1, "system", Now);
        c.AppointCommissioner(Commissioner(), "DfE/2026/17", new DateOnly(2026, 4, 1), "dfe-official", Now);
        c.DecideOutcome(InterventionOutcome.NewTrust, "Compelling case for a trust.", null, new DateOnly(2027, 2, 1), "dfe-official", Now);
        c.Close("Trust registration under way.", "dfe-official", Now);

        c.Status.ShouldBe(CaseStatus.Closed);
        c.OutcomeDue.ShouldBe(new DateOnly(2027, 4, 1));
        c.Transitions.Select(t => t.Rule).ShouldBe(["T1", "R1", "T2", "T3", "T3"]);
        c.Transitions.Select(t => t.To).ShouldBe([CaseStatus.Opened, CaseStatus.CommissionerRequired, CaseStatus.CommissionerAppointed, CaseStatus.OutcomeDecided, CaseStatus.Closed]);
        c.Transitions[2].By.ShouldBe("dfe-official");
    }

    [Fact]
    public void T2_no_commissioner_is_appointed_before_the_case_is_persistent_or_systemic_failure()
    {
        var (c, _) = Opened();

        var refused = Should.Throw<RuleViolationException>(() => c.AppointCommissioner(Commissioner(), "D", new DateOnly(2026, 4, 1), "dfe", Now));

        refused.Rule.ShouldBe("T2");
        c.Status.ShouldBe(CaseStatus.Opened);
    }

    [Fact]
    public void T1_review_with_insufficient_progress_is_R3_and_requires_a_commissioner()
    {
        var (c, judgement) = Opened();

        c.RecordReview(new DateOnly(2026, 9, 1), ReviewProgress.Insufficient, judgement, "dfe", Now);

        c.Status.ShouldBe(CaseStatus.CommissionerRequired);
        c.FiredRule.ShouldBe("R3");
    }

    [Fact]
    public void T4_review_with_sufficient_progress_closes_the_case_early()
    {
        var (c, judgement) = Opened();

        c.RecordReview(new DateOnly(2026, 9, 1), ReviewProgress.Sufficient, judgement, "dfe", Now);

        c.Status.ShouldBe(CaseStatus.Closed);
        c.Transitions[^1].Rule.ShouldBe("T4");
    }

    [Fact]
    public void T4b_a_later_inspection_graded_requires_improvement_or_better_ends_the_case_after_T2_and_revokes_the_direction()
    {
        var (c, _) = Opened();
        c.RequireCommissioner(R1, "system", Now);
        c.AppointCommissioner(Commissioner(), "DIR-1", new DateOnly(2026, 4, 1), "dfe", Now);

        c.EndOnLaterJudgement(Ilacs("2027-02-01", "requires-improvement"), "system", Now);

        c.Status.ShouldBe(CaseStatus.Closed);
        c.ClosedOn.ShouldBe(new DateOnly(2027, 2, 1));
        c.Transitions[^1].Rule.ShouldBe("T4b");
        c.Transitions[^1].Reason.ShouldContain("Direction DIR-1 revoked");
    }

    [Fact]
    public void T4b_before_T2_the_same_ending_is_T4_and_an_earlier_or_inadequate_judgement_does_not_end_a_case()
    {
        var (c, _) = Opened();

        Should.Throw<RuleViolationException>(() => c.EndOnLaterJudgement(Ilacs("2025-12-01", "good"), "system", Now)).Rule.ShouldBe("T4b");
        Should.Throw<RuleViolationException>(() => c.EndOnLaterJudgement(Ilacs("2027-01-01", "inadequate"), "system", Now)).Rule.ShouldBe("T4b");
        c.EndOnLaterJudgement(Ilacs("2027-01-01", "good"), "system", Now);

        c.Transitions[^1].Rule.ShouldBe("T4");
    }

    [Fact]
    public void T4b_an_inadequate_judgement_published_while_the_case_is_open_is_recorded_on_it()
    {
        var (c, _) = Opened();
        c.RequireCommissioner(R1, "system", Now);

        c.RecordLaterJudgement(Ilacs("2027-01-01", "inadequate"), "system", Now);

        c.Status.ShouldBe(CaseStatus.CommissionerRequired);
        c.Transitions[^1].Rule.ShouldBe("T4b");
        c.Transitions[^1].Reason.ShouldContain("2027-01-01");
    }

    [Fact]
    public void I3c_a_case_ends_with_its_authority_at_any_open_stage_and_not_once_closed()
    {
        var (c, _) = Opened("2019-08-01");
        c.RequireCommissioner(R1, "system", Now);

        c.EndWithAuthority(new DateOnly(2021, 3, 31), ["E06000061", "E06000062"], "system", Now);

        c.Status.ShouldBe(CaseStatus.Closed);
        c.ClosedOn.ShouldBe(new DateOnly(2021, 3, 31));
        c.Transitions[^1].Rule.ShouldBe("I3c");
        Should.Throw<RuleViolationException>(() => c.EndWithAuthority(new DateOnly(2021, 3, 31), ["E06000061"], "system", Now)).Rule.ShouldBe("I3c");
    }

    [Fact]
    public void T1_a_case_ends_when_the_judgement_that_opened_it_is_corrected_to_a_better_grade()
    {
        var (c, judgement) = Opened();
        judgement.Overall = "requires-improvement";

        c.EndOnCorrectedJudgement(judgement, "system", Now);

        c.Status.ShouldBe(CaseStatus.Closed);
        c.Transitions[^1].Reason.ShouldContain("corrected");
    }

    [Fact]
    public void T4_does_not_apply_once_a_commissioner_is_required()
    {
        var (c, _) = Opened();
        c.RequireCommissioner(R1, "system", Now);

        Should.Throw<RuleViolationException>(() => c.CloseOnImprovement("re-inspected good", "system", Now)).Rule.ShouldBe("T4");
        Should.Throw<RuleViolationException>(() => c.Close("no reason", "dfe", Now)).Rule.ShouldBe("T3");
    }

    [Fact]
    public void T3_a_takeover_names_another_authority()
    {
        var (c, _) = Opened();
        c.RequireCommissioner(R1, "system", Now);
        c.AppointCommissioner(Commissioner(), "D", new DateOnly(2026, 4, 1), "dfe", Now);

        Should.Throw<RuleViolationException>(() => c.DecideOutcome(InterventionOutcome.Takeover, "r", null, new DateOnly(2026, 9, 1), "dfe", Now)).Rule.ShouldBe("T3");
        Should.Throw<RuleViolationException>(() => c.DecideOutcome(InterventionOutcome.Takeover, "r", Authority, new DateOnly(2026, 9, 1), "dfe", Now)).Rule.ShouldBe("T3");
        c.DecideOutcome(InterventionOutcome.Takeover, "Neighbour rated outstanding.", "E08000029", new DateOnly(2026, 9, 1), "dfe", Now);
        c.TakeoverAuthority.ShouldBe("E08000029");
    }

    [Fact]
    public void T1_the_improvement_plan_is_received_once()
    {
        var (c, _) = Opened();
        c.RecordImprovementPlan(new DateOnly(2026, 5, 1), "dfe", Now);

        Should.Throw<RuleViolationException>(() => c.RecordImprovementPlan(new DateOnly(2026, 5, 2), "dfe", Now)).Rule.ShouldBe("T1");
    }

    [Fact]
    public void T7_a_commissioner_is_not_employed_by_the_authority_concerned()
    {
        Commissioner(home: Authority).WhyNotEligible(Authority, [], 2).ShouldNotBeNull().ShouldContain("employed by");
        Commissioner().WhyNotEligible(Authority, [], 2).ShouldBeNull();
    }

    [Fact]
    public void T7_a_commissioner_holds_a_bounded_number_of_appointments_and_one_per_authority()
    {
        Commissioner().WhyNotEligible(Authority, ["E08000025", "E06000039"], 2).ShouldNotBeNull().ShouldContain("the bound is 2");
        Commissioner().WhyNotEligible(Authority, [Authority], 3).ShouldNotBeNull().ShouldContain("already holds an appointment");
    }

    [Fact]
    public void T5_directions_come_from_the_appointed_commissioner_and_are_due_after_they_are_issued()
    {
        var (c, _) = Opened();
        var appointed = Commissioner();
        Should.Throw<RuleViolationException>(() => Direction.Issue(c, appointed.Id, "Fix the front door.", new DateOnly(2026, 5, 1), new DateOnly(2026, 6, 1), "x")).Rule.ShouldBe("T5");

        c.RequireCommissioner(R1, "system", Now);
        c.AppointCommissioner(appointed, "D", new DateOnly(2026, 4, 1), "dfe", Now);

        Should.Throw<RuleViolationException>(() => Direction.Issue(c, Guid.NewGuid(), "Not mine.", new DateOnly(2026, 5, 1), new DateOnly(2026, 6, 1), "x"));
        Should.Throw<RuleViolationException>(() => Direction.Issue(c, appointed.Id, "Backwards.", new DateOnly(2026, 5, 1), new DateOnly(2026, 5, 1), "x"));
        var direction = Direction.Issue(c, appointed.Id, "Fix the front door.", new DateOnly(2026, 5, 1), new DateOnly(2026, 6, 1), "x");
        direction.IsOverdue(new DateOnly(2026, 6, 2)).ShouldBeTrue();
        direction.RecordCompliance(new DateOnly(2026, 5, 20));
        direction.IsOverdue(new DateOnly(2026, 6, 2)).ShouldBeFalse();
        Should.Throw<RuleViolationException>(() => direction.RecordCompliance(new DateOnly(2026, 5, 21)));
    }
}
