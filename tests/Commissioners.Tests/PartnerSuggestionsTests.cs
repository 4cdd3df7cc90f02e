using Platform.Commissioners.Domain;
using Platform.Messaging.LocalAuthorities;

namespace Platform.Commissioners.Tests;

public sealed class PartnerSuggestionsTests
{
    private static KnownLocalAuthority Authority(string gss, string number, string name, string region, params string[] neighbours) =>
        new() { Gss = gss, LaNumber = number, Name = name, Region = region, StatisticalNeighbours = [.. neighbours] };

    private static JudgementRecord Latest(string gss, string overall, string published) => new()
    {
        JudgementId = Guid.NewGuid(), LocalAuthority = gss, Framework = "ilacs-standard", Overall = overall, PublicationDate = DateOnly.Parse(published),
    };

    private static readonly KnownLocalAuthority Sandwell = Authority("E08000028", "333", "Sandwell", "West Midlands", "332", "373", "391", "380");
    private static readonly KnownLocalAuthority Dudley = Authority("E08000027", "332", "Dudley", "West Midlands");
    private static readonly KnownLocalAuthority Sheffield = Authority("E08000019", "373", "Sheffield", "Yorkshire and the Humber");
    private static readonly KnownLocalAuthority Newcastle = Authority("E08000021", "391", "Newcastle", "North East");
    private static readonly KnownLocalAuthority Bradford = Authority("E08000032", "380", "Bradford", "Yorkshire and the Humber");
    private static readonly KnownLocalAuthority Walsall = Authority("E08000030", "335", "Walsall", "West Midlands");
    private static readonly KnownLocalAuthority Solihull = Authority("E08000029", "334", "Solihull", "West Midlands");
    private static readonly KnownLocalAuthority[] All = [Sandwell, Dudley, Sheffield, Newcastle, Bradford, Walsall, Solihull];

    [Fact]
    public void T6_statistical_neighbours_rated_good_or_better_come_first_in_published_order_then_the_region()
    {
        var latest = new Dictionary<string, JudgementRecord>
        {
            [Dudley.Gss] = Latest(Dudley.Gss, "good", "2023-01-01"),
            [Sheffield.Gss] = Latest(Sheffield.Gss, "outstanding", "2024-01-01"),
            [Newcastle.Gss] = Latest(Newcastle.Gss, "requires-improvement", "2024-01-01"),
            [Bradford.Gss] = Latest(Bradford.Gss, "outstanding", "2024-01-01"),
            [Walsall.Gss] = Latest(Walsall.Gss, "good", "2024-06-01"),
            [Solihull.Gss] = Latest(Solihull.Gss, "outstanding", "2022-01-01"),
            [Sandwell.Gss] = Latest(Sandwell.Gss, "outstanding", "2020-01-01"),
        };

        var ranked = PartnerSuggestions.Rank(Sandwell, All, latest, new HashSet<string> { Bradford.Gss });

        ranked.Select(s => s.Name).ShouldBe(["Dudley", "Sheffield", "Solihull", "Walsall"]);
        ranked[0].Reason.ShouldContain("statistical neighbour 1 of Sandwell");
        ranked[1].Reason.ShouldContain("statistical neighbour 2");
        ranked[2].Reason.ShouldContain("same region");
        ranked.ShouldAllBe(s => s.LatestGrade == "good" || s.LatestGrade == "outstanding");
    }

    [Fact]
    public void T6_an_authority_without_a_graded_judgement_is_not_suggested() =>
        PartnerSuggestions.Rank(Sandwell, All, new Dictionary<string, JudgementRecord>(), new HashSet<string>()).ShouldBeEmpty();
}
