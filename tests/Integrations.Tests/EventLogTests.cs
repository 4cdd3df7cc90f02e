using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Integrations.EventLog;
using Platform.Messaging.Events;

namespace Platform.Integrations.Tests;

/// <summary>Every integration event reaches the log once, as a CloudEvents 1.0 document, at a position that follows commit order.</summary>
public sealed class EventLogTests(IntegrationsFactory factory) : IClassFixture<IntegrationsFactory>
{
    [Fact]
    public void Every_integration_event_but_the_services_own_bookkeeping_is_offered_with_a_versioned_type()
    {
        EventCatalogue.Uncatalogued.ShouldBeEmpty();
        EventCatalogue.Of(typeof(InspectionPublished)).CloudEventType.ShouldBe("uk.gov.education.csc.inspection.published.v1");
        EventCatalogue.Of(typeof(InterventionCaseOpened)).CloudEventType.ShouldBe("uk.gov.education.csc.intervention-case.opened.v1");
        EventCatalogue.All.Select(entry => entry.CloudEventType).ShouldBeUnique();
        Should.Throw<InvalidOperationException>(() => EventCatalogue.Of(typeof(CatchUpRequested)));
    }

    [Fact]
    public async Task A_published_event_is_logged_as_a_structured_cloud_event_with_its_data_as_published()
    {
        var judgement = SampleEvents.Judgement(SampleEvents.Birmingham) with { InspectionStartDate = new DateOnly(2026, 9, 7) };
        await factory.PublishAsync(judgement);

        var item = (await Eventually.ReturnsAsync(() => LoggedAsync(judgement.EventId), because: "the judgement in the feed"))!.Value;
        item.GetProperty("specversion").GetString().ShouldBe("1.0");
        item.GetProperty("id").GetString().ShouldBe(judgement.EventId.ToString());
        item.GetProperty("type").GetString().ShouldBe("uk.gov.education.csc.inspection.published.v1");
        item.GetProperty("source").GetString().ShouldBe("/services/inspections");
        item.GetProperty("subject").GetString().ShouldBe(SampleEvents.Birmingham);
        item.GetProperty("datacontenttype").GetString().ShouldBe("application/json");
        DateTimeOffset.Parse(item.GetProperty("time").GetString()!).ShouldBe(judgement.OccurredAt, TimeSpan.FromMilliseconds(1));
        var data = item.GetProperty("data");
        data.GetProperty("judgementId").GetGuid().ShouldBe(judgement.JudgementId);
        data.GetProperty("overall").GetString().ShouldBe("inadequate");
        data.GetProperty("inspectionStartDate").GetString().ShouldBe("2026-09-07");
    }

    [Fact]
    public async Task An_event_delivered_three_times_is_logged_once()
    {
        var judgement = SampleEvents.Judgement(SampleEvents.Leeds);
        for (var delivery = 0; delivery < 3; delivery++)
        {
            await factory.PublishAsync(judgement);
        }

        await Eventually.ReturnsAsync(() => LoggedAsync(judgement.EventId), because: "the judgement in the feed");
        // The later deliveries were consumed too (nothing waits on the queue) before the log is counted.
        await Task.Delay(TimeSpan.FromSeconds(1));
        (await factory.QueryAsync(db => db.EventLog.CountAsync(entry => entry.EventId == judgement.EventId))).ShouldBe(1);
    }

    [Fact]
    public async Task Writers_appending_at_once_give_every_event_its_own_position_with_none_skipped()
    {
        var events = Enumerable.Range(0, 40).Select(_ => SampleEvents.Standing("Concurrent Care")).ToList();
        var before = await factory.QueryAsync(db => db.EventLog.MaxAsync(entry => (long?)entry.Position)) ?? 0;

        await Task.WhenAll(events.Select(integrationEvent => Task.Run(async () =>
        {
            await using var scope = factory.Services.CreateAsyncScope();
            (await scope.ServiceProvider.GetRequiredService<EventLogWriter>().AppendAsync(integrationEvent, CancellationToken.None)).ShouldBeTrue();
        })));

        var positions = await factory.QueryAsync(db => db.EventLog.Where(entry => entry.Position > before).OrderBy(entry => entry.Position).Select(entry => entry.Position).ToListAsync());
        var ours = await factory.QueryAsync(db => db.EventLog.CountAsync(entry => events.Select(e => e.EventId).Contains(entry.EventId)));
        ours.ShouldBe(events.Count);
        positions.ShouldBe([.. Enumerable.Range(0, positions.Count).Select(offset => before + 1 + offset)], "positions follow on from one another");
    }

    private async Task<JsonElement?> LoggedAsync(Guid eventId)
    {
        var page = await factory.Integrator().GetFromJsonAsync<JsonElement>("/api/integrations/events?pageSize=500");
        foreach (var item in page.GetProperty("items").EnumerateArray())
        {
            if (item.GetProperty("id").GetString() == eventId.ToString())
            {
                return item;
            }
        }

        return null;
    }
}
