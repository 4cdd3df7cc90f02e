using System.Net.Http.Json;
using System.Text.Json;
using Platform.Commissioners.Domain;
using Platform.ServiceDefaults.Auth;

namespace Platform.Commissioners.Tests;

/// <summary>
/// The national dashboard's case summary chooses each authority's latest case in the database; these
/// hold the choice to the rule (the case of the most recently published judgement, the later opened on
/// a tie) and check that the deadlines it has missed are still worked out by the case itself.
/// </summary>
public sealed class CaseSummaryTests(CommissionersFactory factory) : IClassFixture<CommissionersFactory>
{
    private static readonly string[] Authorities = ["E06000001", "E06000002", "E06000003", "E06000004", "E06000005"];

    [Fact]
    public async Task Each_authoritys_row_is_its_latest_case_with_its_missed_deadlines_and_the_pages_add_up_to_the_whole()
    {
        var random = new Random(20261203);
        var opened = DateTimeOffset.UtcNow.AddYears(-12);
        var cases = new List<InterventionCase>();
        foreach (var authority in Authorities)
        {
            foreach (var year in Enumerable.Range(2012, 12).Where(_ => random.Next(3) == 0).DefaultIfEmpty(2015))
            {
                var judgement = Judgements.AllInadequate($"{year}-{random.Next(1, 13):00}-01");
                judgement.LocalAuthority = authority;
                var interventionCase = InterventionCase.Open(authority, judgement, InterventionPolicy.Seeds2015, opened.AddDays(cases.Count));
                if (random.Next(2) == 0)
                {
                    interventionCase.CloseOnImprovement("Judged good since.", "test", opened.AddDays(cases.Count));
                }

                cases.Add(interventionCase);
            }
        }

        await factory.QueryAsync(async db =>
        {
            db.Cases.AddRange(cases);
            return await db.SaveChangesAsync();
        });

        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var expected = cases.GroupBy(c => c.LocalAuthority)
            .Select(ofOne => ofOne.OrderByDescending(c => c.JudgementPublished).ThenByDescending(c => c.OpenedAt).First())
            .OrderBy(c => c.LocalAuthority, StringComparer.Ordinal)
            .Select(c => $"{c.LocalAuthority} {c.Id} overdue [{string.Join(' ', c.OverdueDeadlines(today))}]")
            .ToList();
        expected.ShouldContain(row => row.Contains("improvement-plan", StringComparison.Ordinal), "an open case long past its deadlines is among them");

        var client = factory.ClientFor(Roles.Dfe);
        var whole = await client.GetFromJsonAsync<JsonElement>("/api/commissioners/summary?pageSize=500");
        Described(whole).ShouldBe(expected);
        whole.GetProperty("total").GetInt32().ShouldBe(Authorities.Length);

        var paged = new List<string>();
        for (var page = 1; page <= 3; page++)
        {
            var answer = await client.GetFromJsonAsync<JsonElement>($"/api/commissioners/summary?page={page}&pageSize=2");
            answer.GetProperty("total").GetInt32().ShouldBe(Authorities.Length);
            paged.AddRange(Described(answer));
        }

        paged.ShouldBe(expected);
    }

    private static List<string> Described(JsonElement page) =>
    [
        .. page.GetProperty("items").EnumerateArray().Select(row =>
            $"{row.GetProperty("localAuthority").GetString()} {row.GetProperty("caseId").GetGuid()} overdue [{string.Join(' ', row.GetProperty("overdue").EnumerateArray().Select(d => d.GetString()))}]"),
    ];
}
