using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.Security.Tests.Matrix;
using Platform.ServiceDefaults.Auth;
using Platform.Testing;
using Platform.Testing.Journeys;
using Shouldly;

namespace Platform.Security.Tests;

/// <summary>
/// Rights over another's records through the gateway: a false claim of control cannot poison a rival's group,
/// and a trust's rights over an authority's returns end when it stops running the authority's services.
/// </summary>
[Collection(nameof(Secured))]
public sealed class ObjectRightsTests(SecuredPlatform secured)
{
    private RunningPlatform Platform => secured.Platform;

    [Fact]
    public async Task A_claim_of_control_over_a_rivals_group_cannot_flag_it_with_a_conflict_until_the_registrar_verifies_it()
    {
        await secured.MatrixWorldAsync();
        using var registrar = Platform.ClientAs("rights.registrar", Roles.Registrar);
        var rivalGroup = await CreatedAsync(await registrar.PostAsJsonAsync("/api/providers/organisations",
            new { name = "Rival Fostering Group Ltd", type = "ltd", companyNumber = "81000001", scopes = new[] { "looked-after-children" } }));
        var rivalAgency = await CreatedAsync(await registrar.PostAsJsonAsync("/api/providers/organisations", new
        {
            name = "Rival Fostering Ltd", type = "ltd", companyNumber = "81000002", scopes = new[] { "looked-after-children" },
            controller = new { organisationId = rivalGroup.GetProperty("id").GetString(), votingRightsShare = 1.0 }, placementRoles = new[] { "provides-placements" }, ofstedUrn = "3234567",
        }));

        // A provider naming the rival as its subsidiary's controller is refused outright.
        var attacker = await CreatedAsync(await registrar.PostAsJsonAsync("/api/providers/organisations",
            new { name = "Placement Finders", type = "private-limited-guarant-nsc", companyNumber = "81000003", scopes = new[] { "looked-after-children" } }));
        using var provider = new HttpClient { BaseAddress = Platform.Gateway };
        provider.DefaultRequestHeaders.Authorization = new("Bearer", await Platform.TokenAsync("rights.provider", Roles.Provider, [], attacker.GetProperty("id").GetGuid()));
        (await provider.PostAsJsonAsync("/api/providers/organisations", new
        {
            name = "Finder Arm", type = "private-limited-guarant-nsc", companyNumber = "81000004", scopes = new[] { "looked-after-children" },
            placementRoles = new[] { "finds-placements" }, controller = new { organisationId = rivalGroup.GetProperty("id").GetString(), appointsBoard = true },
        })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        // A council's claim is kept, not acted on: the rival's agency stays clear of any conflict (P4).
        using var council = Platform.ClientAs("rights.council", Roles.Council, MatrixWorld.OwnAuthority);
        var claimed = await CreatedAsync(await council.PostAsJsonAsync("/api/providers/organisations", new
        {
            name = "Finder Claiming Control", type = "private-limited-guarant-nsc", companyNumber = "81000005", scopes = new[] { "looked-after-children" },
            localAuthority = MatrixWorld.OwnAuthority, placementRoles = new[] { "finds-placements" },
            controller = new { organisationId = rivalGroup.GetProperty("id").GetString(), appointsBoard = true },
        }));
        claimed.GetProperty("conflictOfInterest").ValueKind.ShouldBe(JsonValueKind.Null);
        claimed.GetProperty("claimedController").GetProperty("organisationId").GetString().ShouldBe(rivalGroup.GetProperty("id").GetString());
        var rival = await registrar.GetFromJsonAsync<JsonElement>($"/api/providers/organisations/{rivalAgency.GetProperty("id").GetString()}");
        rival.GetProperty("conflictOfInterest").ValueKind.ShouldBe(JsonValueKind.Null);
    }

    [Fact]
    public async Task A_trust_that_stops_running_an_authoritys_services_can_no_longer_submit_or_read_its_returns()
    {
        await secured.MatrixWorldAsync();
        const string Coventry = MainJourneys.Coventry;
        using var registrar = Platform.ClientAs("rights.registrar", Roles.Registrar);
        using var council = Platform.ClientAs("rights.coventry", Roles.Council, Coventry);
        var trust = await CreatedAsync(await council.PostAsJsonAsync("/api/providers/organisations", new
        {
            name = "Coventry Children's Trust", type = "private-limited-guarant-nsc", companyNumber = "82000001", scopes = MatrixWorld.TrustScope, localAuthority = Coventry,
        }));
        var trustId = trust.GetProperty("id").GetString()!;
        foreach (var scope in MatrixWorld.TrustScope)
        {
            (await registrar.PostAsJsonAsync($"/api/providers/organisations/{trustId}/decisions", new { scope, decision = "approve" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        var registration = await CreatedAsync(await council.PostAsJsonAsync("/api/providers/trust-registrations", new { localAuthority = Coventry, decidedOn = "2026-01-05" }));
        var registrationPath = $"/api/providers/trust-registrations/{registration.GetProperty("id").GetString()}";
        (await registrar.PostAsJsonAsync($"{registrationPath}/establishment", new { trustOrganisationId = trustId, operatingFrom = "2026-02-01" })).StatusCode.ShouldBe(HttpStatusCode.OK);

        using var trustClient = new HttpClient { BaseAddress = Platform.Gateway };
        trustClient.DefaultRequestHeaders.Authorization = new("Bearer", await Platform.TokenAsync("rights.trust", Roles.Provider, [], Guid.Parse(trustId)));
        object Return(int casesHeld) => new
        {
            localAuthority = Coventry, censusYear = 2026, headcountEmployed = 90, fteEmployed = 85, caseHoldingFte = 55, agencyFte = 8,
            startersFte = 6, leaversFte = 5, vacanciesFte = 4, casesHeld, absenceDays = 300,
        };
        await Eventually.TrueAsync(async () => (await trustClient.PostAsJsonAsync("/api/workforce/returns", Return(900))).IsSuccessStatusCode,
            TimeSpan.FromSeconds(30), "Workforce to let the trust submit Coventry's return");

        (await registrar.PostAsJsonAsync($"{registrationPath}/ending", new { lastDay = "2026-11-30", reason = "Services returned to the council." }))
            .StatusCode.ShouldBe(HttpStatusCode.OK);
        await Eventually.TrueAsync(async () => (await trustClient.PostAsJsonAsync("/api/workforce/returns", Return(901))).StatusCode == HttpStatusCode.Forbidden,
            TimeSpan.FromSeconds(30), "Workforce to refuse the trust once it has stopped serving");
        (await trustClient.GetAsync($"/api/workforce/returns/{Coventry}/2026")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await council.GetAsync($"/api/workforce/returns/{Coventry}/2026")).StatusCode.ShouldBe(HttpStatusCode.OK, "what the trust filed stays the authority's");
    }

    private static async Task<JsonElement> CreatedAsync(HttpResponseMessage response)
    {
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
