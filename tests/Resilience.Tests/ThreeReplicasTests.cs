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
        Platform = await RunningPlatform.StartAsync(replicas: 3, settings: new Dictionary<string, string> { ["Intervention:DeadlineCheckInterval"] = "00:00:01" });
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
/// The main journeys of the end-to-end suite give, on three replicas of every service, the results they
/// give on one; a deadline is raised once however many replicas watch it; of 50 conflicting moves on one
/// case one is made; one idempotency key sent 20 times at once has one effect.
/// </summary>
[Collection(nameof(Faults))]
public sealed class ThreeReplicasTests(ThreeReplicas fixture) : IClassFixture<ThreeReplicas>
{
    private RunningPlatform Platform => fixture.Platform;

    [Fact]
    public Task An_inadequate_judgement_opens_a_case() => MainJourneys.InadequateJudgementOpensACaseAsync(Platform);

    [Fact]
    public Task An_improved_history_ends_its_case() => MainJourneys.ImprovedHistoryEndsItsCaseAsync(Platform);

    [Fact]
    public Task Persistent_failure_reaches_a_commissioner_and_the_registry() => MainJourneys.PersistentFailureReachesTheRegistryAsync(Platform);

    [Fact]
    public Task The_for_profit_ban_holds_through_contracts() => MainJourneys.ForProfitBanHoldsThroughContractsAsync(Platform);

    [Fact]
    public async Task Each_missed_deadline_is_raised_once_by_three_replicas_checking_every_second()
    {
        using var ofsted = Platform.Client(Roles.Ofsted);
        (await ofsted.PostAsJsonAsync("/api/inspections/judgements", new
        {
            localAuthority = ThreeReplicas.Surrey.Gss, framework = "ilacs-standard", inspectionStartDate = "2025-04-07",
            inspectionEndDate = "2025-04-18", publicationDate = "2025-06-02", overall = "inadequate",
        })).StatusCode.ShouldBe(HttpStatusCode.Created, Platform.RecentLog());
        var commissioners = await Platform.ConnectionStringAsync("commissioners-db");
        const string Raised = "SELECT count(*) FROM outbox_messages WHERE event_type = $1 AND payload LIKE $2";
        var surrey = $"%{ThreeReplicas.Surrey.Gss}%";

        await Eventually.TrueAsync(async () => await OnePlatform.CountAsync(commissioners, Raised, "ProgressReviewOverdue", surrey) > 0,
            TimeSpan.FromSeconds(30), "the missed review to be raised");
        // Ten more seconds: some thirty passes of the three replicas' monitors.
        await Task.Delay(TimeSpan.FromSeconds(10));
        (await OnePlatform.CountAsync(commissioners, Raised, "ImprovementPlanOverdue", surrey)).ShouldBe(1);
        (await OnePlatform.CountAsync(commissioners, Raised, "ProgressReviewOverdue", surrey)).ShouldBe(1);
        (await OnePlatform.CountAsync(commissioners, Raised, "CommissionerRequired", surrey)).ShouldBe(1, "R3 applied once");
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
