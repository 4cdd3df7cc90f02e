using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Platform.Messaging.Events;
using Platform.Messaging.LocalAuthorities;
using Platform.ServiceDefaults.Auth;

namespace Platform.Workforce.Tests;

/// <summary>
/// W7: DfE's workforce statistics in the layout it publishes them, with authorities and figures of the tests' own
/// making: every suppression code, a joint return, a predecessor's row, England and regional rows.
/// </summary>
public sealed class PublishedStatisticsImportTests(WorkforceFactory factory) : IClassFixture<WorkforceFactory>, IAsyncLifetime
{
    private const string Header =
        "time_period,time_identifier,geographic_level,country_code,country_name,region_code,region_name,old_la_code,new_la_code,la_name,"
        + "inpost_fte,inpost_headcount,starters_fte,starters_headcount,leavers_fte,leavers_headcount,turnover_rate_fte,turnover_rate_headcount,"
        + "agency_fte,agency_headcount,agency_rate_fte,agency_rate_headcount,agency_cover_fte,agency_cover_rate_fte,vacancy_fte,vacancy_rate_fte,"
        + "vacancy_agency_cover_rate_fte,case_holders_fte,cases,caseload_fte,working_days_lost_fte,absence_rate_fte";

    private const string Kingsmere = "E09000921";
    private const string Riverton = "E09000927";
    private const string NorthFenshire = "E06000961";
    private const string WestFenshire = "E06000962";
    private const string Fenshire = "E10000921";
    private const string Oakbridge = "E08000901";
    private const string Millbrook = "E08000902";

    /// <summary>
    /// England 2023 over the five returns: turnover 170/1000, agency 275/1275, vacancy over the four
    /// that gave vacancies 180/980 (Millbrook's is suppressed), caseload 12700/800.
    /// </summary>
    private static readonly string File = string.Join('\n',
        Header,
        Area(2023, "National", "", "", turnover: "17.0", agency: "21.6", vacancy: "18.4", caseload: "15.9"),
        Area(2023, "Regional", "E12000002", "North West", turnover: "15.0", agency: "20.0", vacancy: "16.7", caseload: "17.0"),
        Area(2023, "Regional", "E12000007", "London", turnover: "20.0", agency: "25.0", vacancy: "16.7", caseload: "16.0"),
        Area(2023, "Regional", "E13000001", "Inner London", turnover: "20.0", agency: "25.0", vacancy: "16.7", caseload: "16.0"),
        // East Midlands is published with a caseload the authorities' counts do not give (15.0): a difference to report.
        Area(2023, "Regional", "E12000004", "East Midlands", turnover: "16.3", agency: "20.0", vacancy: "20.0", caseload: "14.5"),
        Authority(2023, "E12000002", "951", Oakbridge, "Oakbridge", inpost: "100", headcount: "105", starters: "10", leavers: "15", turnover: "15.0",
            agency: "25", agencyRate: "20.0", vacancy: "20", vacancyRate: "16.7", caseHolders: "80", cases: "1200", caseload: "15.0", daysLost: "x"),
        Authority(2023, "E12000002", "952", Millbrook, "Millbrook", inpost: "200", headcount: "210", starters: "low", leavers: "30", turnover: "15.0",
            agency: "50", agencyRate: "20.0", vacancy: "z", vacancyRate: "z", caseHolders: "150", cases: "2700", caseload: "18.0", daysLost: "u"),
        Authority(2023, "E13000002", "914 / 918", $"{Kingsmere} / {Riverton}", "Kingsmere / Riverton", inpost: "300", headcount: "320",
            starters: "30", leavers: "60", turnover: "20.0", agency: "100", agencyRate: "25.0", vacancy: "60", vacancyRate: "16.7", caseHolders: "250",
            cases: "4000", caseload: "16.0", daysLost: ":"),
        Authority(2023, "E12000004", "946", NorthFenshire, "North Fenshire", inpost: "150", headcount: "160", starters: "..", leavers: "15",
            turnover: "10.0", agency: "50", agencyRate: "25.0", vacancy: "50", vacancyRate: "25.0", caseHolders: "120", cases: "1800", caseload: "15.0", daysLost: "c"),
        // West Fenshire's turnover is published as 25.0 although its counts give 20.0: a difference to report.
        Authority(2023, "E12000004", "947", WestFenshire, "West Fenshire", inpost: "250", headcount: "260", starters: "20", leavers: "50",
            turnover: "25.0", agency: "50", agencyRate: "16.7", vacancy: "50", vacancyRate: "16.7", caseHolders: "200", cases: "3000", caseload: "15.0", daysLost: "100"),
        Authority(2020, "E12000004", "948", Fenshire, "Fenshire", inpost: "380", headcount: "400", starters: "40", leavers: "57", turnover: "15.0",
            agency: "95", agencyRate: "20.0", vacancy: "95", vacancyRate: "20.0", caseHolders: "300", cases: "5400", caseload: "18.0", daysLost: "1000"),
        Authority(2022, "E12000002", "951", Oakbridge, "Oakbridge", inpost: "many", headcount: "105", starters: "10", leavers: "15", turnover: "15.0",
            agency: "25", agencyRate: "20.0", vacancy: "20", vacancyRate: "16.7", caseHolders: "80", cases: "1200", caseload: "15.0", daysLost: "0"),
        "2023,Reporting year,Ward,E92000001,England,,,,,,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1,1") + "\n";

    public async Task InitializeAsync()
    {
        foreach (var (gss, number, name, region, endedOn, successors) in new (string, string, string, string, DateOnly?, string[])[]
                 {
                     (Kingsmere, "914", "Kingsmere", "London", null, []), (Riverton, "918", "Riverton", "London", null, []),
                     (NorthFenshire, "946", "North Fenshire", "East Midlands", null, []),
                     (WestFenshire, "947", "West Fenshire", "East Midlands", null, []),
                     (Fenshire, "948", "Fenshire", "East Midlands", new DateOnly(2021, 3, 31), [NorthFenshire, WestFenshire]),
                     (Oakbridge, "951", "Oakbridge", "North West", null, []), (Millbrook, "952", "Millbrook", "North West", null, []),
                 })
        {
            await factory.PublishAsync(new LocalAuthorityRegistered
            {
                OccurredAt = DateTimeOffset.UtcNow, LocalAuthority = gss, LaNumber = number, Name = name, Region = region, EndedOn = endedOn, Successors = successors,
            });
        }

        // Every test of the class starts with this: the same trust each time, so it is announced, not multiplied.
        var trust = new Guid("0b1e5a4c-7d2f-4c61-9a8e-3f5d2c1b0a97");
        foreach (var served in new[] { Kingsmere, Riverton })
        {
            await factory.PublishAsync(new TrustEstablished
            {
                OccurredAt = DateTimeOffset.UtcNow, ProviderId = trust, Name = "Thamesbank Children's Trust", LocalAuthority = served, OperatingFrom = new DateOnly(2014, 4, 1),
            });
        }

        await Eventually.TrueAsync(async () =>
            await factory.QueryAsync(db => db.Set<KnownLocalAuthority>().CountAsync()) == 7 && await factory.QueryAsync(db => db.Trusts.CountAsync()) == 2);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_published_file_stores_the_returns_with_suppressed_values_missing_and_reports_what_differs_from_the_platform()
    {
        var first = await ImportAsync(File);
        var second = await ImportAsync(File);

        first.GetProperty("layout").GetString().ShouldBe("dfe-published");
        // Each test of the class imports the file, in an order of xUnit's choosing: the first import of the run adds the six returns.
        (first.GetProperty("added").GetInt32() + first.GetProperty("unchanged").GetInt32()).ShouldBe(6);
        var errors = first.GetProperty("errors").EnumerateArray().ToDictionary(e => e.GetProperty("line").GetInt32(), Reason);
        errors.Keys.ShouldBe([13, 14]);
        errors[13].ShouldContain("inpost_fte: 'many'");
        errors[14].ShouldContain("'Ward'");
        var differences = first.GetProperty("differences").EnumerateArray()
            .Select(d => (Area: d.GetProperty("area").GetString(), Measure: d.GetProperty("measure").GetString(), Published: d.GetProperty("published").GetDecimal(), Platform: d.GetProperty("platform").GetDecimal()))
            .ToList();
        differences.ShouldBe([("E12000004", "caseload", 14.5m, 15.0m), (WestFenshire, "turnover-rate", 25.0m, 20.0m)], ignoreOrder: true);
        first.GetProperty("notes").EnumerateArray().ShouldContain(note => note.GetProperty("line").GetInt32() == 5 && note.GetProperty("note").GetString()!.Contains("not compared"));
        second.GetProperty("added").GetInt32().ShouldBe(0);
        second.GetProperty("unchanged").GetInt32().ShouldBe(6);

        var millbrook = await factory.QueryAsync(db => db.Returns.SingleAsync(r => r.LocalAuthority == Millbrook));
        millbrook.Figures.StartersFte.ShouldBeNull();
        millbrook.Figures.VacanciesFte.ShouldBeNull();
        millbrook.Figures.AbsenceDays.ShouldBeNull();
        millbrook.Figures.VacancyRate.ShouldBeNull();
        millbrook.Figures.Caseload.ShouldBe(18m);
        (await factory.QueryAsync(db => db.Returns.Where(r => r.LocalAuthority != Millbrook).Select(r => r.Figures.AbsenceDays).ToListAsync()))
            .Count(days => days is null).ShouldBe(3, "x, : and c are each missing; 100 and 1000 are figures");
    }

    [Fact]
    public async Task England_from_the_stored_returns_equals_the_published_England_row()
    {
        await ImportAsync(File);

        var national = await factory.ClientFor(Roles.Dfe).GetFromJsonAsync<JsonElement>("/api/workforce/national");
        var england = national.GetProperty("items").EnumerateArray().Single(year => year.GetProperty("censusYear").GetInt32() == 2023);
        england.GetProperty("authorities").GetInt32().ShouldBe(5, "the joint return is one return");
        var measures = england.GetProperty("measures");
        Percent(measures, "turnoverRate").ShouldBe(17.0m);
        Percent(measures, "agencyRate").ShouldBe(21.6m);
        Percent(measures, "vacancyRate").ShouldBe(18.4m);
        Math.Round(measures.GetProperty("caseload").GetDecimal(), 1).ShouldBe(15.9m);
    }

    [Fact]
    public async Task A_joint_return_is_stored_once_and_is_each_authoritys_census_as_the_trusts_joint_return()
    {
        await ImportAsync(File);

        var stored = await factory.QueryAsync(db => db.Returns.Where(r => r.CensusYear == 2023 && (r.LocalAuthority == Kingsmere || r.LocalAuthority == Riverton)).ToListAsync());
        stored.ShouldHaveSingleItem().JointWith.ShouldBe([Riverton]);

        var client = factory.ClientFor(Roles.Dfe);
        var rivertonsReturn = await client.GetFromJsonAsync<JsonElement>($"/api/workforce/returns/{Riverton}/2023");
        rivertonsReturn.GetProperty("localAuthority").GetString().ShouldBe(Kingsmere);
        var trend = await client.GetFromJsonAsync<JsonElement>($"/api/workforce/authorities/{Riverton}/trends");
        var joint = trend.GetProperty("years").EnumerateArray().Single().GetProperty("jointReturn");
        joint.GetProperty("trust").GetString().ShouldBe("Thamesbank Children's Trust");
        joint.GetProperty("localAuthorities").EnumerateArray().Select(a => a.GetProperty("name").GetString()).ShouldBe(["Kingsmere", "Riverton"]);

        var headlines = await client.GetFromJsonAsync<JsonElement>("/api/workforce/headlines");
        var rows = headlines.GetProperty("items").EnumerateArray().ToDictionary(h => h.GetProperty("localAuthority").GetString()!);
        rows[Kingsmere].GetProperty("jointReturn").GetProperty("filedUnder").GetString().ShouldBe(Kingsmere);
        rows[Riverton].GetProperty("jointReturn").GetProperty("filedUnder").GetString().ShouldBe(Kingsmere);
        rows.ShouldNotContainKey(Fenshire, "an ended authority is no row of today's table");
    }

    [Fact]
    public async Task A_predecessors_row_is_stored_against_it_and_shown_on_each_successors_trend_as_its()
    {
        await ImportAsync(File);

        (await factory.QueryAsync(db => db.Returns.SingleAsync(r => r.CensusYear == 2020))).LocalAuthority.ShouldBe(Fenshire);
        var trend = await factory.ClientFor(Roles.Dfe).GetFromJsonAsync<JsonElement>($"/api/workforce/authorities/{WestFenshire}/trends");
        var years = trend.GetProperty("years").EnumerateArray().ToList();
        years.Select(y => y.GetProperty("censusYear").GetInt32()).ShouldBe([2020, 2023]);
        years[0].GetProperty("predecessor").GetProperty("name").GetString().ShouldBe("Fenshire");
        years[0].GetProperty("authority").GetProperty("caseload").GetDecimal().ShouldBe(18m);
        years[1].GetProperty("predecessor").ValueKind.ShouldBe(JsonValueKind.Null);
    }

    private async Task<JsonElement> ImportAsync(string csv)
    {
        var response = await factory.ClientFor(Roles.Dfe).PostAsync("/api/workforce/imports", new StringContent(csv, Encoding.UTF8, "text/csv"));
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        response.IsSuccessStatusCode.ShouldBeTrue(body.ToString());
        return body;
    }

    private static string Reason(JsonElement error) => error.GetProperty("reason").GetString()!;

    private static decimal Percent(JsonElement measures, string name) => Math.Round(measures.GetProperty(name).GetDecimal() * 100, 1, MidpointRounding.AwayFromZero);

    private static string Area(int year, string level, string regionCode, string regionName, string turnover, string agency, string vacancy, string caseload) =>
        $"{year},Reporting year,{level},E92000001,England,{regionCode},{regionName},,,,1000,1100,x,x,170,x,{turnover},x,275,x,{agency},x,x,x,180,{vacancy},x,800,12700,{caseload},x,x";

    private static string Authority(
        int year, string regionCode, string laNumber, string gss, string name, string inpost, string headcount, string starters, string leavers, string turnover,
        string agency, string agencyRate, string vacancy, string vacancyRate, string caseHolders, string cases, string caseload, string daysLost) =>
        $"{year},Reporting year,Local authority,E92000001,England,{regionCode},Region,{laNumber},{gss},{name},{inpost},{headcount},{starters},x,{leavers},x,{turnover},x,"
        + $"{agency},x,{agencyRate},x,x,x,{vacancy},{vacancyRate},x,{caseHolders},{cases},{caseload},{daysLost},x";
}
