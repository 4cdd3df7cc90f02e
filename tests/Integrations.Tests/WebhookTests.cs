using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MassTransit;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Platform.Messaging.Events;
using Platform.Testing.Webhooks;
using StandardWebhooks;

namespace Platform.Integrations.Tests;

/// <summary>
/// Webhooks per Standard Webhooks, to a receiver on loopback: signed deliveries verified with the Standard
/// Webhooks library, in log order, retried while the receiver is down, ended by a 410 or by failing too long,
/// replayed, and with a rotated secret signed by both secrets while they overlap.
/// </summary>
public sealed class WebhookTests(WebhookFactory factory) : IClassFixture<WebhookFactory>
{
    private const string Lancashire = "E10000017";
    private const string Norfolk = "E10000020";
    private const string Essex = "E10000012";
    private const string Hampshire = "E10000014";
    private const string Cumbria = "E10000006";
    private const string Kent = "E10000016";

    [Fact]
    public async Task Every_delivery_is_signed_per_Standard_Webhooks_and_arrives_in_log_order_once()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var integrator = factory.Integrator([Lancashire, Norfolk]);
        var subscription = await SubscribeAsync(integrator, receiver.Url);
        var secret = subscription.GetProperty("secret").GetString()!;
        secret.ShouldStartWith("whsec_");

        var events = new IntegrationEvent[]
        {
            SampleEvents.Judgement(Lancashire), SampleEvents.Judgement(Norfolk), SampleEvents.CaseOpened(Lancashire),
            SampleEvents.Judgement(Essex), SampleEvents.CaseOpened(Norfolk), SampleEvents.Judgement(Lancashire, "good"),
        };
        await PublishAsync(events);

        var ours = events.Where(e => e.Subject != Essex).Select(e => e.EventId.ToString()).ToList();
        await Eventually.TrueAsync(() => Task.FromResult(receiver.Taken.Count >= ours.Count), TimeSpan.FromSeconds(20), "every granted event delivered");
        receiver.Taken.Select(delivery => delivery.Id).ShouldBe(ours, "in the order published, each once, and nothing beyond the grants");
        var verifier = new StandardWebhook(secret);
        foreach (var delivery in receiver.Taken)
        {
            Should.NotThrow(() => verifier.Verify(delivery.Body, delivery.Headers));
            delivery.ContentType.ShouldBe("application/cloudevents+json; charset=utf-8");
            JsonDocument.Parse(delivery.Body).RootElement.GetProperty("id").GetString().ShouldBe(delivery.Id);
        }

        // Tampered with, a delivery no longer verifies.
        Should.Throw<StandardWebhooks.Diagnostics.WebhookVerificationException>(() => verifier.Verify(receiver.Taken[0].Body.Replace("inadequate", "good"), receiver.Taken[0].Headers));
    }

    [Fact]
    public async Task A_receiver_down_for_a_while_gets_every_event_once_in_order_when_it_is_back()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Answer = HttpStatusCode.ServiceUnavailable;
        var integrator = factory.Integrator([Hampshire]);
        var id = (await SubscribeAsync(integrator, receiver.Url)).GetProperty("id").GetString();

        var events = Enumerable.Range(0, 5).Select(i => (IntegrationEvent)(i % 2 == 0 ? SampleEvents.Judgement(Hampshire) : SampleEvents.CaseOpened(Hampshire))).ToList();
        await PublishAsync(events);
        await Eventually.TrueAsync(() => Task.FromResult(receiver.Requests.Count >= 3), TimeSpan.FromSeconds(10), "retries while the receiver is down");
        var failing = await integrator.GetFromJsonAsync<JsonElement>($"/api/integrations/subscriptions/{id}");
        failing.GetProperty("status").GetString().ShouldBe("active");
        failing.GetProperty("failedAttempts").GetInt32().ShouldBeGreaterThan(0);

        receiver.Answer = HttpStatusCode.OK;
        await Eventually.TrueAsync(() => Task.FromResult(receiver.Taken.Count >= events.Count), TimeSpan.FromSeconds(20), "every event once the receiver is back");
        receiver.Taken.Select(delivery => delivery.Id).ShouldBe(events.Select(e => e.EventId.ToString()));
        receiver.Requests.Where(request => request.Answer >= 500).Select(request => request.Id).Distinct().ShouldBe([events[0].EventId.ToString()], "only the first event was tried while down: the rest wait their turn");

        var attempts = await integrator.GetFromJsonAsync<JsonElement>($"/api/integrations/subscriptions/{id}/attempts?pageSize=500");
        var log = attempts.EnumerateArray().Reverse().ToList();
        log.Count.ShouldBe(receiver.Requests.Count, "the delivery log holds every attempt");
        log.First().GetProperty("statusCode").GetInt32().ShouldBe(503);
        log.Where(attempt => attempt.GetProperty("succeeded").GetBoolean()).Count().ShouldBe(events.Count);
        log.Select(attempt => attempt.GetProperty("attempt").GetInt32()).Max().ShouldBeGreaterThan(1);
    }

    [Fact]
    public async Task A_410_disables_the_subscription_and_one_that_keeps_failing_is_disabled_with_a_reason()
    {
        await using var gone = await WebhookReceiver.StartAsync();
        await using var failing = await WebhookReceiver.StartAsync();
        gone.Answer = HttpStatusCode.Gone;
        failing.Answer = HttpStatusCode.InternalServerError;
        var integrator = factory.Integrator([Cumbria]);
        var goneId = (await SubscribeAsync(integrator, gone.Url)).GetProperty("id").GetString();
        var failingId = (await SubscribeAsync(integrator, failing.Url)).GetProperty("id").GetString();

        await PublishAsync([SampleEvents.Judgement(Cumbria), SampleEvents.Judgement(Cumbria)]);

        var ended = await Eventually.ReturnsAsync(async () =>
        {
            var subscription = await integrator.GetFromJsonAsync<JsonElement>($"/api/integrations/subscriptions/{goneId}");
            return subscription.GetProperty("status").GetString() == "disabled" ? (JsonElement?)subscription : null;
        }, TimeSpan.FromSeconds(10), "disabled on 410");
        ended!.Value.GetProperty("disabledReason").GetString()!.ShouldContain("410");
        gone.Requests.Count.ShouldBe(1);

        var given = await Eventually.ReturnsAsync(async () =>
        {
            var subscription = await integrator.GetFromJsonAsync<JsonElement>($"/api/integrations/subscriptions/{failingId}");
            return subscription.GetProperty("status").GetString() == "disabled" ? (JsonElement?)subscription : null;
        }, TimeSpan.FromSeconds(20), "disabled after failing for the retry period (6 s here)");
        given!.Value.GetProperty("disabledReason").GetString()!.ShouldContain("500");

        // Resumed once the receiver is mended, it delivers from where it stopped.
        failing.Answer = HttpStatusCode.OK;
        (await integrator.PostAsync($"/api/integrations/subscriptions/{failingId}/resume", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        await Eventually.TrueAsync(() => Task.FromResult(failing.Taken.Count == 2), TimeSpan.FromSeconds(10), "both judgements after resuming");
    }

    [Fact]
    public async Task A_change_whose_row_the_dispatcher_writes_meanwhile_is_made_on_the_row_as_it_is_now()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var integrator = factory.Integrator([Kent]);
        var id = Guid.Parse((await SubscribeAsync(integrator, receiver.Url)).GetProperty("id").GetString()!);

        // The dispatcher's lease holds the row while the integrator's pause has read it and waits to save;
        // the lease's write then commits first, so the pause's save finds the row's version changed.
        await using var dispatcher = new Npgsql.NpgsqlConnection(factory.DatabaseConnectionString);
        await dispatcher.OpenAsync();
        await using var lease = await dispatcher.BeginTransactionAsync();
        await using (var hold = new Npgsql.NpgsqlCommand($"SELECT 1 FROM webhook_subscriptions WHERE id = '{id}' FOR UPDATE", dispatcher, lease))
        {
            await hold.ExecuteScalarAsync();
        }

        var pausing = integrator.PostAsync($"/api/integrations/subscriptions/{id}/pause", null);
        await Eventually.TrueAsync(async () => await ScalarAsync<long>(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND query LIKE 'UPDATE webhook_subscriptions SET status%'") == 1,
            TimeSpan.FromSeconds(10), "the pause's save waiting on the lease's lock");
        await using (var write = new Npgsql.NpgsqlCommand($"UPDATE webhook_subscriptions SET leased_until = now() WHERE id = '{id}'", dispatcher, lease))
        {
            (await write.ExecuteNonQueryAsync()).ShouldBe(1);
        }

        await lease.CommitAsync();

        var paused = await pausing;
        paused.StatusCode.ShouldBe(HttpStatusCode.OK, await paused.Content.ReadAsStringAsync());
        (await integrator.GetFromJsonAsync<JsonElement>($"/api/integrations/subscriptions/{id}")).GetProperty("status").GetString().ShouldBe("paused");
    }

    [Fact]
    public async Task A_run_that_fails_lets_its_lease_go_at_once_and_the_next_repeats_the_delivery_with_its_id()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var integrator = factory.Integrator([Kent]);
        var id = (await SubscribeAsync(integrator, receiver.Url)).GetProperty("id").GetString();
        var judgement = SampleEvents.Judgement(Kent);

        // The database refuses the delivery's record, as one failing in the middle of a run would: each run
        // fails after the receiver has taken the event.
        await ExecuteAsync("""
            CREATE FUNCTION refuse_attempts() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'refused by the test'; END $$;
            CREATE TRIGGER refuse_attempts BEFORE INSERT ON webhook_attempts FOR EACH ROW EXECUTE FUNCTION refuse_attempts();
            """);
        try
        {
            await PublishAsync([judgement]);
            // A failed run that kept its lease would hold the subscription for the lease's 60 s: one try only.
            await Eventually.TrueAsync(() => Task.FromResult(receiver.Taken.Count >= 3), TimeSpan.FromSeconds(15), "runs taken up again after each failure");
        }
        finally
        {
            await ExecuteAsync("DROP TRIGGER refuse_attempts ON webhook_attempts; DROP FUNCTION refuse_attempts();");
        }

        var recorded = await Eventually.ReturnsAsync(async () =>
        {
            var attempts = await integrator.GetFromJsonAsync<JsonElement>($"/api/integrations/subscriptions/{id}/attempts?pageSize=500");
            return attempts.GetArrayLength() > 0 ? (JsonElement?)attempts : null;
        }, TimeSpan.FromSeconds(15), "a delivery recorded once the database takes records again");
        var deliveredCount = receiver.Taken.Count;
        await Task.Delay(TimeSpan.FromSeconds(1));

        receiver.Taken.Count.ShouldBe(deliveredCount, "once recorded, the event is not sent again");
        receiver.Taken.Select(delivery => delivery.Id).Distinct().ShouldBe([judgement.EventId.ToString()], "every repeat carries the event's own webhook-id");
        recorded!.Value.EnumerateArray().Count(attempt => attempt.GetProperty("succeeded").GetBoolean()).ShouldBe(1);
        var subscription = await integrator.GetFromJsonAsync<JsonElement>($"/api/integrations/subscriptions/{id}");
        subscription.GetProperty("status").GetString().ShouldBe("active");
    }

    [Fact]
    public async Task A_rotated_secret_signs_beside_the_old_one_and_replays_deliver_again_from_a_cursor_or_one_event()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var integrator = factory.Integrator([Essex]);
        var subscription = await SubscribeAsync(integrator, receiver.Url);
        var id = subscription.GetProperty("id").GetString();
        var oldSecret = subscription.GetProperty("secret").GetString()!;

        var rotated = await (await integrator.PostAsync($"/api/integrations/subscriptions/{id}/rotation", null)).Content.ReadFromJsonAsync<JsonElement>();
        var newSecret = rotated.GetProperty("secret").GetString()!;
        newSecret.ShouldNotBe(oldSecret);
        (await integrator.GetStringAsync($"/api/integrations/subscriptions/{id}")).ShouldNotContain(newSecret, Case.Sensitive, "a secret is shown once");

        var events = Enumerable.Range(0, 3).Select(_ => (IntegrationEvent)SampleEvents.Judgement(Essex)).ToList();
        await PublishAsync(events);
        await Eventually.TrueAsync(() => Task.FromResult(receiver.Taken.Count == 3), TimeSpan.FromSeconds(10), "three delivered");
        var first = receiver.Taken[0];
        var signatures = first.Headers["webhook-signature"].ToString().Split(' ');
        signatures.Length.ShouldBe(2, "both secrets sign while the rotation overlaps");
        // The library checks only the first of several signatures, so each is verified on its own.
        Should.NotThrow(() => new StandardWebhook(newSecret).Verify(first.Body, WithSignature(first.Headers, signatures[0])));
        Should.NotThrow(() => new StandardWebhook(oldSecret).Verify(first.Body, WithSignature(first.Headers, signatures[1])));
        Should.Throw<StandardWebhooks.Diagnostics.WebhookVerificationException>(() => new StandardWebhook(oldSecret).Verify(first.Body, WithSignature(first.Headers, signatures[0])));

        // A replay from the cursor before the second event delivers the second and third again, in order.
        var feed = await FeedTests.ReadAllAsync(factory.Integrator([Essex]), "0", 500);
        var positions = feed.Select(item => item.GetProperty("id").GetString()).ToList();
        var page = await integrator.GetFromJsonAsync<JsonElement>($"/api/integrations/events?after=0&localAuthority={Essex}&pageSize={positions.IndexOf(events[0].EventId.ToString()) + 1}");
        var afterFirst = page.GetProperty("next").GetString();
        (await integrator.PostAsJsonAsync($"/api/integrations/subscriptions/{id}/replays", new { after = afterFirst })).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        await Eventually.TrueAsync(() => Task.FromResult(receiver.Taken.Count == 5), TimeSpan.FromSeconds(10), "the replay");
        receiver.Taken.Skip(3).Select(delivery => delivery.Id).ShouldBe([events[1].EventId.ToString(), events[2].EventId.ToString()]);

        // One event again, by its id: the same webhook-id, so a receiver that keeps ids knows it.
        (await integrator.PostAsJsonAsync($"/api/integrations/subscriptions/{id}/replays", new { eventId = events[0].EventId })).StatusCode.ShouldBe(HttpStatusCode.Accepted);
        await Eventually.TrueAsync(() => Task.FromResult(receiver.Taken.Count == 6), TimeSpan.FromSeconds(10), "the one event again");
        receiver.Taken[5].Id.ShouldBe(events[0].EventId.ToString());

        (await integrator.PostAsJsonAsync($"/api/integrations/subscriptions/{id}/replays", new { after = "0", eventId = events[0].EventId })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Targets_inside_the_platforms_networks_are_refused_and_subscriptions_stay_within_grants_and_their_owner()
    {
        var integrator = factory.Integrator([Norfolk]);
        foreach (var target in new[] { "http://169.254.169.254/latest/meta-data/", "http://10.1.2.3/hooks", "http://192.168.1.10/", "http://[fd00:ec2::254]/", "http://0.0.0.0/", "ftp://hooks.example/", "not a url" })
        {
            var refused = await integrator.PostAsJsonAsync("/api/integrations/subscriptions", new { url = target });
            refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest, target);
            (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateObject().Single().Name.ShouldBe("url");
        }

        await using var receiver = await WebhookReceiver.StartAsync();
        (await integrator.PostAsJsonAsync("/api/integrations/subscriptions", new { url = receiver.Url, localAuthorities = new[] { Essex } })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var bad = await integrator.PostAsJsonAsync("/api/integrations/subscriptions", new { url = receiver.Url, eventTypes = new[] { "uk.gov.education.csc.no-such.thing.v1" } });
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        var mine = await SubscribeAsync(integrator, receiver.Url);
        var id = mine.GetProperty("id").GetString();
        mine.GetProperty("localAuthorities").EnumerateArray().Select(code => code.GetString()).ShouldBe([Norfolk], "no filter asked: the grants");
        var another = factory.Integrator([Norfolk]);
        another.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", TestTokens.Create(ServiceDefaults.Auth.Roles.Integrator, [Norfolk], subject: "another-integrator"));
        (await another.GetAsync($"/api/integrations/subscriptions/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await another.DeleteAsync($"/api/integrations/subscriptions/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await another.GetFromJsonAsync<JsonElement>("/api/integrations/subscriptions")).GetArrayLength().ShouldBe(0);
        (await integrator.DeleteAsync($"/api/integrations/subscriptions/{id}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await integrator.GetAsync($"/api/integrations/subscriptions/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    private static HeaderDictionary WithSignature(IHeaderDictionary headers, string signature)
    {
        var one = new HeaderDictionary(headers.ToDictionary(header => header.Key, header => header.Value));
        one["webhook-signature"] = signature;
        return one;
    }

    private static async Task<JsonElement> SubscribeAsync(HttpClient integrator, string url)
    {
        var response = await integrator.PostAsJsonAsync("/api/integrations/subscriptions", new { url });
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new Npgsql.NpgsqlConnection(factory.DatabaseConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private async Task<T> ScalarAsync<T>(string sql)
    {
        await using var connection = new Npgsql.NpgsqlConnection(factory.DatabaseConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    private async Task PublishAsync(IEnumerable<IntegrationEvent> events)
    {
        var bus = factory.Services.GetRequiredService<IBus>();
        foreach (var integrationEvent in events)
        {
            await bus.Publish((object)integrationEvent);
        }
    }
}
