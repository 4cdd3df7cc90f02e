using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Platform.Messaging.Events;
using Platform.ServiceDefaults.Auth;

namespace Platform.Workforce.Tests;

public sealed class ImportsAndTrendsTests(WorkforceFactory factory) : IClassFixture<WorkforceFactory>, IAsyncLifetime
{
    private const string Header = "gss_code,census_year,headcount_employed,fte_employed,case_holding_fte,agency_fte,starters_fte,leavers_fte,vacancies_fte,cases_held,absence_days";
    private const string Barnsley = "E08000016";
    private const string Doncaster = "E08000017";
    private const string Rotherham = "E08000018";
    private const string Wakefield = "E08000036";

    public async Task InitializeAsync()
    {
        // Barnsley's statistical neighbours, by LA number: Doncaster, Rotherham (Wakefield is not one of them here).
        foreach (var (gss, number, name, neighbours) in new[]
                 {
                     (Barnsley, "370", "Barnsley", new[] { "371", "372" }), (Doncaster, "371", "Doncaster", new[] { "370" }),
                     (Rotherham, "372", "Rotherham", new[] { "370" }), (Wakefield, "384", "Wakefield", new[] { "370" }),
                 })
        {
            await factory.PublishAsync(new LocalAuthorityRegistered
            {
                OccurredAt = DateTimeOffset.UtcNow, LocalAuthority = gss, LaNumber = number, Name = name, Region = "YH", StatisticalNeighbours = neighbours,
            });
        }

        await Eventually.TrueAsync(() => factory.QueryAsync(db => db.Set<Platform.Messaging.LocalAuthorities.KnownLocalAuthority>().CountAsync()).ContinueWith(t => t.Result >= 4));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private Task<HttpResponseMessage> ImportAsync(string csv) =>
        factory.ClientFor(Roles.Dfe).PostAsync("/api/workforce/imports", new StringContent(csv, Encoding.UTF8, "text/csv"));

    private static string Row(string gss, int year, int cases, decimal agency = 50m, decimal leavers = 40m) =>
        $"{gss},{year},320,300,250,{agency},30,{leavers},60,{cases},1200";

    [Fact]
    public async Task An_import_stores_valid_rows_names_bad_ones_by_line_and_a_second_import_changes_nothing()
    {
        var csv = string.Join('\n', Header,
            Row(Barnsley, 2022, 4000), Row(Doncaster, 2022, 4500), Row(Rotherham, 2022, 5500), Row(Wakefield, 2022, 6000),
            "E08000999,2022,1,1,1,0,0,0,0,1,0", $"{Barnsley},2022,1,1,1,0,0,0,0,1,0", $"{Doncaster},2099,1,1,1,0,0,0,0,1,0", $"{Rotherham},2023,1,-1,1,0,0,0,0,1,0") + "\n";

        var first = await (await ImportAsync(csv)).Content.ReadFromJsonAsync<JsonElement>();
        var second = await (await ImportAsync(csv)).Content.ReadFromJsonAsync<JsonElement>();

        first.GetProperty("added").GetInt32().ShouldBe(4);
        first.GetProperty("rejected").GetInt32().ShouldBe(4);
        first.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("line").GetInt32()).ShouldBe([6, 7, 8, 9]);
        first.GetProperty("errors")[1].GetProperty("reason").GetString()!.ShouldContain("Repeats");
        second.GetProperty("added").GetInt32().ShouldBe(0);
        second.GetProperty("unchanged").GetInt32().ShouldBe(4);
        (await factory.QueryAsync(db => db.Returns.CountAsync(r => r.CensusYear == 2022))).ShouldBe(4);
    }

    [Fact]
    public async Task A_header_without_the_columns_is_a_400_naming_them() =>
        (await ProblemDocument.ReadAsync(await ImportAsync("la,year\nE08000016,2022\n"))).Errors!["file"][0].ShouldContain("census_year");

    [Fact]
    public async Task Trends_compare_each_year_with_the_neighbours_median_and_England()
    {
        var csv = string.Join('\n', Header,
            Row(Barnsley, 2020, 5000), Row(Doncaster, 2020, 4000), Row(Rotherham, 2020, 6000), Row(Wakefield, 2020, 9000),
            Row(Barnsley, 2021, 4500)) + "\n";
        (await ImportAsync(csv)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var trend = await factory.ClientFor(Roles.Dfe).GetFromJsonAsync<JsonElement>($"/api/workforce/authorities/{Barnsley}/trends");

        trend.GetProperty("statisticalNeighbours").EnumerateArray().Select(n => n.GetString()).ShouldBe([Doncaster, Rotherham]);
        var year2020 = trend.GetProperty("years").EnumerateArray().Single(y => y.GetProperty("censusYear").GetInt32() == 2020);
        year2020.GetProperty("authority").GetProperty("caseload").GetDecimal().ShouldBe(20m);
        year2020.GetProperty("neighbours").GetProperty("measures").GetProperty("caseload").GetDecimal().ShouldBe(20m);
        year2020.GetProperty("neighbours").GetProperty("authorities").GetInt32().ShouldBe(2);
        year2020.GetProperty("england").GetProperty("measures").GetProperty("caseload").GetDecimal().ShouldBe(24m);
        year2020.GetProperty("england").GetProperty("authorities").GetInt32().ShouldBe(4);
        // Caseloads 20 (Barnsley), 16 (Doncaster), 24 (Rotherham): Barnsley is second lowest of the three.
        var caseloadRank = year2020.GetProperty("neighbourRanks").EnumerateArray().Single(rank => rank.GetProperty("measure").GetString() == "caseload");
        (caseloadRank.GetProperty("rank").GetInt32(), caseloadRank.GetProperty("of").GetInt32()).ShouldBe((2, 3));
        trend.GetProperty("years").EnumerateArray().Select(y => y.GetProperty("censusYear").GetInt32()).ShouldContain(2021);

        var national = await factory.ClientFor(Roles.Dfe).GetFromJsonAsync<JsonElement>("/api/workforce/national");
        national.GetProperty("items").EnumerateArray().Single(y => y.GetProperty("censusYear").GetInt32() == 2020).GetProperty("measures").GetProperty("caseload").GetDecimal().ShouldBe(24m);
    }

    [Fact]
    public async Task W6_a_return_crossing_a_threshold_raises_the_event_once_and_a_correction_keeps_the_history()
    {
        var council = factory.ClientFor(Roles.Council, Wakefield);
        object Return(int cases) => new
        {
            localAuthority = Wakefield, censusYear = 2019, headcountEmployed = 320, fteEmployed = 300m, caseHoldingFte = 250m, agencyFte = 50m,
            startersFte = 30m, leaversFte = 40m, vacanciesFte = 60m, casesHeld = cases, absenceDays = 0m,
        };

        (await council.PostAsJsonAsync("/api/workforce/returns", Return(6000))).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await council.PostAsJsonAsync("/api/workforce/returns", Return(6100))).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await council.PostAsJsonAsync("/api/workforce/returns", Return(6100))).StatusCode.ShouldBe(HttpStatusCode.OK);

        var versions = await council.GetFromJsonAsync<JsonElement>($"/api/workforce/returns/{Wakefield}/2019/versions");
        versions.GetProperty("items").EnumerateArray().Select(v => v.GetProperty("figures").GetProperty("casesHeld").GetInt32()).ShouldBe([6000, 6100]);
        var breaches = await factory.QueryAsync(db => db.OutboxMessages.Where(m => m.EventType == "WorkforceThresholdBreached" && m.Payload.Contains(Wakefield) && m.Payload.Contains("\"censusYear\":2019")).ToListAsync());
        breaches.Count.ShouldBe(1);
        breaches[0].Payload.ShouldContain("caseload");
    }

    [Fact]
    public async Task The_trust_that_runs_an_authoritys_services_submits_its_returns_no_other_trust_may_and_its_rights_end_with_its_service()
    {
        var trust = Guid.NewGuid();
        await factory.PublishAsync(new TrustEstablished
        {
            OccurredAt = DateTimeOffset.UtcNow, ProviderId = trust, Name = "Doncaster Children's Services Trust", LocalAuthority = Doncaster, OperatingFrom = new DateOnly(2014, 10, 1),
        });
        await Eventually.TrueAsync(() => factory.QueryAsync(db => db.Trusts.AnyAsync(t => t.ProviderId == trust)));
        object Return() => new
        {
            localAuthority = Doncaster, censusYear = 2018, headcountEmployed = 320, fteEmployed = 300m, caseHoldingFte = 250m, agencyFte = 50m,
            startersFte = 30m, leaversFte = 40m, vacanciesFte = 60m, casesHeld = 4000, absenceDays = 0m,
        };

        (await factory.ClientForProvider(trust).PostAsJsonAsync("/api/workforce/returns", Return())).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await factory.ClientForProvider(Guid.NewGuid()).PostAsJsonAsync("/api/workforce/returns", Return())).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await factory.ClientForProvider(trust).GetAsync($"/api/workforce/authorities/{Doncaster}/trends")).StatusCode.ShouldBe(HttpStatusCode.OK);

        // P5: its rights over the authority's returns end with its last day of service.
        await factory.PublishAsync(new TrustServiceEnded
        {
            OccurredAt = DateTimeOffset.UtcNow, ProviderId = trust, LocalAuthority = Doncaster, LastDay = new DateOnly(2020, 3, 31), Reason = "Returned to the council.",
        });
        await Eventually.TrueAsync(() => factory.QueryAsync(db => db.Trusts.AnyAsync(t => t.ProviderId == trust && t.ServedUntil != null)));
        (await factory.ClientForProvider(trust).PostAsJsonAsync("/api/workforce/returns", Return())).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await factory.ClientForProvider(trust).GetAsync($"/api/workforce/returns/{Doncaster}/2018")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await factory.ClientForProvider(trust).GetAsync($"/api/workforce/authorities/{Doncaster}/trends")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await factory.ClientFor(Roles.Council, Doncaster).GetAsync($"/api/workforce/returns/{Doncaster}/2018")).StatusCode.ShouldBe(HttpStatusCode.OK, "the return it filed stays the authority's");
    }

    [Fact]
    public async Task W1_a_return_may_give_contracted_hours_and_the_service_derives_the_fte()
    {
        var council = factory.ClientFor(Roles.Council, Rotherham);
        var response = await council.PostAsJsonAsync("/api/workforce/returns", new
        {
            localAuthority = Rotherham, censusYear = 2017, headcountEmployed = 320, standardWeeklyHours = 37m, employedContractedHours = 11100m,
            caseHoldingContractedHours = 9250m, agencyContractedHours = 1850m, startersFte = 30m, leaversFte = 45m, vacanciesFte = 60m, casesHeld = 4000,
        });

        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var figures = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("figures");
        figures.GetProperty("fteEmployed").GetDecimal().ShouldBe(300m);
        figures.GetProperty("caseHoldingFte").GetDecimal().ShouldBe(250m);
        figures.GetProperty("agencyFte").GetDecimal().ShouldBe(50m);

        var both = await ProblemDocument.ReadAsync(await council.PostAsJsonAsync("/api/workforce/returns", new
        {
            localAuthority = Rotherham, censusYear = 2016, headcountEmployed = 320, fteEmployed = 300m, employedContractedHours = 11100m, caseHoldingContractedHours = 9250m,
            agencyFte = 50m, startersFte = 30m, leaversFte = 45m, vacanciesFte = 60m, casesHeld = 4000,
        }));
        both.Errors!.Keys.ShouldBe(["employedContractedHours", "standardWeeklyHours"], ignoreOrder: true);
        (await factory.QueryAsync(db => db.Returns.CountAsync(r => r.LocalAuthority == Rotherham && r.CensusYear == 2016))).ShouldBe(0);
    }
}
