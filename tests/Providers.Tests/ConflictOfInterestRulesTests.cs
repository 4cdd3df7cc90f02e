using Platform.Providers.Domain.Registry;

namespace Platform.Providers.Tests;

public sealed class ConflictOfInterestRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    private static Organisation Org(string name, Organisation? controller = null, params string[] roles)
    {
        var organisation = Organisation.Register(
            new OrganisationDetails(name, "ltd", null, "12345678", null, null, controller is null ? null : new ControlLink(controller.Id, 1m, false), false, roles,
                roles.Contains(ConflictsOfInterest.ProvidesPlacements) ? "SC123456" : null),
            ["looked-after-children"], null, "tester", Now);
        organisation.PlaceInGroup(controller?.GroupId ?? organisation.Id);
        return organisation;
    }

    [Fact]
    public void P4_a_placement_finder_in_the_same_group_as_a_placement_provider_is_in_conflict()
    {
        var group = Org("Holdings Ltd");
        var finder = Org("Placement Finders Ltd", group, ConflictsOfInterest.FindsPlacements);
        var homes = Org("Happy Homes Ltd", group, ConflictsOfInterest.ProvidesPlacements);

        var changed = ConflictsOfInterest.Reassess([group, finder, homes]);

        changed.ShouldBe([finder]);
        finder.ConflictOfInterest!.ShouldContain("Happy Homes Ltd");
        finder.ConflictOfInterest!.ShouldContain("(P4)");
        homes.ConflictOfInterest.ShouldBeNull();
    }

    [Fact]
    public void P4_a_finder_that_also_provides_placements_is_in_conflict_with_itself()
    {
        var both = Org("Finds And Provides Ltd", null, ConflictsOfInterest.FindsPlacements, ConflictsOfInterest.ProvidesPlacements);

        ConflictsOfInterest.Assess(both, [both])!.ShouldContain("itself");
    }

    [Fact]
    public void P4_a_finder_alone_in_its_group_is_not_in_conflict() =>
        ConflictsOfInterest.Assess(Org("Placement Finders Ltd", null, ConflictsOfInterest.FindsPlacements), []).ShouldBeNull();

    [Fact]
    public void P4_when_the_finder_is_sold_out_of_the_group_the_conflict_clears_and_when_bought_back_it_returns()
    {
        var group = Org("Holdings Ltd");
        var finder = Org("Placement Finders Ltd", group, ConflictsOfInterest.FindsPlacements);
        var homes = Org("Happy Homes Ltd", group, ConflictsOfInterest.ProvidesPlacements);
        var buyer = Org("Independent Trust Ltd");
        var registry = new[] { group, finder, homes, buyer }.ToDictionary(o => o.Id);
        ConflictsOfInterest.Reassess([group, finder, homes]);

        finder.Change("ltd", null, new ControlLink(buyer.Id, 1m, false));
        var sold = Reevaluation.AfterChange(finder.Id, registry, ControlPolicy.Statutory, "registrar", Now);

        finder.GroupId.ShouldBe(buyer.Id);
        finder.ConflictOfInterest.ShouldBeNull();
        sold.Single(change => change.Organisation == finder).Reason.ShouldContain("No longer in a conflict of interest");

        finder.Change("ltd", null, new ControlLink(group.Id, 0.75m, false));
        Reevaluation.AfterChange(finder.Id, registry, ControlPolicy.Statutory, "registrar", Now);
        finder.GroupId.ShouldBe(group.Id);
        finder.ConflictOfInterest.ShouldNotBeNull();
    }

    [Fact]
    public void P4_a_finder_bought_at_the_bottom_of_a_three_level_group_is_in_conflict_with_a_provider_at_the_top()
    {
        var top = Org("Top Holdings Ltd");
        var middle = Org("Middle Ltd", top);
        var homes = Org("Homes Ltd", top, ConflictsOfInterest.ProvidesPlacements);
        var finder = Org("Finders Ltd", null, ConflictsOfInterest.FindsPlacements);
        var registry = new[] { top, middle, finder, homes }.ToDictionary(o => o.Id);

        finder.Change("ltd", null, new ControlLink(middle.Id, null, AppointsBoard: true));
        var changes = Reevaluation.AfterChange(finder.Id, registry, ControlPolicy.Statutory, "registrar", Now);

        finder.GroupId.ShouldBe(top.Id);
        finder.ConflictOfInterest!.ShouldContain("Homes Ltd");
        changes.Select(change => change.Organisation).ShouldBe([finder]);
    }

    [Theory]
    [InlineData("SC123456", true)]
    [InlineData("1234567", true)]
    [InlineData("123456", true)]
    [InlineData("SC12345", false)]
    [InlineData("XY123456", false)]
    public void Ofsted_urns_are_SC_and_six_digits_or_six_or_seven_digits(string urn, bool valid) => OfstedRegistration.IsUrn(urn).ShouldBe(valid);
}
