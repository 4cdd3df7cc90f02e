using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Messaging;
using Platform.Providers.Data;
using Platform.Providers.Domain.Registry;
using Platform.ServiceDefaults.Auth;

namespace Platform.Providers.Tests;

/// <summary>
/// A change at the top of a group re-decides every organisation below it, written back in bulk: an
/// approval that no longer passes is suspended, one that stands gets its new flags, each organisation
/// gets its audit line, its next revision and one event in the outbox, the answer's ETag is the organisation's new version, and a second change
/// sent with the version from before is refused and changes nothing.
/// </summary>
public sealed class ChangeOfControlTests(ProvidersFactory factory)
    : RegistryApiScenarios<ProvidersFactory>(factory), IClassFixture<ProvidersFactory>, IAsyncLifetime
{
    public Task InitializeAsync() => ImportDoncasterAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_holding_body_becoming_a_plc_is_suspended_and_everything_it_controls_flagged_in_one_change()
    {
        var holding = await ApprovedAsync("Holding Trust", "71000001", controller: null);
        var members = new List<JsonElement> { holding };
        foreach (var middle in new[] { "71000002", "71000003" })
        {
            var subsidiary = await ApprovedAsync($"Subsidiary {middle}", middle, holding);
            members.Add(subsidiary);
            members.Add(await ApprovedAsync($"Service {middle}", $"{middle[..^1]}9", subsidiary));
        }

        var ids = members.Select(member => member.GetProperty("id").GetGuid()).ToList();
        var revisionsBefore = await Factory.QueryAsync(db => db.Organisations.Where(o => ids.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Revision));
        var registrar = Factory.ClientFor(Roles.Registrar);
        var before = (await registrar.GetAsync($"/api/providers/organisations/{ids[0]}")).Headers.ETag!;

        var changeSent = DateTimeOffset.UtcNow;
        var changed = await ChangeAsync(registrar, ids[0], before, "Floated on the stock exchange.");

        changed.StatusCode.ShouldBe(HttpStatusCode.OK, await changed.Content.ReadAsStringAsync());
        var after = await registrar.GetAsync($"/api/providers/organisations/{ids[0]}");
        changed.Headers.ETag!.Tag.ShouldBe(after.Headers.ETag!.Tag);
        changed.Headers.ETag.Tag.ShouldNotBe(before.Tag);

        var stored = await Factory.QueryAsync(db => db.Organisations.AsNoTracking().Where(o => ids.Contains(o.Id)).ToListAsync());
        stored.Single(o => o.Id == ids[0]).Type.ShouldBe("plc");
        // P2: the plc itself may not do child protection; P3 (statutory policy): what it controls stays
        // approved, flagged as ultimately controlled by a profit-distributing body.
        stored.Single(o => o.Id == ids[0]).Scopes.Single().Status.ShouldBe(ApplicationStatus.Suspended);
        stored.Where(o => o.Id != ids[0]).Select(o => o.Scopes.Single()).ShouldAllBe(scope => scope.Status == ApplicationStatus.Approved && scope.Flags.Count > 0);
        stored.ShouldAllBe(o => o.Revision == revisionsBefore[o.Id] + 1);
        var audit = await Factory.QueryAsync(db => db.Audit.Where(a => ids.Contains(a.OrganisationId) && a.At >= changeSent).ToListAsync());
        audit.Select(a => a.Action).Order().ShouldBe(["changed", "re-evaluated", "re-evaluated", "re-evaluated", "re-evaluated", "suspended"]);
        var events = await Factory.QueryAsync(db => db.OutboxMessages.CountAsync(m => m.EventType.Contains("ProviderEligibilityChanged") && m.OccurredAt >= changeSent));
        events.ShouldBe(members.Count);

        var auditLines = await Factory.QueryAsync(db => db.Audit.CountAsync(a => ids.Contains(a.OrganisationId)));
        var stale = await ChangeAsync(registrar, ids[0], before, "Sent again from an old page.");
        stale.StatusCode.ShouldBe(HttpStatusCode.PreconditionFailed);
        (await Factory.QueryAsync(db => db.Audit.CountAsync(a => ids.Contains(a.OrganisationId)))).ShouldBe(auditLines);
        (await registrar.GetAsync($"/api/providers/organisations/{ids[0]}")).Headers.ETag!.Tag.ShouldBe(after.Headers.ETag!.Tag);
    }

    [Fact]
    public async Task A_bulk_write_over_a_row_another_writer_changed_since_it_was_read_is_refused_and_rolled_back()
    {
        var first = (await ApprovedAsync("Read Early Trust", "72000001", controller: null)).GetProperty("id").GetGuid();
        var second = (await ApprovedAsync("Read Late Trust", "72000002", controller: null)).GetProperty("id").GetGuid();
        await using var scope = Factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ProvidersDbContext>();
        var read = await db.Organisations.AsNoTracking().Where(o => o.Id == first || o.Id == second).ToListAsync();

        // Another writer changes the second organisation after it was read.
        await Factory.QueryAsync(async other =>
        {
            (await other.Organisations.SingleAsync(o => o.Id == second)).AssessConflict("Changed meanwhile.");
            return await other.SaveChangesAsync();
        });

        foreach (var organisation in read)
        {
            organisation.Change("ltd", null, null);
        }

        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            await Should.ThrowAsync<DbUpdateConcurrencyException>(() => db.UpdateAllAsync(read, CancellationToken.None));
        }

        var stored = await Factory.QueryAsync(check => check.Organisations.AsNoTracking().Where(o => o.Id == first || o.Id == second).ToDictionaryAsync(o => o.Id));
        stored[first].Type.ShouldBe("private-limited-guarant-nsc", "the write was rolled back for every row, not only the stale one");
        stored[second].ConflictOfInterest.ShouldBe("Changed meanwhile.");

        var fresh = stored.Values.ToList();
        fresh.ForEach(organisation => organisation.Change("ltd", null, null));
        await using (var transaction = await db.Database.BeginTransactionAsync())
        {
            await db.UpdateAllAsync(fresh, CancellationToken.None);
            await transaction.CommitAsync();
        }

        (await Factory.QueryAsync(check => check.Organisations.Where(o => o.Id == first || o.Id == second).Select(o => o.Type).ToListAsync())).ShouldAllBe(type => type == "ltd");
    }

    private async Task<JsonElement> ApprovedAsync(string name, string companyNumber, JsonElement? controller)
    {
        var organisation = await RegisterAsync(new
        {
            name, type = "private-limited-guarant-nsc", companyNumber, scopes = new[] { "child-protection" }, council = Doncaster,
            controller = controller is { } parent ? new { organisationId = parent.GetProperty("id").GetString(), votingRightsShare = 1.0 } : null,
        });
        (await DecideAsync(organisation, "child-protection", "approve")).StatusCode.ShouldBe(HttpStatusCode.OK);
        return organisation;
    }

    private static async Task<HttpResponseMessage> ChangeAsync(HttpClient client, Guid id, EntityTagHeaderValue version, string reason)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/providers/organisations/{id}/changes")
        {
            Content = JsonContent.Create(new { type = "plc", reason }),
        };
        request.Headers.IfMatch.Add(version);
        return await client.SendAsync(request);
    }
}
