using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Platform.Messaging.Events;
using Platform.ServiceDefaults.Auth;

namespace Platform.Providers.Tests;

/// <summary>A service with a new database asks to catch up; the registry announces what it holds again, at the revisions it holds.</summary>
public sealed class CatchUpTests(ProvidersFactory factory) : IClassFixture<ProvidersFactory>
{
    [Fact]
    public async Task Asked_to_catch_up_the_registry_announces_every_authority_and_every_providers_standing_again_at_its_revision()
    {
        var imported = await factory.ClientFor(Roles.Dfe).PostAsync("/api/providers/local-authorities/imports",
            new StringContent(ReferenceCsv.Of(ReferenceCsv.Doncaster, ReferenceCsv.Sandwell), Encoding.UTF8, "text/csv"));
        imported.EnsureSuccessStatusCode();
        var registered = await factory.ClientFor(Roles.Registrar).PostAsJsonAsync("/api/providers/organisations",
            new { name = "Wharfedale Fostering", type = "registered-charity", charityNumber = "5000101", scopes = new[] { "looked-after-children" }, localAuthority = "E08000017" });
        var providerId = (await registered.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var revision = await factory.QueryAsync(db => db.Organisations.Where(o => o.Id == providerId).Select(o => o.Revision).SingleAsync());
        var before = await factory.QueryAsync(db => db.OutboxMessages.MaxAsync(m => m.Sequence));

        var request = new CatchUpRequested { OccurredAt = DateTimeOffset.UtcNow, Service = "contracts" };
        await factory.PublishAsync(request);
        await Eventually.TrueAsync(() => factory.QueryAsync(db => db.InboxMessages.AnyAsync(m => m.EventId == request.EventId)), because: "the request to be handled");

        var announced = await factory.QueryAsync(db => db.OutboxMessages.AsNoTracking().Where(m => m.Sequence > before).ToListAsync());
        var authorities = announced.Where(m => m.EventType == nameof(LocalAuthorityRegistered)).Select(m => JsonDocument.Parse(m.Payload).RootElement.GetProperty("localAuthority").GetString()).ToList();
        authorities.ShouldContain("E08000017");
        authorities.ShouldContain("E08000028");
        authorities.Count.ShouldBe(await factory.QueryAsync(db => db.LocalAuthorities.CountAsync()) + await factory.QueryAsync(db => db.EndedLocalAuthorities.CountAsync()));
        var standing = announced.Where(m => m.EventType == nameof(ProviderEligibilityChanged)).Select(m => JsonDocument.Parse(m.Payload).RootElement)
            .Single(payload => payload.GetProperty("providerId").GetGuid() == providerId);
        standing.GetProperty("revision").GetInt32().ShouldBe(revision, "announced again at the revision consumers may already hold");
        (await factory.QueryAsync(db => db.Organisations.Where(o => o.Id == providerId).Select(o => o.Revision).SingleAsync())).ShouldBe(revision);
    }
}
