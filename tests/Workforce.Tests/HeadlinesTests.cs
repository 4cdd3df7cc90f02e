using Microsoft.EntityFrameworkCore;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.Messaging.Events;
using Platform.Messaging.LocalAuthorities;
using Platform.ServiceDefaults.Auth;
using Platform.Workforce.Domain;

namespace Platform.Workforce.Tests;

/// <summary>
/// The national headlines choose each authority's latest census in the database; these hold that
/// choice to the rules as <see cref="AuthorityReturns"/> applies them in memory: the latest version of
/// a return, a joint return for every authority it covers (W7), an authority's own return before a
/// joint one, no row for an authority a reorganisation ended (I3c).
/// </summary>
public sealed class HeadlinesTests(WorkforceFactory factory) : IClassFixture<WorkforceFactory>, IAsyncLifetime
{
    private static readonly string[] Current = ["E08000001", "E08000002", "E08000003", "E08000004", "E08000005", "E08000006", "E08000007", "E08000008"];
    private const string Ended = "E10000021";
    private const string UnknownToTheDirectory = "E08000009";

    public async Task InitializeAsync()
    {
        foreach (var (gss, index) in Current.Select((gss, index) => (gss, index)))
        {
            await factory.PublishAsync(new LocalAuthorityRegistered
            {
                OccurredAt = DateTimeOffset.UtcNow, LocalAuthority = gss, LaNumber = $"{350 + index}", Name = $"Authority {gss}", Region = "North West",
            });
        }

        await factory.PublishAsync(new LocalAuthorityRegistered
        {
            OccurredAt = DateTimeOffset.UtcNow, LocalAuthority = Ended, LaNumber = "928", Name = "Ended authority", Region = "East Midlands",
            EndedOn = new DateOnly(2021, 3, 31), Successors = [Current[0]],
        });
        await Eventually.TrueAsync(async () => await factory.QueryAsync(db => db.Set<KnownLocalAuthority>().CountAsync()) == Current.Length + 1);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Each_current_authoritys_row_is_the_census_the_rules_choose_and_the_pages_add_up_to_the_whole()
    {
        var random = new Random(20261203);
        var now = DateTimeOffset.UtcNow;
        var everyone = Current.Append(Ended).Append(UnknownToTheDirectory).ToArray();
        var returns = new List<WorkforceReturn>();
        foreach (var authority in everyone)
        {
            foreach (var year in Enumerable.Range(2014, 10).Where(_ => random.Next(4) > 0))
            {
                // Some years are filed jointly with another authority; some are filed again, corrected.
                var jointWith = random.Next(5) == 0 ? new[] { everyone[random.Next(everyone.Length)] }.Where(other => other != authority).ToArray() : [];
                for (var version = 1; version <= random.Next(1, 4); version++)
                {
                    returns.Add(WorkforceReturn.Submit(authority, jointWith, year, version, Figures(random), "test", now));
                }
            }
        }

        // Corrections of joint returns in the newest year: the second version counts, the first not at all,
        // whether it changed the figures or dropped an authority from the return.
        returns.Add(WorkforceReturn.Submit(Current[6], [Current[7]], 2024, 1, Figures(random), "test", now));
        returns.Add(WorkforceReturn.Submit(Current[6], [Current[7]], 2024, 2, Figures(random), "test", now));
        returns.Add(WorkforceReturn.Submit(Current[5], [Current[4]], 2024, 1, Figures(random), "test", now));
        returns.Add(WorkforceReturn.Submit(Current[5], [], 2024, 2, Figures(random), "test", now));

        await factory.QueryAsync(async db =>
        {
            db.Returns.AddRange(returns);
            return await db.SaveChangesAsync();
        });

        var expected = new AuthorityReturns(WorkforceReturn.LatestVersions(returns)).Latest()
            .Where(latest => latest.Authority != Ended)
            .OrderBy(latest => latest.Authority, StringComparer.Ordinal)
            .Select(latest => $"{latest.Authority} {latest.Return.CensusYear} v{latest.Return.Version} filed under {latest.Return.LocalAuthority} caseload {Measures.Of(latest.Return.Figures).Caseload}")
            .ToList();

        expected.ShouldContain($"{Current[7]} 2024 v2 filed under {Current[6]} caseload {Measures.Of(returns[^3].Figures).Caseload}");
        expected.ShouldNotContain(row => row.StartsWith($"{Current[4]} 2024", StringComparison.Ordinal));

        var client = factory.ClientFor(Roles.Dfe);
        var whole = await client.GetFromJsonAsync<JsonElement>("/api/workforce/headlines?pageSize=500");
        var rows = Described(whole);
        rows.ShouldBe(expected);
        rows.ShouldContain(row => row.StartsWith(UnknownToTheDirectory, StringComparison.Ordinal), "an authority the directory does not know yet is taken as current");
        whole.GetProperty("total").GetInt32().ShouldBe(expected.Count);

        var paged = new List<string>();
        for (var page = 1; page <= 4; page++)
        {
            var answer = await client.GetFromJsonAsync<JsonElement>($"/api/workforce/headlines?page={page}&pageSize=3");
            answer.GetProperty("total").GetInt32().ShouldBe(expected.Count);
            paged.AddRange(Described(answer));
        }

        paged.ShouldBe(expected);

        List<string> Described(JsonElement page) =>
        [
            .. page.GetProperty("items").EnumerateArray().Select(row =>
            {
                var gss = row.GetProperty("localAuthority").GetString()!;
                var year = row.GetProperty("censusYear").GetInt32();
                var filedUnder = row.GetProperty("jointReturn") is { ValueKind: JsonValueKind.Object } joint ? joint.GetProperty("filedUnder").GetString() : gss;
                var chosen = returns.Where(r => r.LocalAuthority == filedUnder && r.CensusYear == year).MaxBy(r => r.Version)!;
                var caseload = row.GetProperty("measures").GetProperty("caseload") is { ValueKind: JsonValueKind.Number } number ? number.GetDecimal() : (decimal?)null;
                return $"{gss} {year} v{chosen.Version} filed under {filedUnder} caseload {caseload}";
            }),
        ];
    }

    private static WorkforceFigures Figures(Random random)
    {
        var fte = random.Next(80, 800);
        return new WorkforceFigures(fte + 20, fte, fte * 0.8m, Math.Round(fte * 0.2m, 1), 10m, 12m, 5m, random.Next(500, 20_000), 100m);
    }
}
