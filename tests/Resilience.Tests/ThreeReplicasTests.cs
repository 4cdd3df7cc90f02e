using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.ServiceDefaults.Auth;
using Platform.Testing.Journeys;

namespace Platform.Resilience.Tests;

/// <summary>Every service three times over, behind the gateway, with the deadline monitors passing every second.</summary>
public sealed class ThreeReplicas : IAsyncLifetime
{
    public static readonly Authorities.Authority Oxfordshire = Authorities.Counties[16];
    public static readonly Authorities.Authority Suffolk = Authorities.Counties[17];
    public static readonly Authorities.Authority Surrey = Authorities.Counties[18];
    public static readonly Authorities.Authority Warwickshire = Authorities.Counties[19];

    public RunningPlatform Platform { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Platform = await RunningPlatform.StartAsync(replicas: 3, settings: new Dictionary<string, string>
        {
            ["Intervention:DeadlineCheckInterval"] = "00:00:01",
            // An endpoint that stays down is restarted, and then declared beyond mending, after 15 s (30 s deployed).
            ["Messaging:EndpointWatchdog:RestartAfter"] = "00:00:15",
            // Each request's line in its replica's log tells which replica served it.
            ["Logging:LogLevel:Microsoft.AspNetCore.Hosting.Diagnostics"] = "Information",
        });
        foreach (var service in OnePlatform.Services)
        {
            Platform.HealthyInstancesOf(service).Count.ShouldBe(3, service);
        }

        await MainJourneys.ImportAuthoritiesAsync(Platform);
        Authorities.Authority[] ours = [Oxfordshire, Suffolk, Surrey, Warwickshire];
        await Platform.ImportAuthoritiesAsync(Authorities.Csv(ours), [.. ours.Select(authority => authority.Gss)]);
    }

    public async Task DisposeAsync() => await Platform.DisposeAsync();
}

/// <summary>
/// Requests through the gateway reach every replica; the main journeys of the end-to-end suite give, on
/// three replicas of every service, the results they give on one; a deadline is raised once however many replicas watch it; of 50 conflicting moves on one
/// case one is made; one idempotency key sent 20 times at once has one effect.
/// </summary>
[Collection(nameof(Faults))]
public sealed partial class ThreeReplicasTests(ThreeReplicas fixture) : IClassFixture<ThreeReplicas>
{
    private RunningPlatform Platform => fixture.Platform;

    [Fact]
    public async Task Requests_through_the_gateway_reach_every_replica()
    {
        var path = $"/api/providers/local-authorities/{ThreeReplicas.Oxfordshire.Gss}";
        using var dfe = Platform.Client(Roles.Dfe);
        // Aspire's proxy gives each connection to a replica: readers at once open many.
        await Task.WhenAll(Enumerable.Range(0, 32).Select(async _ =>
        {
            for (var i = 0; i < 5; i++)
            {
                (await dfe.GetAsync(path)).StatusCode.ShouldBe(HttpStatusCode.OK);
            }
        }));

        var served = Platform.InstancesOf("providers")
            .Select(instance => Platform.LinesFrom(instance).Count(line => line.Contains(path, StringComparison.Ordinal)))
            .ToList();
        served.Count.ShouldBe(3);
        served.ShouldAllBe(count => count > 0, $"each replica served some of the 160 requests: {string.Join(", ", served)}");
    }

    [Fact]
    public Task An_inadequate_judgement_opens_a_case() => MainJourneys.InadequateJudgementOpensACaseAsync(Platform);

    [Fact]
    public Task An_improved_history_ends_its_case() => MainJourneys.ImprovedHistoryEndsItsCaseAsync(Platform);

    [Fact]
    public Task Persistent_failure_reaches_a_commissioner_and_the_registry() => MainJourneys.PersistentFailureReachesTheRegistryAsync(Platform);

    [Fact]
    public Task The_for_profit_ban_holds_through_contracts() => MainJourneys.ForProfitBanHoldsThroughContractsAsync(Platform);

    [Fact]
    public async Task A_missed_outcome_deadline_is_raised_once_by_three_replicas_checking_every_second()
    {
        // Systemic failure (R2) published in September 2025 and a commissioner appointed on 1 October
        // 2025: the outcome fell due on 1 October 2026 (T2's twelve months) and none is recorded.
        using var ofsted = Platform.Client(Roles.Ofsted);
        (await ofsted.PostAsJsonAsync("/api/inspections/judgements", new
        {
            localAuthority = ThreeReplicas.Surrey.Gss, framework = "ilacs-standard", inspectionStartDate = "2025-07-07",
            inspectionEndDate = "2025-07-18", publicationDate = "2025-09-01", overall = "inadequate",
            wholesaleInadequateServices = true, corporateFailureBySeniorLeaders = true,
        })).StatusCode.ShouldBe(HttpStatusCode.Created, Platform.RecentLog());
        using var dfe = Platform.Client(Roles.Dfe);
        var id = await Eventually.ReturnsAsync(async () =>
        {
            var cases = await dfe.GetFromJsonAsync<JsonElement>($"/api/commissioners/cases?la={ThreeReplicas.Surrey.Gss}");
            var latest = cases.GetProperty("items").EnumerateArray().FirstOrDefault();
            return latest.ValueKind == JsonValueKind.Object && latest.GetProperty("status").GetString() == "commissioner-required" ? latest.GetProperty("id").GetString() : null;
        }, TimeSpan.FromSeconds(30), "the case to need a commissioner");
        var registered = await dfe.PostAsJsonAsync("/api/commissioners/register", new { name = "Surrey Commissioner", subject = "surrey.commissioner" });
        var commissionerId = (await registered.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        (await dfe.PostAsJsonAsync($"/api/commissioners/cases/{id}/appointment", new { commissionerId, directionReference = "DfE-SUR-2025", appointedOn = "2025-10-01" }))
            .StatusCode.ShouldBe(HttpStatusCode.OK);

        var commissioners = await Platform.ConnectionStringAsync("commissioners-db");
        const string Raised = "SELECT count(*) FROM outbox_messages WHERE event_type = 'OutcomeOverdue' AND payload LIKE $1";
        var surrey = $"%{ThreeReplicas.Surrey.Gss}%";
        await Eventually.TrueAsync(async () => await DatabaseRows.CountAsync(commissioners, Raised, surrey) > 0, TimeSpan.FromSeconds(30), "the missed outcome to be raised");
        // Ten more seconds: some thirty passes of the three replicas' monitors.
        await Task.Delay(TimeSpan.FromSeconds(10));
        (await DatabaseRows.CountAsync(commissioners, Raised, surrey)).ShouldBe(1);
    }

    [Fact]
    public async Task Of_fifty_conflicting_moves_on_one_case_sent_at_once_across_replicas_exactly_one_is_made()
    {
        using var ofsted = Platform.Client(Roles.Ofsted);
        (await ofsted.PostAsJsonAsync("/api/inspections/judgements", new
        {
            localAuthority = ThreeReplicas.Warwickshire.Gss, framework = "ilacs-standard", inspectionStartDate = "2026-09-07",
            inspectionEndDate = "2026-09-18", publicationDate = "2026-10-26", overall = "inadequate",
        })).StatusCode.ShouldBe(HttpStatusCode.Created, Platform.RecentLog());
        using var dfe = Platform.Client(Roles.Dfe);
        var id = await Eventually.ReturnsAsync(async () =>
        {
            var cases = await dfe.GetFromJsonAsync<JsonElement>($"/api/commissioners/cases?la={ThreeReplicas.Warwickshire.Gss}");
            return cases.GetProperty("total").GetInt32() > 0 ? cases.GetProperty("items")[0].GetProperty("id").GetString() : null;
        }, TimeSpan.FromSeconds(30), "the case to open");

        var answers = await Task.WhenAll(Enumerable.Range(0, 50).Select(day =>
            dfe.PostAsJsonAsync($"/api/commissioners/cases/{id}/improvement-plan", new { receivedOn = new DateOnly(2026, 10, 27).AddDays(day % 30).ToString("yyyy-MM-dd") })));

        answers.Count(answer => answer.StatusCode == HttpStatusCode.OK).ShouldBe(1);
        answers.Where(answer => answer.StatusCode != HttpStatusCode.OK).ShouldAllBe(answer => answer.StatusCode == HttpStatusCode.Conflict);
        var read = await dfe.GetFromJsonAsync<JsonElement>($"/api/commissioners/cases/{id}");
        read.GetProperty("transitions").EnumerateArray().Count(t => t.GetProperty("reason").GetString()!.StartsWith("Improvement plan received", StringComparison.Ordinal))
            .ShouldBe(1);
    }

    [Fact]
    public async Task One_idempotency_key_sent_twenty_times_at_once_across_replicas_records_one_judgement()
    {
        using var ofsted = Platform.Client(Roles.Ofsted);
        var key = Guid.NewGuid().ToString();
        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ =>
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/inspections/judgements")
            {
                Content = JsonContent.Create(new
                {
                    localAuthority = ThreeReplicas.Suffolk.Gss, framework = "ilacs-standard", inspectionStartDate = "2026-06-01",
                    inspectionEndDate = "2026-06-12", publicationDate = "2026-07-20", overall = "good",
                }),
            };
            request.Headers.Add("Idempotency-Key", key);
            return ofsted.SendAsync(request);
        }));

        answers.ShouldAllBe(answer => answer.StatusCode == HttpStatusCode.Created || answer.StatusCode == HttpStatusCode.Conflict);
        var created = answers.Where(answer => answer.StatusCode == HttpStatusCode.Created).ToList();
        created.ShouldNotBeEmpty();
        created.Select(answer => answer.Headers.Location).Distinct().Count().ShouldBe(1, "every answer names the one judgement");
        var judgements = await ofsted.GetFromJsonAsync<JsonElement>($"/api/inspections/judgements?la={ThreeReplicas.Suffolk.Gss}");
        judgements.GetProperty("total").GetInt32().ShouldBe(1);
    }
}
