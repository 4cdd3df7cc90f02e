using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Commissioners.Domain;
using Platform.Messaging.Events;
using Platform.ServiceDefaults.Auth;

namespace Platform.Commissioners.Tests;

/// <summary>Every replica runs the deadline monitor; a deadline is still raised once. On a clock of its own, which it moves.</summary>
public sealed class DeadlinesAcrossReplicasTests(ClockedCommissionersFactory factory) : IClassFixture<ClockedCommissionersFactory>, IAsyncLifetime
{
    private const string Gateshead = "E08000037";

    public Task InitializeAsync() => factory.RegisterAuthoritiesAsync((Gateshead, "390", "Gateshead"));

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Three_replicas_checking_deadlines_at_once_raise_each_deadline_once_with_the_id_of_the_fact()
    {
        var judgement = new InspectionPublished
        {
            OccurredAt = factory.Clock.GetUtcNow(),
            JudgementId = Guid.NewGuid(),
            LocalAuthority = Gateshead,
            Framework = "ilacs-standard",
            Overall = "inadequate",
            PublicationDate = DateOnly.FromDateTime(factory.Clock.GetUtcNow().UtcDateTime),
        };
        await factory.PublishAsync(judgement);
        await Eventually.TrueAsync(() => factory.QueryAsync(db => db.InboxMessages.AnyAsync(m => m.EventId == judgement.EventId)), because: "the judgement to be applied");
        var cases = await factory.ClientFor(Roles.Dfe).GetFromJsonAsync<JsonElement>($"/api/commissioners/cases?la={Gateshead}");
        var id = Guid.Parse(cases.GetProperty("items")[0].GetProperty("id").GetString()!);
        factory.Clock.Advance(TimeSpan.FromDays(100));
        var replicas = Enumerable.Range(0, 3).Select(_ => ActivatorUtilities.CreateInstance<DeadlineMonitor>(factory.Services)).ToList();

        await Task.WhenAll(replicas.SelectMany(replica => Enumerable.Range(0, 4).Select(_ => replica.CheckAsync(CancellationToken.None))));

        var raised = await factory.QueryAsync(db => db.OutboxMessages.Where(m => m.EventType == "ImprovementPlanOverdue" && m.Payload.Contains(Gateshead)).ToListAsync());
        raised.Count.ShouldBe(1);
        var due = (await factory.QueryAsync(db => db.Cases.SingleAsync(c => c.Id == id))).ImprovementPlanDue;
        raised[0].EventId.ShouldBe(FactId.Of(nameof(ImprovementPlanOverdue), id, due));
    }
}
