using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.ServerSentEvents;
using System.Text.Json;
using Platform.ServiceDefaults.Auth;
using Platform.Testing.Webhooks;
using StandardWebhooks;

namespace Platform.EndToEnd.Tests;

/// <summary>
/// An integrator through the gateway: a subscription whose deliveries a receiver verifies with a Standard
/// Webhooks library, the feed and the stream agreeing, grants holding, targets inside the platform's
/// networks refused, and the AsyncAPI document served.
/// </summary>
[Collection(nameof(WholePlatform))]
public sealed class IntegrationsThroughTheGatewayTests(PlatformFixture fixture)
{
    private const string InspectionPublished = "uk.gov.education.csc.inspection.published.v1";
    private const string CaseOpened = "uk.gov.education.csc.intervention-case.opened.v1";

    /// <summary>An authority no other test of the collection touches, so an inadequate judgement opens its first case.</summary>
    private const string Dudley = "E08000027";

    private RunningPlatform Platform => fixture.Platform;

    [Fact]
    public async Task A_councils_integrator_receives_its_authoritys_events_signed_in_order_the_feed_and_stream_agree_and_a_replay_delivers_again()
    {
        await Platform.ImportAuthoritiesAsync($"{PlatformFixture.Header}\n{Dudley},332,Dudley,WM,West Midlands,Metropolitan District,70000,\n", Dudley);
        await using var receiver = await WebhookReceiver.StartAsync();
        using var integrator = Platform.ClientAs("e2e-dudley-case-system", Roles.Integrator, Dudley);
        var subscribed = await integrator.PostAsJsonAsync("/api/integrations/subscriptions", new { url = receiver.Url, eventTypes = new[] { InspectionPublished, CaseOpened } });
        subscribed.StatusCode.ShouldBe(HttpStatusCode.Created, await subscribed.Content.ReadAsStringAsync());
        var subscription = await subscribed.Content.ReadFromJsonAsync<JsonElement>();
        var secret = subscription.GetProperty("secret").GetString()!;

        using var ofsted = Platform.Client(Roles.Ofsted);
        foreach (var localAuthority in new[] { Dudley, PlatformFixture.Wakefield })
        {
            var recorded = await ofsted.PostAsJsonAsync("/api/inspections/judgements", new
            {
                localAuthority, framework = "ilacs-standard", inspectionStartDate = "2026-09-07", inspectionEndDate = "2026-09-18",
                publicationDate = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-3).ToString("yyyy-MM-dd"), overall = "inadequate",
            });
            recorded.StatusCode.ShouldBe(HttpStatusCode.Created, await recorded.Content.ReadAsStringAsync());
        }

        // Dudley's judgement, then the case it opens; nothing of Wakefield's.
        try
        {
            await Eventually.TrueAsync(() => Task.FromResult(receiver.Taken.Count >= 2), TimeSpan.FromSeconds(60), "Dudley's judgement and case delivered");
        }
        catch (TimeoutException waited)
        {
            var state = await integrator.GetStringAsync($"/api/integrations/subscriptions/{subscription.GetProperty("id").GetString()}");
            var logged = await integrator.GetStringAsync("/api/integrations/events?after=0&pageSize=500");
            var lines = Platform.RecentLog(3000).Split('\n').Where(line => line.StartsWith("integrations", StringComparison.Ordinal)).TakeLast(40);
            throw new TimeoutException($"{waited.Message}\nreceived {receiver.Requests.Count}\nsubscription {state}\nfeed {logged}\n{string.Join('\n', lines)}", waited);
        }

        await Task.Delay(TimeSpan.FromSeconds(1));
        var delivered = receiver.Taken.Select(delivery => JsonDocument.Parse(delivery.Body).RootElement).ToList();
        delivered.Select(item => item.GetProperty("type").GetString()).ShouldBe([InspectionPublished, CaseOpened]);
        delivered.ShouldAllBe(item => item.GetProperty("subject").GetString() == Dudley);
        foreach (var delivery in receiver.Taken)
        {
            Should.NotThrow(() => new StandardWebhook(secret).Verify(delivery.Body, delivery.Headers));
        }

        // The feed holds the same events in the same order, and the stream gives them under the same cursors.
        var feed = await integrator.GetFromJsonAsync<JsonElement>($"/api/integrations/events?after=0&type={InspectionPublished}&type={CaseOpened}&pageSize=500");
        var fed = feed.GetProperty("items").EnumerateArray().ToList();
        fed.Select(item => item.GetProperty("id").GetString()).ShouldBe(delivered.Select(item => item.GetProperty("id").GetString()));
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/integrations/events/stream?after=0&type={InspectionPublished}&type={CaseOpened}");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        using var response = await integrator.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var streamed = new List<SseItem<string>>();
        await foreach (var item in SseParser.Create(await response.Content.ReadAsStreamAsync(timeout.Token)).EnumerateAsync(timeout.Token))
        {
            if (item.EventType != "heartbeat")
            {
                streamed.Add(item);
            }

            if (streamed.Count == fed.Count)
            {
                break;
            }
        }

        streamed.Select(item => JsonDocument.Parse(item.Data).RootElement.GetProperty("id").GetString()).ShouldBe(fed.Select(item => item.GetProperty("id").GetString()));
        streamed[^1].EventId.ShouldBe(feed.GetProperty("next").GetString());

        // A replay from the cursor before the judgement delivers both again, in order, under the same webhook-ids.
        var firstDelivered = delivered[0].GetProperty("id").GetString();
        var before = fed.FindIndex(item => item.GetProperty("id").GetString() == firstDelivered);
        var cursor = before == 0 ? "0" : (await integrator.GetFromJsonAsync<JsonElement>(
            $"/api/integrations/events?after=0&type={InspectionPublished}&type={CaseOpened}&pageSize={before}")).GetProperty("next").GetString();
        var id = subscription.GetProperty("id").GetString();
        (await integrator.PostAsJsonAsync($"/api/integrations/subscriptions/{id}/replays", new { after = cursor })).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        await Eventually.TrueAsync(() => Task.FromResult(receiver.Taken.Count >= 4), TimeSpan.FromSeconds(30), "the replay delivered");
        receiver.Taken.Skip(2).Select(delivery => delivery.Id).ShouldBe(receiver.Taken.Take(2).Select(delivery => delivery.Id));
    }

    [Fact]
    public async Task Grants_hold_targets_inside_the_platform_are_refused_and_the_asyncapi_document_is_served()
    {
        using var integrator = Platform.ClientAs("e2e-coventry-case-system", Roles.Integrator, PlatformFixture.Coventry);
        (await integrator.GetAsync($"/api/integrations/events?localAuthority={PlatformFixture.Leeds}")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await integrator.PostAsJsonAsync("/api/integrations/subscriptions", new { url = "http://10.0.0.1/hooks", localAuthorities = new[] { PlatformFixture.Coventry } }))
            .StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var metadata = await integrator.PostAsJsonAsync("/api/integrations/subscriptions", new { url = "http://169.254.169.254/latest/meta-data/" });
        metadata.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await ProblemDocument.ReadAsync(metadata)).Errors!.ShouldContainKey("url");

        var page = await integrator.GetFromJsonAsync<JsonElement>("/api/integrations/events?after=0&pageSize=500");
        page.GetProperty("items").EnumerateArray().ShouldAllBe(item => item.GetProperty("data").GetProperty("localAuthority").GetString() == PlatformFixture.Coventry);

        using var dfe = Platform.Client(Roles.Dfe);
        (await dfe.GetAsync("/api/integrations/events")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        using var anonymous = Platform.Client();
        var document = await anonymous.GetFromJsonAsync<JsonElement>("/asyncapi.json");
        document.GetProperty("asyncapi").GetString().ShouldBe("3.0.0");
        document.GetProperty("channels").GetProperty("InspectionPublished").GetProperty("address").GetString().ShouldBe("Platform.Messaging.Events:InspectionPublished");
    }
}
