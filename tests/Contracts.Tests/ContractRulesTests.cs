using Platform.Contracts.Domain;
using Platform.Contracts.Domain.ReadModels;

namespace Platform.Contracts.Tests;

public sealed class ContractRulesTests
{
    private static readonly DateOnly Start = new(2025, 4, 1);
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    private static readonly Kpi Caseload = new(KpiMeasure.Caseload, 18m, 2m);
    private static readonly Kpi Timeliness = new(KpiMeasure.AssessmentTimeliness, 0.85m, 0.05m);

    private static ContractTerms Terms(
        IReadOnlyList<ServiceScope>? scopes = null, decimal value = 1_000_000m, DateOnly? end = null, IReadOnlyList<DateOnly>? breakPoints = null,
        IReadOnlyList<Kpi>? kpis = null) =>
        new("Family support", scopes ?? [ServiceScope.ChildProtection], value, Start, end ?? Start.AddYears(3).AddDays(-1), breakPoints ?? [],
            kpis ?? [Caseload, Timeliness], ReviewCadence.Quarterly);

    private static Contract ActiveContract(IReadOnlyList<ServiceScope>? scopes = null)
    {
        var contract = Contract.Draft("E08000025", Guid.NewGuid(), Terms(scopes), "council", Now);
        contract.Award("council", Now);
        contract.Activate(new DateOnly(2026, 11, 23), Now);
        return contract;
    }

    private static ProviderStanding Standing(params string[] approved) =>
        new() { ProviderId = Guid.NewGuid(), Name = "Family Care Trust", ApprovedScopes = [.. approved], Reason = "Registered." };

    private static List<KpiRating> Ratings(Contract contract, decimal caseload, decimal timeliness) =>
    [
        new() { Measure = KpiMeasure.Caseload, Target = 18m, Actual = caseload, Source = "submitted", Rating = KpiRules.Rate(contract.Kpis[0], caseload) },
        new() { Measure = KpiMeasure.AssessmentTimeliness, Target = 0.85m, Actual = timeliness, Source = "submitted", Rating = KpiRules.Rate(contract.Kpis[1], timeliness) },
    ];

    [Fact]
    public void C1_a_contract_covers_scopes_for_a_value_over_a_term_with_kpis() => ContractRules.Check(Terms()).ShouldBeEmpty();

    [Fact]
    public void C1_each_bad_term_is_named_by_its_field()
    {
        var problems = ContractRules.Check(new ContractTerms(
            "", [], -1m, Start, Start, [Start.AddYears(5)], [new Kpi(KpiMeasure.AgencyRate, 1.5m, 0.1m), new Kpi(KpiMeasure.AgencyRate, 0.2m, -1m)], null)).ToList();

        problems.Select(p => p.Field).ShouldBe(
            ["title", "scopes", "value", "endDate", "breakPoints[0]", "kpis[0].target", "kpis[1].measure", "kpis[1].amberMargin"], ignoreOrder: true);
        problems.ShouldAllBe(p => p.Message.Contains("(C1") || p.Message.Contains("(C3)"));
    }

    [Theory]
    [InlineData(KpiMeasure.Caseload, 101, false)]
    [InlineData(KpiMeasure.Caseload, 20, true)]
    [InlineData(KpiMeasure.TurnoverRate, 0.2, true)]
    [InlineData(KpiMeasure.VacancyRate, -0.1, false)]
    [InlineData(KpiMeasure.VisitTimeliness, 1.01, false)]
    public void C1_kpi_targets_stay_within_their_measure(KpiMeasure measure, double target, bool valid) =>
        (KpiRules.OutOfRange(measure, (decimal)target) is null).ShouldBe(valid);

    [Fact]
    public void C1_terms_overlap_only_for_the_same_council_provider_and_a_shared_scope()
    {
        var provider = Guid.NewGuid();
        var first = Contract.Draft("E08000025", provider, Terms(), "council", Now);
        var sameScopeLater = Contract.Draft("E08000025", provider, Terms() with { StartDate = Start.AddYears(2) }, "council", Now);
        var otherScope = Contract.Draft("E08000025", provider, Terms([ServiceScope.CareLeavers]), "council", Now);
        var afterTheTerm = Contract.Draft("E08000025", provider, Terms() with { StartDate = Start.AddYears(3), EndDate = Start.AddYears(4) }, "council", Now);

        sameScopeLater.Overlaps(first).ShouldBeTrue();
        otherScope.Overlaps(first).ShouldBeFalse();
        afterTheTerm.Overlaps(first).ShouldBeFalse();
    }

    [Fact]
    public void C1_the_lifecycle_allows_only_its_own_steps()
    {
        var contract = Contract.Draft("E08000025", Guid.NewGuid(), Terms(), "council", Now);
        Should.Throw<ContractRuleException>(() => contract.Activate(new DateOnly(2026, 1, 1), Now)).Rule.ShouldBe("C1");
        Should.Throw<ContractRuleException>(() => contract.Vary(Terms(value: 2m), "cheaper", "council", Now));

        contract.Award("council", Now);
        Should.Throw<ContractRuleException>(() => contract.Award("council", Now));
        Should.Throw<ContractRuleException>(() => contract.Activate(Start.AddDays(-1), Now)).Message.ShouldContain("starts on 2025-04-01");

        contract.Activate(Start, Now);
        contract.Terminate(new DateOnly(2026, 3, 31), "Poor performance.", Now);
        contract.Status.ShouldBe(ContractStatus.Terminated);
        Should.Throw<ContractRuleException>(() => contract.Terminate(new DateOnly(2026, 3, 31), "Again.", Now));
    }

    [Fact]
    public void C1_a_draft_without_kpis_is_not_awarded() =>
        Should.Throw<ContractRuleException>(() => Contract.Draft("E08000025", Guid.NewGuid(), Terms(kpis: []), "council", Now).Award("council", Now))
            .Message.ShouldContain("KPIs");

    [Fact]
    public void C1_a_contract_past_its_term_expires_once()
    {
        var contract = ActiveContract();

        contract.ExpireIfEnded(contract.EndDate, Now).ShouldBeFalse();
        contract.ExpireIfEnded(contract.EndDate.AddDays(1), Now).ShouldBeTrue();
        contract.ExpireIfEnded(contract.EndDate.AddDays(2), Now).ShouldBeFalse();
        contract.Status.ShouldBe(ContractStatus.Expired);
        contract.EndedOn.ShouldBe(contract.EndDate);
    }

    [Fact]
    public void C2_an_unknown_provider_is_bad_input_naming_the_field()
    {
        var refusal = ContractRules.CheckAward(Contract.Draft("E08000025", Guid.NewGuid(), Terms(), "council", Now), null)!;

        refusal.IsBadInput.ShouldBeTrue();
        refusal.Field.ShouldBe("providerId");
        refusal.Rule.ShouldBe("C2");
    }

    [Fact]
    public void C2_a_provider_must_be_approved_for_every_scope()
    {
        var contract = Contract.Draft("E08000025", Guid.NewGuid(), Terms([ServiceScope.ChildProtection, ServiceScope.CareLeavers]), "council", Now);

        var refusal = ContractRules.CheckAward(contract, Standing("care-leavers"))!;
        refusal.Rule.ShouldBe("C2");
        refusal.Cause.ShouldBe("P2");
        refusal.Detail.ShouldContain("not approved for child-protection");
        ContractRules.CheckAward(contract, Standing("care-leavers", "child-protection")).ShouldBeNull();
    }

    [Fact]
    public void C2_a_provider_in_a_conflict_of_interest_is_refused_under_P4()
    {
        var contract = Contract.Draft("E08000025", Guid.NewGuid(), Terms([ServiceScope.LookedAfterChildren]), "council", Now);
        var standing = Standing("looked-after-children");
        standing.ConflictOfInterest = "Placements Finder Ltd finds placements for looked-after children and its corporate group provides them (P4).";

        var refusal = ContractRules.CheckAward(contract, standing)!;

        refusal.Cause.ShouldBe("P4");
        refusal.IsBadInput.ShouldBeFalse();
    }

    [Theory]
    [InlineData(18, "Green")]
    [InlineData(19.5, "Amber")]
    [InlineData(20, "Amber")]
    [InlineData(20.01, "Red")]
    public void C3_a_lower_is_better_measure_is_rated_against_its_target_and_margin(double actual, string rating) =>
        KpiRules.Rate(Caseload, (decimal)actual).ToString().ShouldBe(rating);

    [Theory]
    [InlineData(0.9, "Green")]
    [InlineData(0.8, "Amber")]
    [InlineData(0.79, "Red")]
    public void C3_a_higher_is_better_measure_is_rated_the_other_way(double actual, string rating) =>
        KpiRules.Rate(Timeliness, (decimal)actual).ToString().ShouldBe(rating);

    [Fact]
    public void C3_a_kpi_without_a_figure_is_not_rated() => KpiRules.Rate(Caseload, null).ShouldBe(Rating.NotRated);

    [Fact]
    public void C3_two_consecutive_reds_are_a_breach_with_a_remedial_notice()
    {
        var contract = ActiveContract();
        var today = new DateOnly(2026, 11, 23);

        var (first, firstNotice) = contract.RecordReview(Ratings(contract, 25m, 0.9m), today, 28, "council", Now);
        var (second, secondNotice) = contract.RecordReview(Ratings(contract, 24m, 0.7m), today, 28, "council", Now);
        var (third, thirdNotice) = contract.RecordReview(Ratings(contract, 19m, 0.6m), today, 28, "council", Now);

        (first.Sequence, first.PeriodStart, first.PeriodEnd).ShouldBe((1, Start, new DateOnly(2025, 6, 30)));
        firstNotice.ShouldBeNull();
        second.Breached.ShouldBe([KpiMeasure.Caseload]);
        secondNotice!.Measures.ShouldBe([KpiMeasure.Caseload]);
        secondNotice.DueOn.ShouldBe(today.AddDays(28));
        third.Breached.ShouldBe([KpiMeasure.AssessmentTimeliness]);
        thirdNotice!.ReviewSequence.ShouldBe(3);
        contract.RemedialNotices.Count.ShouldBe(2);
    }

    [Fact]
    public void C3_a_red_then_amber_then_red_is_not_a_breach()
    {
        var contract = ActiveContract();
        var today = new DateOnly(2026, 11, 23);

        contract.RecordReview(Ratings(contract, 25m, 0.9m), today, 28, "council", Now);
        contract.RecordReview(Ratings(contract, 19m, 0.9m), today, 28, "council", Now);
        contract.RecordReview(Ratings(contract, 25m, 0.9m), today, 28, "council", Now).Notice.ShouldBeNull();
    }

    [Fact]
    public void C3_a_period_is_reviewed_only_once_it_has_ended()
    {
        var contract = ActiveContract();

        Should.Throw<ContractRuleException>(() => contract.RecordReview(Ratings(contract, 18m, 0.9m), new DateOnly(2025, 6, 30), 28, "council", Now))
            .Rule.ShouldBe("C3");
        contract.Reviews.ShouldBeEmpty();
    }

    [Fact]
    public void C4_variations_keep_the_full_history_of_who_when_what_and_why()
    {
        var contract = ActiveContract();
        var later = Now.AddDays(30);

        contract.Vary(Terms(value: 1_200_000m), "Demand rose.", "Ann Council", Now);
        contract.Vary(Terms(value: 1_200_000m, end: Start.AddYears(4).AddDays(-1), breakPoints: [Start.AddYears(2)]), "Extended a year.", "Bob Council", later);

        contract.Status.ShouldBe(ContractStatus.Varied);
        contract.Variations.Count.ShouldBe(2);
        contract.Variations[0].Changes.ShouldBe([new FieldChange { Field = "value", From = "1000000.00", To = "1200000.00" }]);
        contract.Variations[1].Changes.Select(c => c.Field).ShouldBe(["endDate", "breakPoints"]);
        (contract.Variations[1].By, contract.Variations[1].At, contract.Variations[1].Reason).ShouldBe(("Bob Council", later, "Extended a year."));
        Should.Throw<ContractRuleException>(() => contract.Vary(contract.Terms, "Nothing.", "Bob Council", later)).Rule.ShouldBe("C4");
    }
}
