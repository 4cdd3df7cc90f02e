using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Platform.ServiceDefaults.Auth;
using Xunit.Abstractions;

namespace Platform.Resilience.Tests;

/// <summary>
/// An import of 10,000 judgements, and in the middle of Commissioners applying them a fault: the broker
/// killed, Commissioners killed, PostgreSQL stopped for 30 s. Each time every judgement is applied once,
/// nothing waits in an error queue or is set aside, and the figures are written to the test's output.
/// Each import is about authorities of its own.
/// </summary>
[Collection(nameof(Faults))]
public sealed class FaultsDuringAnImportTests(OnePlatform fixture, ITestOutputHelper output)
{
    private const int PerAuthority = 625;
    private const int AppliedBeforeTheFault = 1_000;

    private RunningPlatform Platform => fixture.Platform;

    /// <summary>Also a subscriber to two authorities' judgements, down until the broker is back: it gets each once, in order.</summary>
    [Fact]
    public async Task The_broker_killed_and_restarted_in_the_middle_loses_and_repeats_nothing()
    {
        var watched = Authorities.London[..2].Select(authority => authority.Gss).ToList();
        await using var watch = await WebhookWatch.StartAsync(Platform, watched);
        await ImportThroughAsync(Authorities.London[..16], "RabbitMQ killed (SIGKILL) and restarted", async () =>
        {
            await Platform.KillAsync("rabbitmq");
            await Platform.StartResourceAsync("rabbitmq");
        });

        watch.Refused.ShouldBeGreaterThan(0, "deliveries were tried while the receiver was down");
        watch.ReceiverBack();
        var tookFor = await watch.EveryJudgementOnceInOrderAsync(watched.Count * PerAuthority);
        output.WriteLine($"webhooks: {watched.Count * PerAuthority} judgements to a receiver back after the fault, each once in order, in {tookFor.TotalSeconds:0.0} s");
    }

    [Fact]
    public Task Commissioners_killed_mid_batch_and_restarted_loses_and_repeats_nothing() =>
        ImportThroughAsync([.. Authorities.London[16..], .. Authorities.Counties[..2]], "Commissioners killed (SIGKILL) and restarted", async () =>
        {
            await Platform.KillAsync("commissioners");
            await Platform.StartResourceAsync("commissioners");
        });

    [Fact]
    public Task PostgreSQL_stopped_for_thirty_seconds_in_the_middle_loses_and_repeats_nothing() =>
        ImportThroughAsync(Authorities.Counties[2..18], "PostgreSQL stopped for 30 s", async () =>
        {
            await Platform.StopResourceAsync("postgres");
            await Task.Delay(TimeSpan.FromSeconds(30));
            await Platform.StartResourceAsync("postgres");
        });

    private async Task ImportThroughAsync(Authorities.Authority[] authorities, string fault, Func<Task> doFault)
    {
        authorities.Length.ShouldBe(16);
        var expected = authorities.Length * PerAuthority;
        var gss = authorities.Select(authority => authority.Gss).ToArray();
        var commissioners = await Platform.ConnectionStringAsync("commissioners-db");
        var inspections = await Platform.ConnectionStringAsync("inspections-db");
        const string Applied = "SELECT count(*) FROM judgements WHERE local_authority = ANY($1)";
        const string Processed = "SELECT count(*) FROM inbox_messages WHERE consumer = 'InspectionPublishedConsumer'";
        var processedBefore = await DatabaseRows.CountAsync(commissioners, Processed);

        using var ofsted = Platform.Client(Roles.Ofsted);
        ofsted.Timeout = TimeSpan.FromMinutes(5);
        var stopwatch = Stopwatch.StartNew();
        var imported = await ofsted.PostAsync("/api/inspections/imports", new StringContent(JudgementHistory.Csv(authorities, PerAuthority), Encoding.UTF8, "text/csv"));
        imported.StatusCode.ShouldBe(HttpStatusCode.OK, await imported.Content.ReadAsStringAsync());
        (await imported.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("added").GetInt32().ShouldBe(expected);
        var importedIn = stopwatch.Elapsed;

        await Eventually.TrueAsync(async () => await DatabaseRows.CountAsync(commissioners, Applied, [gss]) >= AppliedBeforeTheFault,
            TimeSpan.FromMinutes(2), "Commissioners to start applying the history");
        var appliedAtTheFault = await DatabaseRows.CountAsync(commissioners, Applied, [gss]);
        appliedAtTheFault.ShouldBeLessThan(expected, "the fault comes in the middle of the flow");
        await doFault();

        try
        {
            await Eventually.TrueAsync(async () => await DatabaseRows.CountAsync(commissioners, Applied, [gss]) >= expected,
                TimeSpan.FromMinutes(3), $"Commissioners to apply all {expected} judgements after: {fault}");
        }
        catch (TimeoutException timeout)
        {
            throw new TimeoutException($"{timeout.Message} Applied: {await DatabaseRows.CountAsync(commissioners, Applied, [gss])}; "
                + $"Inspections' outbox unsent: {await DatabaseRows.CountAsync(inspections, "SELECT count(*) FROM outbox_messages WHERE sent_at IS NULL")}; "
                + $"dead letters: {string.Join(", ", await fixture.DeadLettersAsync())}\n"
                + await Platform.Client(Roles.Operator).GetStringAsync("/api/commissioners/operations/dead-letters?first=2") + $"\n{await Platform.FailureReportAsync(400)}", timeout);
        }
        var appliedIn = stopwatch.Elapsed;

        // Every judgement Inspections holds reached Commissioners, none more, and each event was processed once.
        var held = await DatabaseRows.IdsAsync(inspections, "SELECT judgement_id FROM judgements WHERE is_current AND local_authority = ANY($1)", [gss]);
        var applied = await DatabaseRows.IdsAsync(commissioners, "SELECT judgement_id FROM judgements WHERE local_authority = ANY($1)", [gss]);
        held.Count.ShouldBe(expected);
        applied.SetEquals(held).ShouldBeTrue($"{held.Except(applied).Count()} judgements missing, {applied.Except(held).Count()} unknown");
        (await DatabaseRows.CountAsync(commissioners, Processed) - processedBefore).ShouldBe(expected, "each judgement's event processed exactly once");
        (await DatabaseRows.CountAsync(commissioners,
                "SELECT count(*) FROM (SELECT local_authority FROM intervention_cases WHERE local_authority = ANY($1) AND status <> 'Closed' GROUP BY local_authority HAVING count(*) > 1) twice", [gss]))
            .ShouldBe(0, "an authority has at most one open case");

        // Nothing waits in an error queue, nothing was set aside, nothing is left in any outbox.
        var deadLetters = await fixture.DeadLettersAsync();
        if (deadLetters.Any(service => service.Value > 0))
        {
            var reasons = await Task.WhenAll(deadLetters.Where(service => service.Value > 0)
                .Select(service => Platform.Client(Roles.Operator).GetStringAsync($"/api/{service.Key}/operations/dead-letters?first=3")));
            deadLetters.ShouldAllBe(service => service.Value == 0, string.Join('\n', reasons));
        }

        await Eventually.TrueAsync(async () => await DatabaseRows.CountAsync(inspections, "SELECT count(*) FROM outbox_messages WHERE sent_at IS NULL") == 0,
            TimeSpan.FromSeconds(30), "Inspections' outbox to empty");

        output.WriteLine($"{fault}: {expected} judgements imported in {importedIn.TotalSeconds:0.0} s, fault at {appliedAtTheFault} applied, "
            + $"all applied {appliedIn.TotalSeconds:0.0} s after the import began");
    }
}
