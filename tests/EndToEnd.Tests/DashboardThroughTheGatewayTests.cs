using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.ServiceDefaults.Auth;

namespace Platform.EndToEnd.Tests;

[Collection(nameof(WholePlatform))]
public sealed class DashboardThroughTheGatewayTests(PlatformFixture fixture)
{
    private RunningPlatform Platform => fixture.Platform;

    [Fact]
    public async Task An_authoritys_intervention_story_is_one_call_and_a_stopped_service_leaves_its_section_unavailable()
    {
        using var ofsted = Platform.Client(Roles.Ofsted);
        (await ofsted.PostAsJsonAsync("/api/inspections/judgements", new
        {
            localAuthority = PlatformFixture.Coventry, framework = "ilacs-standard", inspectionStartDate = "2026-02-02",
            inspectionEndDate = "2026-02-13", publicationDate = "2026-04-01", overall = "inadequate",
        })).StatusCode.ShouldBe(HttpStatusCode.Created);

        using var dfe = Platform.Client(Roles.Dfe);
        var story = await Eventually.ReturnsAsync(async () =>
        {
            var body = await dfe.GetFromJsonAsync<JsonElement>($"/api/dashboard/authorities/{PlatformFixture.Coventry}/intervention");
            return body.GetProperty("intervention").GetProperty("status").GetString() == "available" ? (JsonElement?)body : null;
        }, TimeSpan.FromSeconds(30), "the case to appear on the dashboard") ?? default;

        story.GetProperty("authority").GetProperty("data").GetProperty("name").GetString().ShouldBe("Coventry");
        story.GetProperty("judgements").GetProperty("data").GetProperty("trajectory")[0].GetProperty("overall").GetString().ShouldBe("inadequate");
        var interventionCase = story.GetProperty("intervention").GetProperty("data");
        interventionCase.GetProperty("status").GetString().ShouldBe("opened");
        interventionCase.GetProperty("improvementPlanDue").GetString().ShouldBe("2026-07-01");
        story.GetProperty("directions").GetProperty("status").GetString().ShouldBe("available");

        using var otherCouncil = Platform.Client(Roles.Council, PlatformFixture.Leeds);
        (await otherCouncil.GetAsync($"/api/dashboard/authorities/{PlatformFixture.Coventry}/intervention")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        using var ownCouncil = Platform.Client(Roles.Council, PlatformFixture.Coventry);
        (await ownCouncil.GetAsync($"/api/dashboard/authorities/{PlatformFixture.Coventry}/intervention")).StatusCode.ShouldBe(HttpStatusCode.OK);

        await Platform.StopResourceAsync("inspections");
        try
        {
            var partial = await dfe.GetFromJsonAsync<JsonElement>($"/api/dashboard/authorities/{PlatformFixture.Coventry}/intervention");
            partial.GetProperty("judgements").GetProperty("status").GetString().ShouldBe("unavailable");
            partial.GetProperty("intervention").GetProperty("status").GetString().ShouldBe("available");
            partial.GetProperty("authority").GetProperty("status").GetString().ShouldBe("available");
        }
        finally
        {
            await Platform.StartResourceAsync("inspections");
        }
    }

    [Fact]
    public async Task The_national_picture_and_an_authoritys_full_picture_join_every_service_and_survive_one_stopping()
    {
        using var dfe = Platform.Client(Roles.Dfe);
        var returns = string.Join('\n',
            "gss_code,census_year,headcount_employed,fte_employed,case_holding_fte,agency_fte,starters_fte,leavers_fte,vacancies_fte,cases_held,absence_days",
            $"{PlatformFixture.Birmingham},2024,720,700,600,210,90,143.5,175,15300,5000",
            $"{PlatformFixture.Leeds},2024,500,480,400,40,50,60,70,6000,2000",
            $"{PlatformFixture.Sandwell},2024,300,280,240,70,30,45,50,4300,900") + "\n";
        await Eventually.TrueAsync(async () =>
        {
            var imported = await dfe.PostAsync("/api/workforce/imports", new StringContent(returns, System.Text.Encoding.UTF8, "text/csv"));
            return imported.IsSuccessStatusCode && (await imported.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("rejected").GetInt32() == 0;
        }, TimeSpan.FromSeconds(30), "Workforce to know the authorities");

        var answer = await dfe.GetAsync("/api/dashboard/national");
        answer.StatusCode.ShouldBe(HttpStatusCode.OK, Platform.RecentLog(40));
        var national = await answer.Content.ReadFromJsonAsync<JsonElement>();

        national.GetProperty("sections").EnumerateObject().ShouldAllBe(section => section.Value.GetProperty("status").GetString() == "available");
        var rows = national.GetProperty("authorities").EnumerateArray().ToDictionary(row => row.GetProperty("localAuthority").GetString()!);
        new[] { PlatformFixture.Birmingham, PlatformFixture.Leeds, PlatformFixture.Sandwell, PlatformFixture.Coventry }.ShouldAllBe(gss => rows.ContainsKey(gss));
        var birmingham = rows[PlatformFixture.Birmingham].GetProperty("workforce");
        birmingham.GetProperty("measures").GetProperty("caseload").GetDecimal().ShouldBe(25.5m);
        birmingham.GetProperty("thresholdsCrossed").EnumerateArray().Select(t => t.GetProperty("measure").GetString()).ShouldContain("caseload");
        (await Platform.Client(Roles.Council, PlatformFixture.Leeds).GetAsync("/api/dashboard/national")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var headlines = national.GetProperty("headlines");
        headlines.GetProperty("authoritiesByLatestGrade").EnumerateObject().Sum(grade => grade.Value.GetInt32()).ShouldBe(rows.Count, "each authority counted once");
        headlines.GetProperty("authoritiesAboveThreshold").GetProperty("caseload").GetInt32().ShouldBeGreaterThanOrEqualTo(1, "Birmingham's caseload is 25.5");
        headlines.GetProperty("workforceThresholds").GetProperty("caseload").GetDecimal().ShouldBe(20m);

        var picture = await dfe.GetFromJsonAsync<JsonElement>($"/api/dashboard/authorities/{PlatformFixture.Birmingham}");
        picture.GetProperty("workforce").GetProperty("data").GetProperty("years")[0].GetProperty("england").GetProperty("authorities").GetInt32().ShouldBe(3);
        picture.GetProperty("contracts").GetProperty("status").GetString().ShouldBe("available");

        await Platform.StopResourceAsync("workforce");
        try
        {
            // A complete answer is served again for a few seconds (Dashboard:Freshness); then the stopped service shows.
            var partial = await Eventually.ReturnsAsync(async () =>
            {
                var body = await dfe.GetFromJsonAsync<JsonElement>("/api/dashboard/national");
                return body.GetProperty("sections").GetProperty("workforce").GetProperty("status").GetString() == "unavailable" ? (JsonElement?)body : null;
            }, TimeSpan.FromSeconds(20), "the national picture to show Workforce unavailable") ?? default;
            partial.GetProperty("sections").GetProperty("grades").GetProperty("status").GetString().ShouldBe("available");
            partial.GetProperty("authorities").GetArrayLength().ShouldBeGreaterThanOrEqualTo(4);
            var authority = await Eventually.ReturnsAsync(async () =>
            {
                var body = await dfe.GetFromJsonAsync<JsonElement>($"/api/dashboard/authorities/{PlatformFixture.Birmingham}");
                return body.GetProperty("workforce").GetProperty("status").GetString() == "unavailable" ? (JsonElement?)body : null;
            }, TimeSpan.FromSeconds(20), "the authority picture to show Workforce unavailable") ?? default;
            authority.GetProperty("authority").GetProperty("status").GetString().ShouldBe("available");
        }
        finally
        {
            await Platform.StartResourceAsync("workforce");
        }
    }
}
