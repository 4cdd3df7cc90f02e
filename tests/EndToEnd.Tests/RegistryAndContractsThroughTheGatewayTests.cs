using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.ServiceDefaults.Auth;

namespace Platform.EndToEnd.Tests;

/// <summary>The for-profit ban and contract oversight across the registry and Contracts, through the gateway only.</summary>
[Collection(nameof(WholePlatform))]
public sealed class RegistryAndContractsThroughTheGatewayTests(PlatformFixture fixture)
{
    private const string Leeds = PlatformFixture.Leeds;

    private RunningPlatform Platform => fixture.Platform;

    private static async Task<JsonElement> CreatedAsync(HttpResponseMessage response)
    {
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static object Contract(string providerId, string title) => new
    {
        localAuthority = Leeds,
        providerId,
        title,
        scopes = new[] { "child-protection" },
        value = 4_500_000m,
        startDate = "2025-04-01",
        endDate = "2028-03-31",
        kpis = new object[] { new { measure = "caseload", target = 18, amberMargin = 2 }, new { measure = "agency-rate", target = 0.2 } },
        reviewCadence = "quarterly",
    };

    [Fact]
    public async Task Council_registers_a_charity_and_a_company_then_the_ban_holds_through_award_and_the_charitys_contract_goes_to_breach()
    {
        using var council = Platform.Client(Roles.Council, Leeds);
        using var registrar = Platform.Client(Roles.Registrar);
        using var dfe = Platform.Client(Roles.Dfe);

        // The registry: a charity and a company limited by shares apply for child protection.
        var charity = await CreatedAsync(await council.PostAsJsonAsync("/api/providers/organisations",
            new { name = "Leeds Family Trust", type = "registered-charity", charityNumber = "1180001", scopes = new[] { "child-protection" }, council = Leeds }));
        var company = await CreatedAsync(await council.PostAsJsonAsync("/api/providers/organisations",
            new { name = "Leeds Care Ltd", type = "ltd", companyNumber = "12340001", scopes = new[] { "child-protection" }, council = Leeds }));
        var charityId = charity.GetProperty("id").GetString()!;
        var companyId = company.GetProperty("id").GetString()!;

        (await registrar.PostAsJsonAsync($"/api/providers/organisations/{charityId}/decisions", new { scope = "child-protection", decision = "approve" }))
            .StatusCode.ShouldBe(HttpStatusCode.OK);
        var refused = await ProblemDocument.ReadAsync(
            await registrar.PostAsJsonAsync($"/api/providers/organisations/{companyId}/decisions", new { scope = "child-protection", decision = "approve" }));
        refused.Rule.ShouldBe("P2");
        var rejected = await registrar.PostAsJsonAsync($"/api/providers/organisations/{companyId}/decisions",
            new { scope = "child-protection", decision = "reject", reason = "A profit-distributing company (P2)." });
        (await rejected.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("scopes")[0].GetProperty("rule").GetString().ShouldBe("P2");

        // A CIC controlled by a ltd: allowed and flagged under the platform's default (statutory) policy.
        var group = await CreatedAsync(await council.PostAsJsonAsync("/api/providers/organisations",
            new { name = "Yorkshire Care Group Ltd", type = "ltd", companyNumber = "12340002", scopes = new[] { "looked-after-children" }, council = Leeds }));
        var cic = await CreatedAsync(await council.PostAsJsonAsync("/api/providers/organisations", new
        {
            name = "Yorkshire Futures CIC", type = "ltd", subtype = "community-interest-company", companyNumber = "12340003", scopes = new[] { "child-protection" }, council = Leeds,
            controller = new { organisationId = group.GetProperty("id").GetString(), votingRightsShare = 1.0 },
        }));
        var flagged = await registrar.PostAsJsonAsync($"/api/providers/organisations/{cic.GetProperty("id").GetString()}/decisions", new { scope = "child-protection", decision = "approve" });
        flagged.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await flagged.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("flags").EnumerateArray().Select(f => f.GetString()).ShouldContain("not-for-profit-arm-of-private-group");

        // Contracts: an award to the rejected company fails with C2, on Contracts' own read model.
        var companyContract = await Eventually.ReturnsAsync(async () =>
        {
            var response = await council.PostAsJsonAsync("/api/contracts", Contract(companyId, "Leeds Care Ltd child protection"));
            return response.StatusCode == HttpStatusCode.Created ? response.Headers.Location : null;
        }, TimeSpan.FromSeconds(30), "Contracts to know Leeds");
        var awardToCompany = await Eventually.ReturnsAsync(async () =>
        {
            var response = await council.PostAsync($"{companyContract}/award", null);
            return response.StatusCode == HttpStatusCode.Conflict ? await ProblemDocument.ReadAsync(response) : null;
        }, TimeSpan.FromSeconds(30), "Contracts to learn the company's standing");
        awardToCompany!.Rule.ShouldBe("C2");
        awardToCompany.Detail!.ShouldContain("not approved for child-protection");

        // The charity's contract is awarded, starts, and two red reviews make a breach.
        var contract = await CreatedAsync(await council.PostAsJsonAsync("/api/contracts", Contract(charityId, "Leeds Family Trust child protection")));
        var location = $"/api/contracts/{contract.GetProperty("id").GetString()}";
        await Eventually.TrueAsync(async () => (await council.PostAsync($"{location}/award", null)).StatusCode == HttpStatusCode.OK,
            TimeSpan.FromSeconds(30), "the award once Contracts knows the charity's approval");
        (await council.PostAsync($"{location}/activation", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var red = new { figures = new object[] { new { measure = "caseload", value = 26 }, new { measure = "agency-rate", value = 0.15 } } };
        (await council.PostAsJsonAsync($"{location}/reviews", red)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var breach = await council.PostAsJsonAsync($"{location}/reviews", red);
        breach.StatusCode.ShouldBe(HttpStatusCode.OK);
        var breached = await breach.Content.ReadFromJsonAsync<JsonElement>();
        breached.GetProperty("remedialNotices").EnumerateArray().Single().GetProperty("measures").EnumerateArray().Select(m => m.GetString()).ShouldBe(["caseload"]);

        var ocds = await dfe.GetFromJsonAsync<JsonElement>($"{location}/ocds");
        var release = ocds.GetProperty("releases")[0];
        release.GetProperty("tag").EnumerateArray().Select(t => t.GetString()).ShouldBe(["contract", "implementation"]);
        release.GetProperty("contracts")[0].GetProperty("implementation").GetProperty("milestones").EnumerateArray()
            .Count(m => m.GetProperty("status").GetString() == "notMet").ShouldBe(2);

        // A suspension in the registry reaches the contract within seconds.
        var stopwatch = Stopwatch.StartNew();
        (await registrar.PostAsJsonAsync($"/api/providers/organisations/{charityId}/changes", new { type = "ltd", reason = "Converted to a company limited by shares." }))
            .StatusCode.ShouldBe(HttpStatusCode.OK);
        await Eventually.TrueAsync(async () =>
        {
            var read = await council.GetFromJsonAsync<JsonElement>(location);
            return !read.GetProperty("provider").GetProperty("approvedForEveryScope").GetBoolean();
        }, TimeSpan.FromSeconds(10), "the suspension to reach Contracts");
        stopwatch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(10));
    }
}
