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

        await Platform.App.StopResourceAsync("inspections");
        try
        {
            var partial = await dfe.GetFromJsonAsync<JsonElement>($"/api/dashboard/authorities/{PlatformFixture.Coventry}/intervention");
            partial.GetProperty("judgements").GetProperty("status").GetString().ShouldBe("unavailable");
            partial.GetProperty("intervention").GetProperty("status").GetString().ShouldBe("available");
            partial.GetProperty("authority").GetProperty("status").GetString().ShouldBe("available");
        }
        finally
        {
            await Platform.App.StartResourceAsync("inspections");
        }
    }
}
