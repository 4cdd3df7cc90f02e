using System.Net.Http.Json;
using System.Text.Json;
using Platform.Inspections.Domain;
using Platform.ServiceDefaults.Auth;

namespace Platform.Inspections.Tests;

/// <summary>
/// The national dashboard's latest grades are chosen in the database; these hold the choice to the
/// rule: each authority's current judgement with an overall grade, the most recently published. A
/// monitoring visit (no grade) and a corrected version are never an authority's latest grade.
/// </summary>
public sealed class LatestGradesTests(InspectionsFactory factory) : IClassFixture<InspectionsFactory>
{
    private static readonly string[] Authorities = ["E08000011", "E08000012", "E08000013", "E08000014", "E08000015", "E08000016", "E08000017"];

    [Fact]
    public async Task Each_authoritys_row_is_its_latest_current_graded_judgement_and_the_pages_add_up_to_the_whole()
    {
        var random = new Random(20261203);
        var now = DateTimeOffset.UtcNow;
        var graded = new[] { Framework.Sif, Framework.IlacsStandard, Framework.IlacsShort };
        var judgements = new List<Judgement>();
        foreach (var authority in Authorities.SkipLast(1))
        {
            foreach (var year in Enumerable.Range(2014, 11).Where(_ => random.Next(3) > 0))
            {
                var published = new DateOnly(year, random.Next(1, 13), random.Next(1, 28));
                var framework = random.Next(4) == 0 ? Framework.MonitoringVisit : graded[random.Next(graded.Length)];
                var judgement = Judgement.Record(
                    new JudgementFacts(authority, null, framework, null, null, published, framework == Framework.MonitoringVisit ? null : (Grade)random.Next(4),
                        SubJudgements.None, false, false, null),
                    "test", "tester", now);
                judgements.Add(judgement);
                if (framework != Framework.MonitoringVisit && random.Next(4) == 0)
                {
                    judgements.Add(judgement.Correct(judgement.Facts with { Overall = (Grade)random.Next(4) }, "grade mistyped", "ofsted", now));
                }
            }
        }

        // The last authority has only visits: no row at all.
        judgements.Add(Judgement.Record(
            new JudgementFacts(Authorities[^1], null, Framework.MonitoringVisit, null, null, new DateOnly(2024, 5, 1), null, SubJudgements.None, false, false, null),
            "test", "tester", now));
        await factory.QueryAsync(async db =>
        {
            db.Judgements.AddRange(judgements);
            return await db.SaveChangesAsync();
        });

        var expected = judgements.Where(j => j.IsCurrent && j.Overall is not null)
            .GroupBy(j => j.LocalAuthority)
            .Select(ofOne => ofOne.MaxBy(j => j.PublicationDate)!)
            .OrderBy(j => j.LocalAuthority, StringComparer.Ordinal)
            .Select(j => $"{j.LocalAuthority} {j.PublicationDate:yyyy-MM-dd} {j.Overall}")
            .ToList();
        expected.Count.ShouldBe(Authorities.Length - 1);

        var client = factory.ClientFor(Roles.Dfe);
        var whole = await client.GetFromJsonAsync<JsonElement>("/api/inspections/latest?pageSize=500");
        Described(whole).ShouldBe(expected);
        whole.GetProperty("total").GetInt32().ShouldBe(expected.Count);

        var paged = new List<string>();
        for (var page = 1; page <= 3; page++)
        {
            var answer = await client.GetFromJsonAsync<JsonElement>($"/api/inspections/latest?page={page}&pageSize=2");
            answer.GetProperty("total").GetInt32().ShouldBe(expected.Count);
            paged.AddRange(Described(answer));
        }

        paged.ShouldBe(expected);
    }

    private static List<string> Described(JsonElement page) =>
    [
        .. page.GetProperty("items").EnumerateArray().Select(row =>
        {
            var overall = Enum.GetValues<Grade>().Single(grade => JsonNamingPolicy.KebabCaseLower.ConvertName(grade.ToString()) == row.GetProperty("overall").GetString());
            return $"{row.GetProperty("localAuthority").GetString()} {row.GetProperty("publicationDate").GetString()} {overall}";
        }),
    ];
}
