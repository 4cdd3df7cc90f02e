using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Platform.ServiceDefaults.Auth;

namespace Platform.Providers.Tests;

/// <summary>
/// Who may say what on the registry: a provider registers only what it controls, on no council's behalf;
/// control claimed by a council or provider over another organisation waits for the registrar, so a false
/// claim cannot pull a rival's group into a conflict of interest (P3, P4).
/// </summary>
public sealed class ControlClaimsTests(ProvidersFactory factory)
    : RegistryApiScenarios<ProvidersFactory>(factory), IClassFixture<ProvidersFactory>, IAsyncLifetime
{
    public Task InitializeAsync() => ImportDoncasterAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_provider_registers_an_organisation_it_controls_and_nothing_else()
    {
        var parent = await RegisterAsync(new { name = "Northern Care Foundation", type = "registered-charity", charityNumber = "6100001", scopes = new[] { "looked-after-children" } });
        var parentId = parent.GetProperty("id").GetGuid();
        var rival = await RegisterAsync(new { name = "Rival Care Foundation", type = "registered-charity", charityNumber = "6100002", scopes = new[] { "looked-after-children" } });
        var provider = Factory.ClientForProvider(parentId);

        var subsidiary = await provider.PostAsJsonAsync("/api/providers/organisations", new
        {
            name = "Northern Care Homes", type = "private-limited-guarant-nsc", companyNumber = "61000001", scopes = new[] { "looked-after-children" },
            controller = new { organisationId = parentId, votingRightsShare = 1.0 },
        });
        subsidiary.StatusCode.ShouldBe(HttpStatusCode.Created, await subsidiary.Content.ReadAsStringAsync());
        (await subsidiary.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("groupId").GetGuid().ShouldBe(parentId, "control by the caller itself needs no verification");

        object[] refused =
        [
            new { name = "Standalone Ltd", type = "ltd", companyNumber = "61000002", scopes = new[] { "looked-after-children" } },
            new { name = "Rival Homes", type = "private-limited-guarant-nsc", companyNumber = "61000003", scopes = new[] { "looked-after-children" }, controller = new { organisationId = rival.GetProperty("id").GetGuid(), votingRightsShare = 1.0 } },
            new { name = "Council Homes", type = "private-limited-guarant-nsc", companyNumber = "61000004", scopes = new[] { "looked-after-children" }, controller = new { organisationId = parentId, votingRightsShare = 1.0 }, localAuthority = Doncaster },
        ];
        foreach (var body in refused)
        {
            (await provider.PostAsJsonAsync("/api/providers/organisations", body)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        }

        (await Factory.QueryAsync(db => db.Organisations.CountAsync(o => o.Name == "Standalone Ltd" || o.Name == "Rival Homes" || o.Name == "Council Homes"))).ShouldBe(0);
    }

    [Fact]
    public async Task A_claim_of_control_over_a_rivals_group_flags_nothing_until_the_registrar_verifies_it()
    {
        // A group that provides placements; a placement finder claiming to be in it would put both in conflict (P4).
        var group = await RegisterAsync(new { name = "Harbour Fostering Group Ltd", type = "ltd", companyNumber = "62000001", scopes = new[] { "looked-after-children" } });
        var groupId = group.GetProperty("id").GetString();
        var provider = await RegisterAsync(new
        {
            name = "Harbour Fostering Ltd", type = "ltd", companyNumber = "62000002", scopes = new[] { "looked-after-children" },
            controller = new { organisationId = groupId, votingRightsShare = 1.0 }, placementRoles = new[] { "provides-placements" }, ofstedUrn = "2234567",
        });

        var claimed = await Factory.ClientFor(Roles.Council, Doncaster).PostAsJsonAsync("/api/providers/organisations", new
        {
            name = "Harbour Placements", type = "private-limited-guarant-nsc", companyNumber = "62000003", scopes = new[] { "looked-after-children" },
            localAuthority = Doncaster, placementRoles = new[] { "finds-placements" }, controller = new { organisationId = groupId, appointsBoard = true },
        });
        claimed.StatusCode.ShouldBe(HttpStatusCode.Created, await claimed.Content.ReadAsStringAsync());
        var finder = await claimed.Content.ReadFromJsonAsync<JsonElement>();
        var finderId = finder.GetProperty("id").GetString();
        finder.GetProperty("claimedController").GetProperty("organisationId").GetString().ShouldBe(groupId);
        finder.GetProperty("groupId").GetString().ShouldBe(finderId, "an unverified claim leaves it in a group of its own");
        finder.GetProperty("conflictOfInterest").ValueKind.ShouldBe(JsonValueKind.Null);
        var rival = await Factory.ClientFor(Roles.Registrar).GetFromJsonAsync<JsonElement>($"/api/providers/organisations/{provider.GetProperty("id").GetString()}");
        rival.GetProperty("conflictOfInterest").ValueKind.ShouldBe(JsonValueKind.Null, "the claimed group is untouched");
        (await Factory.QueryAsync(db => db.Audit.CountAsync(a => a.Action == "control-claimed" && a.OrganisationId == Guid.Parse(finderId!)))).ShouldBe(1);

        var verified = await Factory.ClientFor(Roles.Registrar).PostAsJsonAsync($"/api/providers/organisations/{finderId}/changes", new
        {
            type = "private-limited-guarant-nsc", controller = new { organisationId = groupId, appointsBoard = true }, reason = "Control verified at Companies House.",
        });
        verified.StatusCode.ShouldBe(HttpStatusCode.OK);
        var settled = await verified.Content.ReadFromJsonAsync<JsonElement>();
        settled.GetProperty("claimedController").ValueKind.ShouldBe(JsonValueKind.Null);
        settled.GetProperty("groupId").GetString().ShouldBe(groupId);
        settled.GetProperty("conflictOfInterest").GetString()!.ShouldContain("Harbour Fostering Ltd");
    }
}
