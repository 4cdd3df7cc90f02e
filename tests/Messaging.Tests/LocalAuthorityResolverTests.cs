using Platform.Messaging.LocalAuthorities;

namespace Platform.Messaging.Tests;

/// <summary>I3c: the authority a published row means, from either code, old or current.</summary>
public sealed class LocalAuthorityResolverTests
{
    private static readonly LocalAuthorityResolver Resolver = new(
    [
        Current("E06000060", "825", "Buckinghamshire"),
        Current("E06000063", "942", "Cumberland"),
        Current("E06000064", "943", "Westmorland and Furness"),
        Current("E08000025", "330", "Birmingham"),
        Current("E06000058", "839", "Bournemouth, Christchurch and Poole"),
        Ended("E10000002", "825", "Buckinghamshire County Council", new DateOnly(2020, 3, 31), "E06000060"),
        Ended("E10000006", "909", "Cumbria", new DateOnly(2023, 3, 31), "E06000063", "E06000064"),
        Ended("E06000028", "837", "Bournemouth", new DateOnly(2019, 3, 31), "E06000058"),
    ]);

    [Fact]
    public void Codes_that_agree_on_a_current_authority_name_it_without_a_note()
    {
        var resolution = Resolver.Resolve("E08000025", "330", new DateOnly(2024, 1, 1));

        resolution.LocalAuthority.ShouldBe("E08000025");
        resolution.Note.ShouldBeNull();
        resolution.Error.ShouldBeNull();
    }

    [Theory]
    [InlineData("E08000025", null)]
    [InlineData(null, "330")]
    public void Either_code_alone_names_the_authority(string? gss, string? laNumber) =>
        Resolver.Resolve(gss, laNumber).LocalAuthority.ShouldBe("E08000025");

    [Fact]
    public void An_ended_authority_named_for_a_day_before_its_end_is_that_authority()
    {
        var resolution = Resolver.Resolve("E10000002", "825", new DateOnly(2018, 6, 1));

        resolution.LocalAuthority.ShouldBe("E10000002");
        resolution.Note.ShouldBeNull();
    }

    [Fact]
    public void An_old_code_on_a_row_dated_after_the_change_is_read_as_the_successor_that_kept_the_la_number()
    {
        var resolution = Resolver.Resolve("E10000002", "825", new DateOnly(2023, 5, 1));

        resolution.LocalAuthority.ShouldBe("E06000060");
        resolution.Note!.ShouldContain("ended on 2020-03-31");
        resolution.Note!.ShouldContain("Buckinghamshire (E06000060");
    }

    [Theory]
    [InlineData("942", "E06000063")]
    [InlineData("943", "E06000064")]
    public void When_the_codes_disagree_the_la_number_of_a_current_authority_wins_and_the_row_says_so(string laNumber, string expected)
    {
        var resolution = Resolver.Resolve("E10000006", laNumber, new DateOnly(2024, 3, 1));

        resolution.LocalAuthority.ShouldBe(expected);
        resolution.Note!.ShouldContain("The codes disagree");
        resolution.Note!.ShouldContain("the LA number is used");
    }

    [Fact]
    public void Two_current_authorities_named_by_the_two_codes_resolve_to_the_la_number()
    {
        var resolution = Resolver.Resolve("E08000025", "942");

        resolution.LocalAuthority.ShouldBe("E06000063");
        resolution.Note!.ShouldContain("Birmingham (E08000025");
    }

    [Fact]
    public void An_ended_authority_with_several_successors_needs_the_row_to_say_which()
    {
        var resolution = Resolver.Resolve("E10000006", null, new DateOnly(2024, 3, 1));

        resolution.LocalAuthority.ShouldBeNull();
        resolution.Error!.ShouldContain("E06000063, E06000064");
    }

    [Fact]
    public void A_predecessor_named_by_its_own_la_number_alone_is_found()
    {
        Resolver.Resolve(null, "837", new DateOnly(2017, 1, 1)).LocalAuthority.ShouldBe("E06000028");
        Resolver.Resolve(null, "837", new DateOnly(2020, 1, 1)).LocalAuthority.ShouldBe("E06000058");
    }

    [Theory]
    [InlineData("E06999999", null, "'E06999999' is not a registered local authority.")]
    [InlineData(null, "999", "LA number '999' is not a registered local authority.")]
    [InlineData(null, null, "Neither a GSS code nor an LA number identifies the authority.")]
    [InlineData(" ", "", "Neither a GSS code nor an LA number identifies the authority.")]
    public void A_row_naming_no_known_authority_is_refused_with_the_reason(string? gss, string? laNumber, string error)
    {
        var resolution = Resolver.Resolve(gss, laNumber);

        resolution.LocalAuthority.ShouldBeNull();
        resolution.Error.ShouldBe(error);
    }

    [Fact]
    public void An_unknown_la_number_beside_a_known_gss_code_is_noted()
    {
        var resolution = Resolver.Resolve("E08000025", "999");

        resolution.LocalAuthority.ShouldBe("E08000025");
        resolution.Note!.ShouldContain("LA number 999 is not known");
    }

    private static KnownLocalAuthority Current(string gss, string laNumber, string name) =>
        new() { Gss = gss, LaNumber = laNumber, Name = name, Region = "Somewhere" };

    private static KnownLocalAuthority Ended(string gss, string laNumber, string name, DateOnly endedOn, params string[] successors) =>
        new() { Gss = gss, LaNumber = laNumber, Name = name, Region = "Somewhere", EndedOn = endedOn, Successors = [.. successors] };
}
