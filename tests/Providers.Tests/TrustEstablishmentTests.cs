using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Platform.Messaging.Events;
using Platform.ServiceDefaults.Auth;

namespace Platform.Providers.Tests;

public sealed class TrustEstablishmentTests(ProvidersFactory factory)
    : RegistryApiScenarios<ProvidersFactory>(factory), IClassFixture<ProvidersFactory>, IAsyncLifetime
{
    public Task InitializeAsync() => ImportDoncasterAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<JsonElement> RequestedRegistrationAsync()
    {
        var requested = new TrustEstablishmentRequested { OccurredAt = DateTimeOffset.UtcNow, CaseId = Guid.NewGuid(), LocalAuthority = Doncaster, DecidedOn = new DateOnly(2026, 6, 1) };
        await Factory.PublishAsync(requested);
        return await Eventually.ReturnsAsync(async () =>
        {
            var registrations = await Factory.ClientFor(Roles.Dfe).GetFromJsonAsync<JsonElement>($"/api/providers/trust-registrations?localAuthority={Doncaster}");
            return registrations.GetProperty("items").EnumerateArray().Where(r => r.GetProperty("interventionCaseId").GetGuid() == requested.CaseId).Select(r => (JsonElement?)r).FirstOrDefault();
        }, because: "the registry to open the trust registration") ?? default;
    }

    [Fact]
    public async Task P5_a_not_for_profit_trust_approved_for_the_full_statutory_scope_starts_operating_and_trust_established_is_published()
    {
        var registration = await RequestedRegistrationAsync();
        var trust = await RegisterAsync(new
        {
            name = "Doncaster Children's Services Trust", type = "private-limited-guarant-nsc", companyNumber = "08813282",
            scopes = new[] { "child-protection", "children-in-need", "care-planning", "looked-after-children", "care-leavers" }, council = Doncaster,
        });
        foreach (var scope in new[] { "child-protection", "children-in-need", "care-planning", "looked-after-children", "care-leavers" })
        {
            (await DecideAsync(trust, scope, "approve")).StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        var established = await Factory.ClientFor(Roles.Registrar).PostAsJsonAsync(
            $"/api/providers/trust-registrations/{registration.GetProperty("id").GetString()}/establishment",
            new { trustOrganisationId = trust.GetProperty("id").GetString(), operatingFrom = "2026-10-01" });

        established.StatusCode.ShouldBe(HttpStatusCode.OK, await established.Content.ReadAsStringAsync());
        (await established.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString().ShouldBe("operating");
        await Eventually.TrueAsync(() => Factory.QueryAsync(db => db.OutboxMessages.AnyAsync(
            m => m.EventType == "TrustEstablished" && m.Payload.Contains(trust.GetProperty("id").GetString()!) && m.SentAt != null)));
    }

    [Fact]
    public async Task P5_a_trust_not_approved_for_every_statutory_scope_does_not_start_operating()
    {
        var registration = await RequestedRegistrationAsync();
        var trust = await RegisterAsync(new
        {
            name = "Half Ready Trust", type = "private-limited-guarant-nsc", companyNumber = "08813283", scopes = new[] { "child-protection" }, council = Doncaster,
        });
        await DecideAsync(trust, "child-protection", "approve");

        var refused = await Factory.ClientFor(Roles.Registrar).PostAsJsonAsync(
            $"/api/providers/trust-registrations/{registration.GetProperty("id").GetString()}/establishment",
            new { trustOrganisationId = trust.GetProperty("id").GetString(), operatingFrom = "2026-10-01" });

        var problem = await ProblemDocument.ReadAsync(refused);
        problem.Rule.ShouldBe("P5");
        problem.Detail!.ShouldContain("children-in-need");
    }
}
