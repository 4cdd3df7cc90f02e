using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Platform.Integrations.EventLog;

namespace Platform.Integrations.Tests;

public sealed class ShortRetentionFactory() : IntegrationsHost(
    new Dictionary<string, string> { ["Integrations:EventLog:Retention"] = "1.00:00:00" }, clockStartsAt: new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero));

/// <summary>Entries past their retention leave the log from its oldest; a reader whose cursor is older learns it has missed events.</summary>
public sealed class RetentionTests(ShortRetentionFactory factory) : IClassFixture<ShortRetentionFactory>
{
    private const string Devon = "E10000008";

    [Fact]
    public async Task Entries_past_retention_go_and_a_cursor_before_the_oldest_left_is_told_it_is_gone()
    {
        var integrator = factory.Integrator([Devon]);
        var old = Enumerable.Range(0, 3).Select(_ => SampleEvents.Judgement(Devon)).ToList();
        foreach (var judgement in old)
        {
            await factory.PublishAsync(judgement);
        }

        await Eventually.TrueAsync(async () => (await FeedTests.ReadAllAsync(integrator, "0", 500)).Count == 3, because: "three logged");
        var firstCursor = (await integrator.GetFromJsonAsync<JsonElement>("/api/integrations/events?after=0&pageSize=1")).GetProperty("next").GetString();

        factory.Clock.Advance(TimeSpan.FromDays(2));
        var fresh = SampleEvents.Judgement(Devon, "good");
        await factory.PublishAsync(fresh);
        await Eventually.TrueAsync(async () => (await FeedTests.ReadAllAsync(integrator, "0", 500)).Count == 4, because: "the fresh one logged");
        var retention = factory.Services.GetServices<IHostedService>().OfType<EventLogRetention>().Single();
        (await retention.CheckAsync(CancellationToken.None)).ShouldBe(3);

        (await FeedTests.ReadAllAsync(integrator, "0", 500)).Select(item => item.GetProperty("id").GetString()).ShouldBe([fresh.EventId.ToString()]);
        var gone = await integrator.GetAsync($"/api/integrations/events?after={firstCursor}");
        gone.StatusCode.ShouldBe(HttpStatusCode.Gone);
        (await gone.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("after").GetArrayLength().ShouldBe(1);
    }
}
