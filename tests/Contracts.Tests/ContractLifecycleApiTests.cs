using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Contracts.Messaging;
using Platform.Messaging.Events;
using Platform.ServiceDefaults.Auth;

namespace Platform.Contracts.Tests;

/// <summary>The contract lifecycle through the API, on the service's own read models fed by events (C1-C5).</summary>
public sealed class ContractLifecycleApiTests(ContractsFactory factory) : IClassFixture<ContractsFactory>, IAsyncLifetime
{
    private const string Doncaster = "E08000017";
    private const string Slough = "E06000039";

    public Task InitializeAsync() => factory.RegisterAuthoritiesAsync((Doncaster, "371", "Doncaster"), (Slough, "871", "Slough"));

    public Task DisposeAsync() => Task.CompletedTask;

    private HttpClient Council => factory.ClientFor(Roles.Council, Doncaster);

    /// <summary>The registry announces a provider's standing; waits until Contracts holds that revision.</summary>
    private async Task<Guid> ProviderAsync(string[] approved, string? conflict = null, Guid? id = null, int revision = 1, string name = "Family Care Trust")
    {
        var providerId = id ?? Guid.NewGuid();
        await factory.PublishAsync(new ProviderEligibilityChanged
        {
            OccurredAt = DateTimeOffset.UtcNow,
            ProviderId = providerId,
            Name = name,
            Revision = revision,
            CharityNumber = "1122334",
            ApprovedScopes = approved,
            ConflictOfInterest = conflict,
            Flags = conflict is null ? [] : ["conflict-of-interest"],
            Reason = "Registry decision.",
        });
        await Eventually.TrueAsync(() => factory.QueryAsync(db => db.Providers.AnyAsync(p => p.ProviderId == providerId && p.Revision == revision)),
            because: "the read model to hold the provider's standing");
        return providerId;
    }

    private static object Draft(
        Guid provider, string[]? scopes = null, string start = "2025-04-01", string end = "2028-03-31", string title = "Child protection services",
        string la = Doncaster, object[]? kpis = null, decimal value = 3_000_000m, string[]? breakPoints = null) => new
        {
            localAuthority = la,
            providerId = provider,
            title,
            scopes = scopes ?? ["child-protection"],
            value,
            startDate = start,
            endDate = end,
            breakPoints = breakPoints ?? ["2027-03-31"],
            kpis = kpis ?? [new { measure = "caseload", target = 18, amberMargin = 2 }, new { measure = "assessment-timeliness", target = 0.85 }],
            reviewCadence = "quarterly",
        };

    private async Task<string> DraftAsync(object draft, HttpClient? council = null)
    {
        var response = await (council ?? Council).PostAsJsonAsync("/api/contracts", draft);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return response.Headers.Location!.ToString();
    }

    private async Task<string> ActiveContractAsync(
        Guid provider, string title, string[]? scopes = null, string start = "2025-04-01", string end = "2028-03-31", string[]? breakPoints = null)
    {
        var contract = await DraftAsync(Draft(provider, scopes, start, end, title, breakPoints: breakPoints));
        (await Council.PostAsync($"{contract}/award", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Council.PostAsync($"{contract}/activation", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        return contract;
    }

    private async Task<JsonElement> ReadAsync(string contract, HttpClient? client = null) =>
        await (client ?? Council).GetFromJsonAsync<JsonElement>(contract);

    [Fact]
    public async Task C2_a_draft_for_an_approved_provider_is_awarded_started_and_announced()
    {
        var provider = await ProviderAsync(["child-protection", "children-in-need"]);
        var contract = await DraftAsync(Draft(provider, ["child-protection", "children-in-need"]));

        var awarded = await Council.PostAsync($"{contract}/award", null);
        awarded.StatusCode.ShouldBe(HttpStatusCode.OK, await awarded.Content.ReadAsStringAsync());
        (await Council.PostAsync($"{contract}/activation", null)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var read = await ReadAsync(contract);
        read.GetProperty("status").GetString().ShouldBe("active");
        read.GetProperty("provider").GetProperty("approvedForEveryScope").GetBoolean().ShouldBeTrue();
        var id = read.GetProperty("id").GetString()!;
        await Eventually.TrueAsync(() => factory.QueryAsync(db => db.OutboxMessages.AnyAsync(m => m.EventType == "ContractAwarded" && m.Payload.Contains(id) && m.SentAt != null)));
    }

    [Fact]
    public async Task C2_an_award_to_a_provider_not_approved_for_every_scope_is_refused_naming_the_rule_and_nothing_changes()
    {
        var provider = await ProviderAsync(["looked-after-children"], name: "CareCo Ltd");
        var contract = await DraftAsync(Draft(provider, ["child-protection"]));

        var problem = await ProblemDocument.ReadAsync(await Council.PostAsync($"{contract}/award", null));

        problem.Status.ShouldBe(409);
        problem.Rule.ShouldBe("C2");
        problem.Detail!.ShouldContain("CareCo Ltd is not approved for child-protection");
        (await ReadAsync(contract)).GetProperty("status").GetString().ShouldBe("draft");
    }

    [Fact]
    public async Task C2_an_award_to_an_unknown_provider_is_a_400_naming_the_field()
    {
        var contract = await DraftAsync(Draft(Guid.NewGuid(), title: "Unknown provider"));

        var problem = await ProblemDocument.ReadAsync(await Council.PostAsync($"{contract}/award", null));

        problem.Status.ShouldBe(400);
        problem.Errors!.Keys.ShouldBe(["providerId"]);
        problem.Errors["providerId"][0].ShouldContain("(C2)");
    }

    [Fact]
    public async Task C2_an_award_to_a_provider_in_a_conflict_of_interest_is_refused_under_P4()
    {
        var provider = await ProviderAsync(["looked-after-children"], conflict: "Finders Ltd finds placements and its corporate group provides them (P4).");
        var contract = await DraftAsync(Draft(provider, ["looked-after-children"], title: "Placements"));

        var response = await Council.PostAsync($"{contract}/award", null);

        response.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        body.GetProperty("rule").GetString().ShouldBe("C2");
        body.GetProperty("cause").GetString().ShouldBe("P4");
    }

    [Fact]
    public async Task A_suspension_reaches_the_read_model_and_a_stale_event_does_not_undo_it()
    {
        var provider = await ProviderAsync(["child-protection"]);
        var contract = await ActiveContractAsync(provider, "Suspended later");

        await ProviderAsync([], id: provider, revision: 3);
        await factory.PublishAsync(new ProviderEligibilityChanged
        {
            OccurredAt = DateTimeOffset.UtcNow, ProviderId = provider, Name = "Family Care Trust", Revision = 2, ApprovedScopes = ["child-protection"], Reason = "Older news.",
        });
        await Eventually.TrueAsync(() => factory.QueryAsync(db => db.InboxMessages.CountAsync(m => m.Consumer == nameof(ProviderEligibilityChangedConsumer)).ContinueWith(t => t.Result >= 3)));

        var standing = (await ReadAsync(contract)).GetProperty("provider");
        standing.GetProperty("approvedForEveryScope").GetBoolean().ShouldBeFalse();
        standing.GetProperty("notApprovedFor").EnumerateArray().Select(s => s.GetString()).ShouldBe(["child-protection"]);
    }

    [Fact]
    public async Task C3_two_consecutive_red_reviews_are_a_breach_with_a_remedial_notice_and_an_event()
    {
        var provider = await ProviderAsync(["child-protection"]);
        var contract = await ActiveContractAsync(provider, "Heading for breach");
        var red = new { figures = new object[] { new { measure = "caseload", value = 26 }, new { measure = "assessment-timeliness", value = 0.9 } } };

        (await Council.PostAsJsonAsync($"{contract}/reviews", red)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var second = await Council.PostAsJsonAsync($"{contract}/reviews", red);

        second.StatusCode.ShouldBe(HttpStatusCode.OK);
        var read = await second.Content.ReadFromJsonAsync<JsonElement>();
        var reviews = read.GetProperty("reviews");
        reviews.GetArrayLength().ShouldBe(2);
        reviews[1].GetProperty("ratings").EnumerateArray().Select(r => r.GetProperty("rating").GetString()).ShouldBe(["red", "green"]);
        reviews[1].GetProperty("breached").EnumerateArray().Select(m => m.GetString()).ShouldBe(["caseload"]);
        var notice = read.GetProperty("remedialNotices").EnumerateArray().Single();
        var due = DateOnly.Parse(notice.GetProperty("dueOn").GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        (due.DayNumber - DateOnly.FromDateTime(DateTime.UtcNow).DayNumber).ShouldBeInRange(27, 29);
        var id = read.GetProperty("id").GetString()!;
        await Eventually.TrueAsync(() => factory.QueryAsync(db => db.OutboxMessages.AnyAsync(m => m.EventType == "ContractBreachDetected" && m.Payload.Contains(id) && m.SentAt != null)));
    }

    [Fact]
    public async Task C3_kpis_without_a_submitted_figure_are_rated_from_the_authoritys_workforce_return()
    {
        await factory.PublishAsync(new WorkforceReturnSubmitted
        {
            OccurredAt = DateTimeOffset.UtcNow, ReturnId = Guid.NewGuid(), LocalAuthority = Slough, CensusYear = 2024, Version = 2, Caseload = 24.5m, AgencyRate = 0.3m,
        });
        await Eventually.TrueAsync(() => factory.QueryAsync(db => db.Workforce.AnyAsync(w => w.LocalAuthority == Slough && w.Version == 2)));
        var slough = factory.ClientFor(Roles.Council, Slough);
        var provider = await ProviderAsync(["child-protection"]);
        var contract = await DraftAsync(Draft(provider, la: Slough, title: "Slough's", start: "2025-01-01"), slough);
        (await slough.PostAsync($"{contract}/award", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await slough.PostAsync($"{contract}/activation", null)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var reviewed = await slough.PostAsJsonAsync($"{contract}/reviews", new { figures = new object[] { new { measure = "assessment-timeliness", value = 0.8 } } });

        reviewed.StatusCode.ShouldBe(HttpStatusCode.OK, await reviewed.Content.ReadAsStringAsync());
        var caseload = (await reviewed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reviews")[0].GetProperty("ratings")[0];
        caseload.GetProperty("actual").GetDecimal().ShouldBe(24.5m);
        caseload.GetProperty("source").GetString().ShouldBe("workforce return 2024 (version 2)");
        caseload.GetProperty("rating").GetString().ShouldBe("red");
    }

    [Fact]
    public async Task C4_variations_keep_their_history_and_a_scope_added_must_pass_C2_again()
    {
        var provider = await ProviderAsync(["child-protection"]);
        var contract = await ActiveContractAsync(provider, "To be varied");

        var varied = await Council.PostAsJsonAsync($"{contract}/variations", new { reason = "Demand rose.", value = 3_400_000m, endDate = "2029-03-31" });
        var refused = await Council.PostAsJsonAsync($"{contract}/variations", new { reason = "Add adoption.", scopes = new[] { "child-protection", "adoption" } });

        varied.StatusCode.ShouldBe(HttpStatusCode.OK, await varied.Content.ReadAsStringAsync());
        (await ProblemDocument.ReadAsync(refused)).Rule.ShouldBe("C2");
        var read = await ReadAsync(contract);
        read.GetProperty("status").GetString().ShouldBe("varied");
        read.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()).ShouldBe(["child-protection"]);
        var variation = read.GetProperty("variations").EnumerateArray().Single();
        variation.GetProperty("reason").GetString().ShouldBe("Demand rose.");
        variation.GetProperty("by").GetString().ShouldBe("test-council");
        variation.GetProperty("changes").EnumerateArray().Select(c => (c.GetProperty("field").GetString(), c.GetProperty("from").GetString(), c.GetProperty("to").GetString()))
            .ShouldBe([("value", "3000000.00", "3400000.00"), ("endDate", "2028-03-31", "2029-03-31")]);
    }

    [Fact]
    public async Task C1_a_second_award_overlapping_the_term_for_the_same_scope_is_a_400()
    {
        var provider = await ProviderAsync(["child-protection"]);
        await ActiveContractAsync(provider, "First term");

        var problem = await ProblemDocument.ReadAsync(await Council.PostAsJsonAsync("/api/contracts", Draft(provider, start: "2027-04-01", end: "2030-03-31", title: "Overlapping", breakPoints: [])));

        problem.Status.ShouldBe(400);
        problem.Errors!["startDate"][0].ShouldContain("overlaps");
        (await factory.QueryAsync(db => db.Contracts.CountAsync(c => c.Title == "Overlapping"))).ShouldBe(0);
    }

    [Fact]
    public async Task Bad_terms_are_each_named_with_their_rule_and_nothing_is_stored()
    {
        var response = await Council.PostAsJsonAsync("/api/contracts", Draft(
            Guid.NewGuid(), title: "Bad terms", value: -1m, kpis: [new { measure = "agency-rate", target = 1.5 }, new { measure = "caseload", target = 500 }]));

        var problem = await ProblemDocument.ReadAsync(response);
        problem.Errors!.Keys.ShouldBe(["value", "kpis[0].target", "kpis[1].target"], ignoreOrder: true);
        problem.Errors["kpis[0].target"][0].ShouldContain("(C3)");
        (await factory.QueryAsync(db => db.Contracts.CountAsync(c => c.Title == "Bad terms"))).ShouldBe(0);
    }

    [Fact]
    public async Task A_terminated_contract_is_not_reviewed_and_the_lifecycle_refusal_names_C1()
    {
        var provider = await ProviderAsync(["child-protection"]);
        var contract = await ActiveContractAsync(provider, "Ended early");

        (await Council.PostAsJsonAsync($"{contract}/termination", new { reason = "Persistent breach.", lastDay = "2026-06-30" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        var problem = await ProblemDocument.ReadAsync(await Council.PostAsJsonAsync($"{contract}/reviews", new { figures = Array.Empty<object>() }));

        problem.Rule.ShouldBe("C1");
        problem.Detail!.ShouldContain("terminated");
        (await ReadAsync(contract)).GetProperty("endedOn").GetString().ShouldBe("2026-06-30");
    }

    [Fact]
    public async Task A_contract_past_its_term_is_marked_expired_by_the_monitor()
    {
        var provider = await ProviderAsync(["care-leavers"]);
        var contract = await ActiveContractAsync(provider, "Long finished", ["care-leavers"], start: "2020-04-01", end: "2021-03-31", breakPoints: []);

        (await factory.Services.GetRequiredService<ExpiryMonitor>().CheckAsync(CancellationToken.None)).ShouldBeGreaterThanOrEqualTo(1);

        var read = await ReadAsync(contract);
        read.GetProperty("status").GetString().ShouldBe("expired");
        read.GetProperty("endedOn").GetString().ShouldBe("2021-03-31");
    }

    [Fact]
    public async Task Councils_change_only_their_own_contracts_and_providers_see_only_theirs()
    {
        var provider = await ProviderAsync(["child-protection"]);
        var other = await ProviderAsync(["child-protection"], name: "Another Trust");
        var contract = await DraftAsync(Draft(provider, title: "Doncaster's contract"));

        (await factory.ClientFor(Roles.Council, Slough).PostAsync($"{contract}/award", null)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await factory.ClientForProvider(provider).GetAsync(contract)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await factory.ClientForProvider(other).GetAsync(contract)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await factory.ClientForProvider(provider).PostAsync($"{contract}/award", null)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var listed = await factory.ClientForProvider(other).GetFromJsonAsync<JsonElement>("/api/contracts");
        listed.GetProperty("items").EnumerateArray().ShouldAllBe(c => c.GetProperty("providerId").GetString() == other.ToString());
        var slough = await factory.ClientFor(Roles.Council, Slough).GetFromJsonAsync<JsonElement>("/api/contracts");
        slough.GetProperty("items").EnumerateArray().ShouldAllBe(c => c.GetProperty("localAuthority").GetString() == Slough);
    }

    [Fact]
    public async Task C5_published_contracts_are_an_OCDS_package_and_drafts_are_not_in_it()
    {
        var provider = await ProviderAsync(["child-protection"]);
        var published = await ActiveContractAsync(provider, "Published contract");
        (await Council.PostAsJsonAsync($"{published}/payments", new { date = "2025-05-01", amount = 250_000 })).StatusCode.ShouldBe(HttpStatusCode.OK);
        var draft = await DraftAsync(Draft(provider, ["care-leavers"], title: "Still a draft"));

        var all = await Council.GetFromJsonAsync<JsonElement>("/api/contracts/ocds?pageSize=500");
        var one = await Council.GetFromJsonAsync<JsonElement>($"{published}/ocds");

        OcdsSchema.Problems(all).ShouldBeEmpty();
        OcdsSchema.Problems(one).ShouldBeEmpty();
        var publishedId = (await ReadAsync(published)).GetProperty("id").GetString();
        var draftId = (await ReadAsync(draft)).GetProperty("id").GetString();
        var titles = all.GetProperty("releases").EnumerateArray().Select(r => r.GetProperty("contracts")[0].GetProperty("id").GetString()).ToList();
        titles.ShouldContain(publishedId);
        titles.ShouldNotContain(draftId);
        var release = one.GetProperty("releases").EnumerateArray().Single();
        release.GetProperty("parties")[0].GetProperty("name").GetString().ShouldBe("Doncaster");
        release.GetProperty("contracts")[0].GetProperty("implementation").GetProperty("transactions").GetArrayLength().ShouldBe(1);
        (await Council.GetAsync($"{draft}/ocds")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await factory.ClientFor(Roles.Council, Slough).GetAsync($"{published}/ocds")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }
}
