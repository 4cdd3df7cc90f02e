using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Platform.ServiceDefaults.Auth;

namespace Platform.EndToEnd.Tests;

[Collection(nameof(WholePlatform))]
public sealed class PersistentFailureThroughTheGatewayTests(PlatformFixture fixture)
{
    private RunningPlatform Platform => fixture.Platform;

    [Fact]
    public async Task Given_a_history_where_an_authority_was_inadequate_then_good_when_imported_then_its_case_has_ended_with_the_reason()
    {
        const string History = "gss_code,la_code,name,publication_date,framework,overall,impact_of_leaders,help_and_protection,in_care,care_leavers,report\n"
            + "E08000036,384,Wakefield,2018-09-01,ILACS,inadequate,inadequate,inadequate,requires improvement,,w1.pdf\n"
            + "E08000036,384,Wakefield,2022-08-01,ILACS,good,good,good,good,good,w2.pdf\n";
        using var ofsted = Platform.Client(Roles.Ofsted);
        var imported = await ofsted.PostAsync("/api/inspections/imports", new StringContent(History, Encoding.UTF8, "text/csv"));
        imported.StatusCode.ShouldBe(HttpStatusCode.OK, Platform.RecentLog());

        using var dfe = Platform.Client(Roles.Dfe);
        var ended = await Eventually.ReturnsAsync(async () =>
        {
            var cases = await dfe.GetFromJsonAsync<JsonElement>($"/api/commissioners/cases?la={PlatformFixture.Wakefield}");
            var only = cases.GetProperty("items").EnumerateArray().FirstOrDefault();
            return only.ValueKind == JsonValueKind.Object && only.GetProperty("status").GetString() == "closed" ? (JsonElement?)only : null;
        }, TimeSpan.FromSeconds(30), "the case to have ended") ?? default;

        ended.GetProperty("closedOn").GetString().ShouldBe("2022-08-01");
        var last = ended.GetProperty("transitions").EnumerateArray().Last();
        last.GetProperty("rule").GetString().ShouldBe("T4b", "the review passed with none recorded (R3) before the good re-inspection");
        last.GetProperty("reason").GetString()!.ShouldContain("graded good");
    }

    [Fact]
    public async Task Given_a_history_of_persistent_failure_when_imported_then_the_case_goes_to_a_commissioner_and_a_new_trust_reaches_the_registry()
    {
        // Sandwell: three inadequate judgements in five years (R1 under seeds-2015), the first two each
        // followed by a re-inspection that ended its case (T4b), so the third opens a case R1 escalates.
        const string History = "gss_code,la_code,name,publication_date,framework,overall,impact_of_leaders,help_and_protection,in_care,care_leavers,report\n"
            + "E08000028,333,Sandwell,2021-06-01,ILACS,inadequate,inadequate,inadequate,requires improvement,,r2.pdf\n"
            + "E08000028,333,Sandwell,2022-06-01,ILACS,requires improvement,requires improvement,requires improvement,requires improvement,,r2b.pdf\n"
            + "E08000028,333,Sandwell,2023-06-01,ILACS,inadequate,requires improvement,inadequate,requires improvement,requires improvement,r3.pdf\n"
            + "E08000028,333,Sandwell,2024-03-01,ILACS,requires improvement,requires improvement,requires improvement,requires improvement,requires improvement,r3b.pdf\n"
            + "E08000028,333,Sandwell,2025-06-01,ILACS,inadequate,inadequate,inadequate,requires improvement,requires improvement,r4.pdf\n";
        using var ofsted = Platform.Client(Roles.Ofsted);
        var imported = await ofsted.PostAsync("/api/inspections/imports", new StringContent(History, Encoding.UTF8, "text/csv"));
        imported.StatusCode.ShouldBe(HttpStatusCode.OK, Platform.RecentLog());
        (await imported.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("added").GetInt32().ShouldBe(5);

        using var dfe = Platform.Client(Roles.Dfe);
        var interventionCase = await Eventually.ReturnsAsync(async () =>
        {
            var cases = await dfe.GetFromJsonAsync<JsonElement>($"/api/commissioners/cases?la={PlatformFixture.Sandwell}");
            var latest = cases.GetProperty("items").EnumerateArray().FirstOrDefault();
            return latest.ValueKind == JsonValueKind.Object && latest.GetProperty("status").GetString() == "commissioner-required" ? (JsonElement?)latest : null;
        }, TimeSpan.FromSeconds(30), "the case to need a commissioner") ?? default;
        interventionCase.GetProperty("explanation").GetProperty("rule").GetString().ShouldBe("R1");
        interventionCase.GetProperty("explanation").GetProperty("text").GetString()!.ShouldContain("2021-06-01, 2023-06-01, 2025-06-01");
        var id = interventionCase.GetProperty("id").GetString();

        var registered = await dfe.PostAsJsonAsync("/api/commissioners/register", new { name = "Malcolm Newsam", subject = "malcolm.newsam", expertise = new[] { "children's services" } });
        var commissionerId = (await registered.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        (await dfe.PostAsJsonAsync($"/api/commissioners/cases/{id}/appointment", new { commissionerId, directionReference = "DfE-SAN-2025", appointedOn = "2025-09-01" }))
            .StatusCode.ShouldBe(HttpStatusCode.OK);

        using var commissioner = Platform.ClientAs("malcolm.newsam", Roles.Commissioner, PlatformFixture.Sandwell);
        var dueOn = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(90).ToString("yyyy-MM-dd");
        (await commissioner.PostAsJsonAsync($"/api/commissioners/cases/{id}/directions", new { text = "Stabilise the front door.", dueOn }))
            .StatusCode.ShouldBe(HttpStatusCode.Created);

        var decided = await dfe.PostAsJsonAsync($"/api/commissioners/cases/{id}/outcome",
            new { outcome = "new-trust", reasons = "No compelling reason to keep services in council control.", decidedOn = "2026-06-01" });
        decided.StatusCode.ShouldBe(HttpStatusCode.OK);

        var registration = await Eventually.ReturnsAsync(async () =>
        {
            var registrations = (await dfe.GetFromJsonAsync<JsonElement>($"/api/providers/trust-registrations?localAuthority={PlatformFixture.Sandwell}")).GetProperty("items");
            return registrations.GetArrayLength() > 0 ? (JsonElement?)registrations[0] : null;
        }, TimeSpan.FromSeconds(30), "the registry to open the trust registration") ?? default;
        registration.GetProperty("interventionCaseId").GetString().ShouldBe(id);
        registration.GetProperty("status").GetString().ShouldBe("requested");
    }
}
