using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Platform.ServiceDefaults.Auth;
using Shouldly;

namespace Platform.Testing.Journeys;

/// <summary>
/// The platform's main journeys through the gateway, each with the results it must give: the end-to-end
/// suite runs them on one instance of every service, the resilience suite on three, and both expect the same.
/// Each journey uses authorities of its own, so they run on one platform in any order, once each.
/// </summary>
public static class MainJourneys
{
    public const string Header = "gss_code,la_code,name,region_code,region_name,la_type,population_0_25,stat_neighbours";
    public const string Birmingham = "E08000025";
    public const string Leeds = "E08000035";
    public const string Sandwell = "E08000028";
    public const string Coventry = "E08000026";
    public const string Wakefield = "E08000036";

    private const string HistoryHeader = "gss_code,la_code,name,publication_date,framework,overall,impact_of_leaders,help_and_protection,in_care,care_leavers,report\n";

    /// <summary>The journeys' authorities, loaded through the registry and known by every service.</summary>
    public static Task ImportAuthoritiesAsync(RunningPlatform platform) =>
        platform.ImportAuthoritiesAsync(
            string.Join('\n',
                Header,
                $"{Birmingham},330,Birmingham,WM,West Midlands,Metropolitan District,432811,892 352 380 391 353 889 373 806 852 355",
                $"{Leeds},383,Leeds,YH,Yorkshire and the Humber,Metropolitan District,200000,373 372 370 371 392 350 352 353 354 355",
                $"{Sandwell},333,Sandwell,WM,West Midlands,Metropolitan District,117233,332 373 391 380 352 886 830 812 356 330",
                $"{Coventry},331,Coventry,WM,West Midlands,Metropolitan District,120000,330 333 373 391 380 352 886 830 812 356",
                $"{Wakefield},384,Wakefield,YH,Yorkshire and the Humber,Metropolitan District,90000,383 373 370 371 392 350 352 353 354 355") + "\n",
            Birmingham, Leeds, Sandwell, Coventry, Wakefield);

    /// <summary>Ofsted records an inadequate judgement for Birmingham; DfE sees the case it opens, the council its own only.</summary>
    public static async Task InadequateJudgementOpensACaseAsync(RunningPlatform platform)
    {
        // Published at the start of last month, so its deadlines lie ahead and no monitor moves the case on mid-journey.
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var published = new DateOnly(today.Year, today.Month, 1).AddMonths(-1);
        using var ofsted = platform.Client(Roles.Ofsted);
        var recorded = await ofsted.PostAsJsonAsync("/api/inspections/judgements", new
        {
            localAuthority = Birmingham,
            framework = "ilacs-standard",
            inspectionStartDate = Iso(published.AddDays(-49)),
            inspectionEndDate = Iso(published.AddDays(-38)),
            publicationDate = Iso(published),
            overall = "inadequate",
        });
        recorded.StatusCode.ShouldBe(HttpStatusCode.Created, platform.RecentLog());
        var judgementId = (await recorded.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();

        using var dfe = platform.Client(Roles.Dfe);
        var interventionCase = await Eventually.ReturnsAsync(async () =>
        {
            var cases = await dfe.GetFromJsonAsync<JsonElement>($"/api/commissioners/cases?la={Birmingham}");
            return cases.GetProperty("total").GetInt32() > 0 ? (JsonElement?)cases.GetProperty("items")[0] : null;
        }, TimeSpan.FromSeconds(30), "the intervention case") ?? default;

        interventionCase.GetProperty("triggeringJudgementId").GetString().ShouldBe(judgementId);
        interventionCase.GetProperty("status").GetString().ShouldBe("opened");
        interventionCase.GetProperty("improvementPlanDue").GetString().ShouldBe(Iso(published.AddMonths(3)));
        interventionCase.GetProperty("progressReviewDue").GetString().ShouldBe(Iso(published.AddMonths(6)));

        // The council sees its own case, and is refused another authority's.
        using var birmingham = platform.Client(Roles.Council, Birmingham);
        (await birmingham.GetAsync($"/api/commissioners/cases?la={Birmingham}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await birmingham.GetAsync($"/api/commissioners/cases?la={Leeds}")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    /// <summary>Wakefield's history, inadequate then good: its case ended on the good re-inspection, after R3 had applied.</summary>
    public static async Task ImprovedHistoryEndsItsCaseAsync(RunningPlatform platform)
    {
        const string History = HistoryHeader
            + "E08000036,384,Wakefield,2018-09-01,ILACS,inadequate,inadequate,inadequate,requires improvement,,w1.pdf\n"
            + "E08000036,384,Wakefield,2022-08-01,ILACS,good,good,good,good,good,w2.pdf\n";
        using var ofsted = platform.Client(Roles.Ofsted);
        var imported = await ofsted.PostAsync("/api/inspections/imports", new StringContent(History, Encoding.UTF8, "text/csv"));
        imported.StatusCode.ShouldBe(HttpStatusCode.OK, platform.RecentLog());

        using var dfe = platform.Client(Roles.Dfe);
        var ended = await Eventually.ReturnsAsync(async () =>
        {
            var cases = await dfe.GetFromJsonAsync<JsonElement>($"/api/commissioners/cases?la={Wakefield}");
            var only = cases.GetProperty("items").EnumerateArray().FirstOrDefault();
            return only.ValueKind == JsonValueKind.Object && only.GetProperty("status").GetString() == "closed" ? (JsonElement?)only : null;
        }, TimeSpan.FromSeconds(30), "the case to have ended") ?? default;

        ended.GetProperty("closedOn").GetString().ShouldBe("2022-08-01");
        var last = ended.GetProperty("transitions").EnumerateArray().Last();
        last.GetProperty("rule").GetString().ShouldBe("T4b", "the review passed with none recorded (R3) before the good re-inspection");
        last.GetProperty("reason").GetString()!.ShouldContain("graded good");
    }

    /// <summary>
    /// Sandwell: three inadequate judgements in five years (R1 under seeds-2015), the first two each followed
    /// by a re-inspection that ended its case (T4b), so the third opens a case R1 escalates; a commissioner is
    /// appointed, gives a direction, and a new trust is decided, which opens a registration in the registry.
    /// </summary>
    public static async Task PersistentFailureReachesTheRegistryAsync(RunningPlatform platform)
    {
        const string History = HistoryHeader
            + "E08000028,333,Sandwell,2021-06-01,ILACS,inadequate,inadequate,inadequate,requires improvement,,r2.pdf\n"
            + "E08000028,333,Sandwell,2022-06-01,ILACS,requires improvement,requires improvement,requires improvement,requires improvement,,r2b.pdf\n"
            + "E08000028,333,Sandwell,2023-06-01,ILACS,inadequate,requires improvement,inadequate,requires improvement,requires improvement,r3.pdf\n"
            + "E08000028,333,Sandwell,2024-03-01,ILACS,requires improvement,requires improvement,requires improvement,requires improvement,requires improvement,r3b.pdf\n"
            + "E08000028,333,Sandwell,2025-06-01,ILACS,inadequate,inadequate,inadequate,requires improvement,requires improvement,r4.pdf\n";
        using var ofsted = platform.Client(Roles.Ofsted);
        var imported = await ofsted.PostAsync("/api/inspections/imports", new StringContent(History, Encoding.UTF8, "text/csv"));
        imported.StatusCode.ShouldBe(HttpStatusCode.OK, platform.RecentLog());
        (await imported.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("added").GetInt32().ShouldBe(5);

        using var dfe = platform.Client(Roles.Dfe);
        var interventionCase = await Eventually.ReturnsAsync(async () =>
        {
            var cases = await dfe.GetFromJsonAsync<JsonElement>($"/api/commissioners/cases?la={Sandwell}");
            var latest = cases.GetProperty("items").EnumerateArray().FirstOrDefault();
            return latest.ValueKind == JsonValueKind.Object && latest.GetProperty("status").GetString() == "commissioner-required" ? (JsonElement?)latest : null;
        }, TimeSpan.FromSeconds(30), "the case to need a commissioner") ?? default;
        interventionCase.GetProperty("explanation").GetProperty("rule").GetString().ShouldBe("R1");
        interventionCase.GetProperty("explanation").GetProperty("text").GetString()!.ShouldContain("2021-06-01, 2023-06-01, 2025-06-01");
        var id = interventionCase.GetProperty("id").GetString();

        var registered = await dfe.PostAsJsonAsync("/api/commissioners/register", new { name = "Sandwell Commissioner", subject = "sandwell.commissioner", expertise = new[] { "children's services" } });
        var commissionerId = (await registered.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        (await dfe.PostAsJsonAsync($"/api/commissioners/cases/{id}/appointment", new { commissionerId, directionReference = "DfE-SAN-2025", appointedOn = "2025-09-01" }))
            .StatusCode.ShouldBe(HttpStatusCode.OK);

        using var commissioner = platform.ClientAs("sandwell.commissioner", Roles.Commissioner, Sandwell);
        var dueOn = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(90).ToString("yyyy-MM-dd");
        (await commissioner.PostAsJsonAsync($"/api/commissioners/cases/{id}/directions", new { text = "Stabilise the front door.", dueOn }))
            .StatusCode.ShouldBe(HttpStatusCode.Created);

        var decided = await dfe.PostAsJsonAsync($"/api/commissioners/cases/{id}/outcome",
            new { outcome = "new-trust", reasons = "No compelling reason to keep services in council control.", decidedOn = "2026-06-01" });
        decided.StatusCode.ShouldBe(HttpStatusCode.OK);

        var registration = await Eventually.ReturnsAsync(async () =>
        {
            var registrations = (await dfe.GetFromJsonAsync<JsonElement>($"/api/providers/trust-registrations?localAuthority={Sandwell}")).GetProperty("items");
            return registrations.GetArrayLength() > 0 ? (JsonElement?)registrations[0] : null;
        }, TimeSpan.FromSeconds(30), "the registry to open the trust registration") ?? default;
        registration.GetProperty("interventionCaseId").GetString().ShouldBe(id);
        registration.GetProperty("status").GetString().ShouldBe("requested");
    }

    /// <summary>
    /// Leeds registers a charity and a company for child protection: the registrar approves the charity
    /// and refuses the company (P2); Contracts refuses an award to the company (C2) on its own read model,
    /// awards the charity's contract, two red reviews make a breach, and a change of the charity's legal
    /// form in the registry reaches the contract within seconds.
    /// </summary>
    public static async Task ForProfitBanHoldsThroughContractsAsync(RunningPlatform platform)
    {
        using var council = platform.Client(Roles.Council, Leeds);
        using var registrar = platform.Client(Roles.Registrar);
        using var dfe = platform.Client(Roles.Dfe);

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
        // The council's claim of control waits for the registrar, who verifies it against Companies House.
        cic.GetProperty("claimedController").GetProperty("organisationId").GetString().ShouldBe(group.GetProperty("id").GetString());
        (await registrar.PostAsJsonAsync($"/api/providers/organisations/{cic.GetProperty("id").GetString()}/changes", new
        {
            type = "ltd", subtype = "community-interest-company", controller = new { organisationId = group.GetProperty("id").GetString(), votingRightsShare = 1.0 },
            reason = "Control verified at Companies House.",
        })).StatusCode.ShouldBe(HttpStatusCode.OK);
        var flagged = await registrar.PostAsJsonAsync($"/api/providers/organisations/{cic.GetProperty("id").GetString()}/decisions", new { scope = "child-protection", decision = "approve" });
        flagged.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await flagged.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("flags").EnumerateArray().Select(f => f.GetString()).ShouldContain("not-for-profit-arm-of-private-group");

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

    private static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

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
}
