using Platform.Providers.Domain.Registry;

namespace Platform.Providers.Tests;

public sealed class RegistryRulesTests
{
    private static RegistryEntry Org(string name, string type, string? subtype = null, RegistryEntry? controller = null, decimal? share = 0.6m, bool board = false, bool adoption = false) =>
        new(Guid.NewGuid(), name, type, subtype, controller is null ? null : new ControlLink(controller.Id, share, board), adoption);

    private static IReadOnlyList<RegistryEntry> Chain(RegistryEntry start, params RegistryEntry[] others)
    {
        var all = others.Append(start).ToDictionary(entry => entry.Id);
        return ControlChain.Follow(start, id => all.GetValueOrDefault(id));
    }

    [Theory]
    [InlineData("12345678", true)]
    [InlineData("SC123456", true)]
    [InlineData("NI012345", true)]
    [InlineData("OC301234", true)]
    [InlineData("1234567", false)]
    [InlineData("S1234567", false)]
    [InlineData("sc123456", false)]
    public void P1_company_numbers_are_eight_digits_or_two_letters_and_six_digits(string number, bool valid) =>
        LegalForm.IsCompanyNumber(number).ShouldBe(valid);

    [Theory]
    [InlineData("123456", true)]
    [InlineData("1234567", true)]
    [InlineData("12345", false)]
    [InlineData("12345678", false)]
    public void P1_charity_numbers_are_six_or_seven_digits(string number, bool valid) => LegalForm.IsCharityNumber(number).ShouldBe(valid);

    [Theory]
    [InlineData("ltd", null, true)]
    [InlineData("plc", null, true)]
    [InlineData("llp", null, true)]
    [InlineData("private-limited-guarant-nsc", null, false)]
    [InlineData("ltd", "community-interest-company", false)]
    [InlineData("registered-charity", null, false)]
    [InlineData("registered-society", null, false)]
    public void P1_which_forms_distribute_profit(string type, string? subtype, bool profit) => LegalForm.IsProfitDistributing(type, subtype).ShouldBe(profit);

    [Fact]
    public void P2_a_charity_is_eligible_for_child_protection_and_a_company_limited_by_shares_is_not()
    {
        EligibilityRules.Decide(Chain(Org("Barnardo's", "registered-charity")), "child-protection", ControlPolicy.Statutory).Eligible.ShouldBeTrue();

        var company = EligibilityRules.Decide(Chain(Org("CareCo Ltd", "ltd")), "child-protection", ControlPolicy.Statutory);
        company.Eligible.ShouldBeFalse();
        company.Rule.ShouldBe("P2");
        company.Reason.ShouldContain("SI 2014/2407");
    }

    [Fact]
    public void P2_relevant_care_functions_go_to_any_body_corporate_but_not_to_a_sole_trader()
    {
        EligibilityRules.Decide(Chain(Org("CareCo Ltd", "ltd")), "looked-after-children", ControlPolicy.Strict).Eligible.ShouldBeTrue();
        EligibilityRules.Decide(Chain(Org("J. Smith", "sole-trader")), "care-leavers", ControlPolicy.Statutory).Eligible.ShouldBeFalse();
    }

    [Fact]
    public void P2_independent_reviewing_is_never_delegated_and_adoption_only_to_an_adoption_society()
    {
        EligibilityRules.Decide(Chain(Org("Charity", "registered-charity")), "independent-reviewing-officer", ControlPolicy.Statutory).Eligible.ShouldBeFalse();
        EligibilityRules.Decide(Chain(Org("Charity", "registered-charity")), "adoption", ControlPolicy.Statutory).Eligible.ShouldBeFalse();
        EligibilityRules.Decide(Chain(Org("Adopt Society", "registered-charity", adoption: true)), "adoption", ControlPolicy.Statutory).Eligible.ShouldBeTrue();
    }

    [Fact]
    public void P3_a_cic_controlled_by_a_ltd_is_flagged_under_statutory_and_refused_under_strict()
    {
        var group = Org("Private Group Ltd", "ltd");
        var cic = Org("Care CIC", "ltd", "community-interest-company", group);

        var statutory = EligibilityRules.Decide(Chain(cic, group), "child-protection", ControlPolicy.Statutory);
        var strict = EligibilityRules.Decide(Chain(cic, group), "child-protection", ControlPolicy.Strict);

        statutory.Eligible.ShouldBeTrue();
        statutory.Flags.ShouldContain(EligibilityRules.NotForProfitArmFlag);
        strict.Eligible.ShouldBeFalse();
        strict.Rule.ShouldBe("P3");
        strict.Chain.Count.ShouldBe(2);
    }

    [Fact]
    public void P3_control_is_followed_three_levels_up_to_the_ultimate_controller()
    {
        var plc = Org("Holdings plc", "plc");
        var charityParent = Org("Foundation", "registered-charity", controller: plc, share: null, board: true);
        var guarantee = Org("Services Ltd by guarantee", "private-limited-guarant-nsc", controller: charityParent, share: 0.75m);

        var chain = Chain(guarantee, charityParent, plc);
        chain.Select(entry => entry.Name).ShouldBe(["Services Ltd by guarantee", "Foundation", "Holdings plc"]);
        var decision = EligibilityRules.Decide(chain, "children-in-need", ControlPolicy.Strict);
        decision.Eligible.ShouldBeFalse();
        decision.Reason.ShouldContain("Holdings plc");
    }

    [Fact]
    public void P3_a_minority_share_without_board_rights_is_not_control()
    {
        var plc = Org("Holdings plc", "plc");
        var charity = Org("Charity", "registered-charity", controller: plc, share: 0.3m);

        Chain(charity, plc).ShouldHaveSingleItem();
        EligibilityRules.Decide(Chain(charity, plc), "child-protection", ControlPolicy.Strict).Eligible.ShouldBeTrue();
    }

    [Fact]
    public void P3_a_control_chain_that_comes_back_on_itself_is_refused()
    {
        var aId = Guid.NewGuid();
        var bId = Guid.NewGuid();
        var a = new RegistryEntry(aId, "A", "private-limited-guarant-nsc", null, new ControlLink(bId, 1m, false));
        var b = new RegistryEntry(bId, "B", "private-limited-guarant-nsc", null, new ControlLink(aId, 1m, false));
        var all = new Dictionary<Guid, RegistryEntry> { [aId] = a, [bId] = b };

        var cycle = Should.Throw<ControlCycleException>(() => ControlChain.Follow(a, id => all.GetValueOrDefault(id)));

        cycle.Message.ShouldContain("A → B → A");
    }
}
