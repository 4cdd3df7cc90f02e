using System.Net;
using System.Net.Http.Headers;
using System.Net.ServerSentEvents;
using System.Text.Json;

namespace Platform.Integrations.Tests;

/// <summary>The Server-Sent Events stream: what the feed holds after the cursor, then each event as it is logged, resumed with Last-Event-ID.</summary>
public sealed class StreamTests(IntegrationsFactory factory) : IClassFixture<IntegrationsFactory>
{
    private const string Kent = "E10000016";

    [Fact]
    public async Task A_follower_gets_the_logged_events_then_the_new_ones_as_they_come_and_resumes_after_the_last_it_saw()
    {
        var earlier = Enumerable.Range(0, 3).Select(_ => SampleEvents.Judgement(Kent)).ToList();
        foreach (var judgement in earlier)
        {
            await factory.PublishAsync(judgement);
        }

        var integrator = factory.Integrator([Kent]);
        await Eventually.TrueAsync(async () => (await FeedTests.ReadAllAsync(integrator, "0", 500)).Count == 3, because: "the first three logged");

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var streamed = new List<SseItem<string>>();
        await using (var stream = await OpenAsync(integrator, "/api/integrations/events/stream?after=0", lastEventId: null, timeout.Token))
        {
            await using var events = SseParser.Create(stream).EnumerateAsync(timeout.Token).GetAsyncEnumerator(timeout.Token);
            streamed.AddRange(await TakeAsync(events, 3));
            var later = Enumerable.Range(0, 2).Select(_ => SampleEvents.CaseOpened(Kent)).ToList();
            foreach (var opened in later)
            {
                await factory.PublishAsync(opened);
            }

            streamed.AddRange(await TakeAsync(events, 2));
            streamed.Select(item => Id(item)).ShouldBe([.. earlier.Select(e => e.EventId.ToString()), .. later.Select(e => e.EventId.ToString())]);
            streamed.Select(item => item.EventType).ShouldBe([.. Enumerable.Repeat("uk.gov.education.csc.inspection.published.v1", 3), .. Enumerable.Repeat("uk.gov.education.csc.intervention-case.opened.v1", 2)]);
        }

        // The feed and the stream agree: the same events, in the same order, under the same cursors.
        var feed = await FeedTests.ReadAllAsync(integrator, "0", 2);
        feed.Select(item => item.GetProperty("id").GetString()).ShouldBe(streamed.Select(Id));
        var third = streamed[2].EventId!;
        var afterThird = await FeedTests.ReadAllAsync(integrator, third, 500);
        afterThird.Select(item => item.GetProperty("id").GetString()).ShouldBe(streamed.Skip(3).Select(Id));

        // Reconnecting as a browser does, with the id of the last event seen, goes on after it.
        await using (var resumed = await OpenAsync(integrator, "/api/integrations/events/stream", lastEventId: third, timeout.Token))
        {
            await using var events = SseParser.Create(resumed).EnumerateAsync(timeout.Token).GetAsyncEnumerator(timeout.Token);
            (await TakeAsync(events, 2)).Select(Id).ShouldBe(streamed.Skip(3).Select(Id));
        }
    }

    [Fact]
    public async Task A_stream_asked_beyond_its_grants_or_from_a_malformed_cursor_is_refused_before_it_opens()
    {
        var integrator = factory.Integrator([Kent]);
        (await integrator.GetAsync("/api/integrations/events/stream?localAuthority=E08000025")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/integrations/events/stream");
        request.Headers.Add("Last-Event-ID", "not-a-cursor");
        var response = await integrator.SendAsync(request);
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).ShouldContain("Last-Event-ID");
    }

    private static async Task<Stream> OpenAsync(HttpClient client, string path, string? lastEventId, CancellationToken cancellationToken)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        if (lastEventId is not null)
        {
            request.Headers.Add("Last-Event-ID", lastEventId);
        }

        var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/event-stream");
        return await response.Content.ReadAsStreamAsync(cancellationToken);
    }

    /// <summary>The next <paramref name="count"/> events, heartbeats passed over.</summary>
    private static async Task<List<SseItem<string>>> TakeAsync(IAsyncEnumerator<SseItem<string>> events, int count)
    {
        var taken = new List<SseItem<string>>();
        while (taken.Count < count && await events.MoveNextAsync())
        {
            if (events.Current.EventType != "heartbeat")
            {
                taken.Add(events.Current);
            }
        }

        taken.Count.ShouldBe(count);
        return taken;
    }

    private static string? Id(SseItem<string> item) => JsonDocument.Parse(item.Data).RootElement.GetProperty("id").GetString();
}
