using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Commissioners.Domain;
using Platform.Messaging.Events;
using Platform.ServiceDefaults.Auth;

namespace Platform.Commissioners.Tests;

public sealed class InterventionLifecycleTests(ClockedCommissionersFactory factory) : IClassFixture<ClockedCommissionersFactory>, IAsyncLifetime
{
    private const string Birmingham = "E08000025";
    private const string Sandwell = "E08000028";
    private const string Doncaster = "E08000017";
    private const string Slough = "E06000039";
    private const string Sunderland = "E08000024";
    private const string Reading = "E06000038";
    private const string Norfolk = "E10000020";
    private const string Wakefield = "E08000036";
    private const string Solihull = "E08000029";
    private const string Kirklees = "E08000034";
    private const string Kingston = "E09000021";
    private const string Richmond = "E09000027";
    private const string Hartlepool = "E06000001";
    private const string Middlesbrough = "E06000002";
    private const string Redcar = "E06000003";
    private const string Stockton = "E06000004";
    private const string Darlington = "E06000005";
    private const string Halton = "E06000006";
    private const string Warrington = "E06000007";

    public Task InitializeAsync() => factory.RegisterAuthoritiesAsync(
        (Birmingham, "330", "Birmingham"), (Sandwell, "333", "Sandwell"), (Doncaster, "371", "Doncaster"), (Slough, "871", "Slough"),
        (Sunderland, "394", "Sunderland"), (Reading, "870", "Reading"), (Norfolk, "926", "Norfolk"),
        (Wakefield, "384", "Wakefield"), (Solihull, "334", "Solihull"), (Kirklees, "382", "Kirklees"),
        (Kingston, "314", "Kingston upon Thames"), (Richmond, "318", "Richmond upon Thames"), (Hartlepool, "805", "Hartlepool"),
        (Middlesbrough, "806", "Middlesbrough"), (Redcar, "807", "Redcar and Cleveland"), (Stockton, "808", "Stockton-on-Tees"),
        (Darlington, "841", "Darlington"), (Halton, "876", "Halton"), (Warrington, "877", "Warrington"));

    public Task DisposeAsync() => Task.CompletedTask;

    private static InspectionPublished Judgement(string la, string published, string overall, bool systemic = false) => new()
    {
        OccurredAt = DateTimeOffset.UtcNow,
        JudgementId = Guid.NewGuid(),
        LocalAuthority = la,
        Framework = "ilacs-standard",
        Overall = overall,
        PublicationDate = DateOnly.Parse(published),
        WholesaleInadequateServices = systemic,
        CorporateFailureBySeniorLeaders = systemic,
    };

    private async Task PublishAndWaitAsync(InspectionPublished judgement)
    {
        await factory.PublishAsync(judgement);
        await Eventually.TrueAsync(() => factory.QueryAsync(db => db.InboxMessages.AnyAsync(m => m.EventId == judgement.EventId)), because: "the judgement to be applied");
    }

    private async Task<JsonElement> CaseOfAsync(string la)
    {
        var cases = await factory.ClientFor(Roles.Dfe).GetFromJsonAsync<JsonElement>($"/api/commissioners/cases?la={la}");
        return cases.GetProperty("items")[0];
    }

    /// <summary>Puts a commissioner on the register and returns their id.</summary>
    private async Task<string> RegisterCommissionerAsync(string name, string? home = null)
    {
        var response = await factory.ClientFor(Roles.Dfe).PostAsJsonAsync("/api/commissioners/register", new
        {
            name, subject = $"{name.ToLowerInvariant().Replace(' ', '-')}-{Guid.NewGuid():N}", homeAuthority = home, expertise = new[] { "children's services" },
        });
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    private Task<bool> OutboxHasAsync(string eventType, string la) =>
        factory.QueryAsync(db => db.OutboxMessages.AnyAsync(m => m.EventType == eventType && m.Payload.Contains(la)));

    [Fact]
    public async Task Given_three_inadequate_judgements_in_five_years_when_the_third_is_published_then_R1_requires_a_commissioner()
    {
        await PublishAndWaitAsync(Judgement(Birmingham, "2021-06-01", "inadequate"));
        await PublishAndWaitAsync(Judgement(Birmingham, "2023-06-01", "requires-improvement"));
        (await CaseOfAsync(Birmingham)).GetProperty("status").GetString().ShouldBe("closed", "T4b: re-inspected requires improvement");
        await PublishAndWaitAsync(Judgement(Birmingham, "2024-06-01", "inadequate"));
        await PublishAndWaitAsync(Judgement(Birmingham, "2024-10-01", "inadequate"));

        var interventionCase = await CaseOfAsync(Birmingham);
        interventionCase.GetProperty("status").GetString().ShouldBe("commissioner-required");
        var explanation = interventionCase.GetProperty("explanation");
        explanation.GetProperty("rule").GetString().ShouldBe("R1");
        explanation.GetProperty("policy").GetString().ShouldBe("seeds-2015");
        explanation.GetProperty("text").GetString()!.ShouldContain("3 inadequate judgements");
        explanation.GetProperty("judgementIds").GetArrayLength().ShouldBe(3);
        (await OutboxHasAsync("CommissionerRequired", Birmingham)).ShouldBeTrue();
    }

    [Fact]
    public async Task Given_systemic_failure_the_case_goes_from_R2_to_appointment_to_a_new_trust_and_closes()
    {
        await PublishAndWaitAsync(Judgement(Sandwell, "2026-10-01", "inadequate", systemic: true));
        var id = (await CaseOfAsync(Sandwell)).GetProperty("id").GetString();
        var dfe = factory.ClientFor(Roles.Dfe);

        var employee = await RegisterCommissionerAsync("Sandwell Insider", home: Sandwell);
        var refused = await dfe.PostAsJsonAsync($"/api/commissioners/cases/{id}/appointment",
            new { commissionerId = employee, directionReference = "DfE-2026-SAN-0", appointedOn = "2026-10-15" });
        (await ProblemDocument.ReadAsync(refused)).Rule.ShouldBe("T7");

        var commissioner = await RegisterCommissionerAsync("Eleanor Brazil");
        var appointed = await dfe.PostAsJsonAsync($"/api/commissioners/cases/{id}/appointment",
            new { commissionerId = commissioner, directionReference = "DfE-2026-SAN-1", appointedOn = "2026-10-15" });
        appointed.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await appointed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("outcomeDue").GetString().ShouldBe("2027-10-15");

        var again = await dfe.PostAsJsonAsync($"/api/commissioners/cases/{id}/appointment",
            new { commissionerId = commissioner, directionReference = "DfE-2026-SAN-2", appointedOn = "2026-10-16" });
        again.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await ProblemDocument.ReadAsync(again)).Rule.ShouldBe("T2");

        var decided = await dfe.PostAsJsonAsync($"/api/commissioners/cases/{id}/outcome",
            new { outcome = "new-trust", reasons = "No compelling reason to keep services in council control.", decidedOn = "2026-11-20" });
        decided.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await OutboxHasAsync("TrustEstablishmentRequested", Sandwell)).ShouldBeTrue();

        var closed = await dfe.PostAsJsonAsync($"/api/commissioners/cases/{id}/closure", new { reason = "Trust registration handed to the registry." });
        var transitions = (await closed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("transitions").EnumerateArray()
            .Select(t => t.GetProperty("rule").GetString()).ToList();
        transitions.ShouldBe(["T1", "R2", "T2", "T3", "T3"]);
    }

    [Fact]
    public async Task T4b_history_replayed_as_it_happened_ends_a_case_past_T2_on_a_later_good_judgement_with_the_reason()
    {
        // Inadequate in 2018 with no review recorded: R3 made it persistent failure at the review date;
        // an inadequate re-inspection was recorded on it; good in 2022 ended it.
        await PublishAndWaitAsync(Judgement(Wakefield, "2018-09-01", "inadequate"));
        await PublishAndWaitAsync(Judgement(Wakefield, "2019-10-01", "inadequate"));
        await PublishAndWaitAsync(Judgement(Wakefield, "2022-08-01", "good"));

        var cases = await factory.ClientFor(Roles.Dfe).GetFromJsonAsync<JsonElement>($"/api/commissioners/cases?la={Wakefield}");
        var ended = cases.GetProperty("items").EnumerateArray().ShouldHaveSingleItem();
        ended.GetProperty("status").GetString().ShouldBe("closed");
        ended.GetProperty("closedOn").GetString().ShouldBe("2022-08-01");
        var rules = ended.GetProperty("transitions").EnumerateArray().Select(t => t.GetProperty("rule").GetString()).ToList();
        rules.ShouldBe(["T1", "R3", "T4b", "T4b"]);
        ended.GetProperty("transitions")[2].GetProperty("reason").GetString()!.ShouldContain("2019-10-01");
        ended.GetProperty("transitions")[3].GetProperty("reason").GetString()!.ShouldContain("graded good");
        (await OutboxHasAsync("InterventionCaseClosed", Wakefield)).ShouldBeTrue();
    }

    [Fact]
    public async Task I3c_a_case_ends_on_the_last_day_of_an_authority_a_reorganisation_ended()
    {
        const string Northamptonshire = "E10000021";
        await factory.RegisterAuthoritiesAsync((Northamptonshire, "928", "Northamptonshire"));
        await PublishAndWaitAsync(Judgement(Northamptonshire, "2019-08-01", "inadequate"));
        (await CaseOfAsync(Northamptonshire)).GetProperty("status").GetString().ShouldNotBe("closed");

        var ended = new LocalAuthorityRegistered
        {
            OccurredAt = DateTimeOffset.UtcNow, LocalAuthority = Northamptonshire, LaNumber = "928", Name = "Northamptonshire", Region = "Test region",
            EndedOn = new DateOnly(2021, 3, 31), Successors = ["E06000061", "E06000062"],
        };
        await factory.PublishAsync(ended);
        await Eventually.TrueAsync(() => factory.QueryAsync(db => db.InboxMessages.AnyAsync(m => m.EventId == ended.EventId)));

        var closed = await CaseOfAsync(Northamptonshire);
        closed.GetProperty("status").GetString().ShouldBe("closed");
        closed.GetProperty("closedOn").GetString().ShouldBe("2021-03-31");
        var last = closed.GetProperty("transitions").EnumerateArray().Last();
        last.GetProperty("rule").GetString().ShouldBe("I3c");
        last.GetProperty("reason").GetString()!.ShouldContain("E06000061 and E06000062");
    }

    [Fact]
    public async Task T1_a_case_ends_when_the_judgement_that_opened_it_is_corrected_to_a_better_grade()
    {
        var judgement = Judgement(Solihull, "2026-06-01", "inadequate");
        await PublishAndWaitAsync(judgement);
        (await CaseOfAsync(Solihull)).GetProperty("status").GetString().ShouldBe("opened");

        await PublishAndWaitAsync(new InspectionPublished
        {
            OccurredAt = DateTimeOffset.UtcNow, JudgementId = judgement.JudgementId, Version = 2, LocalAuthority = Solihull, Framework = "ilacs-standard",
            Overall = "requires-improvement", PublicationDate = judgement.PublicationDate,
        });

        var corrected = await CaseOfAsync(Solihull);
        corrected.GetProperty("status").GetString().ShouldBe("closed");
        corrected.GetProperty("transitions").EnumerateArray().Last().GetProperty("reason").GetString()!.ShouldContain("corrected");
    }

    [Fact]
    public async Task P5_T6_a_trusts_judgement_is_the_latest_grade_of_the_authority_it_serves_when_partners_are_suggested()
    {
        var trust = Guid.NewGuid();
        await PublishAndWaitAsync(Judgement(Kingston, "2015-06-01", "inadequate"));
        await PublishAndWaitAsync(Judgement(Kingston, "2019-06-01", "good") with { ProviderId = trust });
        await PublishAndWaitAsync(Judgement(Richmond, "2026-06-01", "inadequate"));

        var id = (await CaseOfAsync(Richmond)).GetProperty("id").GetString();
        var suggestions = await factory.ClientFor(Roles.Dfe).GetFromJsonAsync<JsonElement>($"/api/commissioners/cases/{id}/partner-suggestions");

        var kingston = suggestions.GetProperty("items").EnumerateArray().Single(s => s.GetProperty("localAuthority").GetString() == Kingston);
        kingston.GetProperty("latestGrade").GetString().ShouldBe("good");
        kingston.GetProperty("latestPublished").GetString().ShouldBe("2019-06-01");
        (await CaseOfAsync(Kingston)).GetProperty("status").GetString().ShouldBe("closed", "the trust's good judgement ended the authority's case (T4)");
    }

    [Fact]
    public async Task Of_fifty_concurrent_moves_on_one_case_exactly_one_succeeds_and_a_move_on_a_stale_version_is_a_412()
    {
        await PublishAndWaitAsync(Judgement(Hartlepool, "2026-08-03", "inadequate"));
        var id = (await CaseOfAsync(Hartlepool)).GetProperty("id").GetString();
        var dfe = factory.ClientFor(Roles.Dfe);
        var read = await dfe.GetAsync($"/api/commissioners/cases/{id}");
        var readTag = read.Headers.ETag!.Tag;

        var answers = await Task.WhenAll(Enumerable.Range(0, 50).Select(day =>
            dfe.PostAsJsonAsync($"/api/commissioners/cases/{id}/improvement-plan", new { receivedOn = new DateOnly(2026, 9, 1).AddDays(day % 28).ToString("yyyy-MM-dd") })));

        answers.Count(answer => answer.StatusCode == HttpStatusCode.OK).ShouldBe(1);
        answers.Where(answer => answer.StatusCode != HttpStatusCode.OK).ShouldAllBe(answer => answer.StatusCode == HttpStatusCode.Conflict);
        var plans = await factory.QueryAsync(db => db.CasesWithHistory.AsNoTracking().SingleAsync(c => c.Id == Guid.Parse(id!)));
        plans.Transitions.Count(t => t.Reason.Contains("improvement plan", StringComparison.OrdinalIgnoreCase)).ShouldBeLessThanOrEqualTo(1);

        var stale = new HttpRequestMessage(HttpMethod.Post, $"/api/commissioners/cases/{id}/review") { Content = JsonContent.Create(new { reviewedOn = "2026-11-02", progress = "sufficient" }) };
        stale.Headers.TryAddWithoutValidation("If-Match", readTag);
        var refused = await dfe.SendAsync(stale);
        refused.StatusCode.ShouldBe(HttpStatusCode.PreconditionFailed);
        (await CaseOfAsync(Hartlepool)).GetProperty("status").GetString().ShouldBe("opened", "the stale move changed nothing");
        var current = (await dfe.GetAsync($"/api/commissioners/cases/{id}")).Headers.ETag!.Tag;
        current.ShouldNotBe(readTag);
    }

    [Fact]
    public async Task T7_one_commissioner_appointed_to_three_cases_at_once_holds_no_more_than_the_limit()
    {
        var cases = new List<string>();
        foreach (var authority in new[] { Middlesbrough, Redcar, Stockton })
        {
            await PublishAndWaitAsync(Judgement(authority, "2026-08-10", "inadequate", systemic: true));
            cases.Add((await CaseOfAsync(authority)).GetProperty("id").GetString()!);
        }

        var commissionerId = await RegisterCommissionerAsync("Tees Valley Commissioner");
        var dfe = factory.ClientFor(Roles.Dfe);

        var answers = await Task.WhenAll(cases.Select(id =>
            dfe.PostAsJsonAsync($"/api/commissioners/cases/{id}/appointment", new { commissionerId, directionReference = "D-TV", appointedOn = "2026-09-01" })));

        answers.Count(answer => answer.StatusCode == HttpStatusCode.OK).ShouldBe(2, "T7 allows two appointments at once");
        var refused = await ProblemDocument.ReadAsync(answers.Single(answer => answer.StatusCode != HttpStatusCode.OK));
        refused.Rule.ShouldBe("T7");
        (await factory.QueryAsync(db => db.Cases.CountAsync(c => c.CommissionerId == Guid.Parse(commissionerId)))).ShouldBe(2);
    }

    [Fact]
    public async Task Cases_are_listed_by_localAuthority_and_the_deprecated_la_still_works_for_one_release()
    {
        await PublishAndWaitAsync(Judgement(Kirklees, "2026-07-01", "inadequate"));
        var dfe = factory.ClientFor(Roles.Dfe);

        var byCurrentName = await dfe.GetFromJsonAsync<JsonElement>($"/api/commissioners/cases?localAuthority={Kirklees}");
        var byOldName = await dfe.GetFromJsonAsync<JsonElement>($"/api/commissioners/cases?la={Kirklees}");

        byCurrentName.GetProperty("items").EnumerateArray().ShouldAllBe(c => c.GetProperty("localAuthority").GetString() == Kirklees);
        byCurrentName.GetProperty("total").GetInt32().ShouldBeGreaterThan(0);
        byOldName.GetProperty("total").GetInt32().ShouldBe(byCurrentName.GetProperty("total").GetInt32());
        var unknown = await ProblemDocument.ReadAsync(await dfe.GetAsync("/api/commissioners/cases?localAuthority=E06999999"));
        unknown.Errors!.Keys.ShouldContain("localAuthority");

        var openApi = await factory.ClientFor(Roles.Dfe).GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var parameters = openApi.GetProperty("paths").GetProperty("/api/commissioners/cases").GetProperty("get").GetProperty("parameters").EnumerateArray().ToList();
        parameters.ShouldContain(p => p.GetProperty("name").GetString() == "localAuthority");
        parameters.Single(p => p.GetProperty("name").GetString() == "la").GetProperty("deprecated").GetBoolean().ShouldBeTrue();
    }

    [Fact]
    public async Task A_review_recording_insufficient_progress_is_R3()
    {
        await PublishAndWaitAsync(Judgement(Doncaster, "2026-04-01", "inadequate"));
        var id = (await CaseOfAsync(Doncaster)).GetProperty("id").GetString();

        var reviewed = await factory.ClientFor(Roles.Dfe).PostAsJsonAsync($"/api/commissioners/cases/{id}/review", new { reviewedOn = "2026-10-01", progress = "insufficient" });

        var body = await reviewed.Content.ReadFromJsonAsync<JsonElement>();
        body.GetProperty("status").GetString().ShouldBe("commissioner-required");
        body.GetProperty("explanation").GetProperty("rule").GetString().ShouldBe("R3");
    }

    [Fact]
    public async Task Moves_are_for_dfe_and_bad_input_names_its_field()
    {
        await PublishAndWaitAsync(Judgement(Slough, "2026-05-01", "inadequate"));
        var id = (await CaseOfAsync(Slough)).GetProperty("id").GetString();

        (await factory.ClientFor(Roles.Council, Slough).PostAsJsonAsync($"/api/commissioners/cases/{id}/closure", new { reason = "x" }))
            .StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var problem = await ProblemDocument.ReadAsync(await factory.ClientFor(Roles.Dfe).PostAsJsonAsync($"/api/commissioners/cases/{id}/review", new { reviewedOn = "2099-01-01", progress = "middling" }));
        problem.Errors!.Keys.ShouldContain("progress");

        var early = await factory.ClientFor(Roles.Dfe).PostAsJsonAsync($"/api/commissioners/cases/{id}/closure", new { reason = "We would like to stop." });
        early.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await ProblemDocument.ReadAsync(early)).Rule.ShouldBe("T4");
    }

    [Fact]
    public async Task A_takeover_goes_only_to_a_high_performing_authority()
    {
        await PublishAndWaitAsync(Judgement(Norfolk, "2025-01-01", "outstanding"));
        await PublishAndWaitAsync(Judgement(Reading, "2026-06-01", "inadequate", systemic: true));
        var id = (await CaseOfAsync(Reading)).GetProperty("id").GetString();
        var dfe = factory.ClientFor(Roles.Dfe);
        await dfe.PostAsJsonAsync($"/api/commissioners/cases/{id}/appointment", new { commissionerId = await RegisterCommissionerAsync("Reading Commissioner"), directionReference = "D", appointedOn = "2026-07-01" });

        var toFailing = await dfe.PostAsJsonAsync($"/api/commissioners/cases/{id}/outcome",
            new { outcome = "takeover", reasons = "r", takeoverAuthority = Slough, decidedOn = "2026-11-01" });
        (await ProblemDocument.ReadAsync(toFailing)).Rule.ShouldBe("T3");

        var toNorfolk = await dfe.PostAsJsonAsync($"/api/commissioners/cases/{id}/outcome",
            new { outcome = "takeover", reasons = "Outstanding and willing.", takeoverAuthority = Norfolk, decidedOn = "2026-11-01" });
        (await toNorfolk.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("takeoverAuthority").GetString().ShouldBe(Norfolk);
    }

    [Fact]
    public async Task Deadlines_raise_their_events_once_as_time_passes_and_a_missed_review_is_R3()
    {
        await PublishAndWaitAsync(Judgement(Sunderland, "2026-11-20", "inadequate"));
        var monitor = factory.Services.GetRequiredService<DeadlineMonitor>();
        var id = Guid.Parse((await CaseOfAsync(Sunderland)).GetProperty("id").GetString()!);

        await monitor.CheckAsync(CancellationToken.None);
        (await OutboxHasAsync("ImprovementPlanOverdue", Sunderland)).ShouldBeFalse();

        factory.Clock.MoveTo(new DateTimeOffset(2027, 2, 22, 9, 0, 0, TimeSpan.Zero));
        await monitor.CheckAsync(CancellationToken.None);
        await monitor.CheckAsync(CancellationToken.None);
        (await factory.QueryAsync(db => db.OutboxMessages.CountAsync(m => m.EventType == "ImprovementPlanOverdue" && m.Payload.Contains(Sunderland)))).ShouldBe(1);
        (await factory.QueryAsync(db => db.Cases.SingleAsync(c => c.Id == id))).Status.ShouldBe(CaseStatus.Opened);

        factory.Clock.MoveTo(new DateTimeOffset(2027, 5, 21, 9, 0, 0, TimeSpan.Zero));
        await monitor.CheckAsync(CancellationToken.None);
        (await OutboxHasAsync("ProgressReviewOverdue", Sunderland)).ShouldBeTrue();
        var afterReview = await factory.QueryAsync(db => db.Cases.SingleAsync(c => c.Id == id));
        afterReview.Status.ShouldBe(CaseStatus.CommissionerRequired);
        afterReview.FiredRule.ShouldBe("R3");

        var appointment = await factory.ClientFor(Roles.Dfe).PostAsJsonAsync($"/api/commissioners/cases/{id}/appointment",
            new { commissionerId = await RegisterCommissionerAsync("Sunderland Commissioner"), directionReference = "D", appointedOn = "2027-05-21" });
        appointment.StatusCode.ShouldBe(HttpStatusCode.OK);
        factory.Clock.MoveTo(new DateTimeOffset(2028, 5, 22, 9, 0, 0, TimeSpan.Zero));
        await monitor.CheckAsync(CancellationToken.None);
        (await OutboxHasAsync("OutcomeOverdue", Sunderland)).ShouldBeTrue();
    }

    [Fact]
    public async Task The_appointed_commissioner_issues_directions_for_their_own_appointment_only()
    {
        await PublishAndWaitAsync(Judgement(Doncaster, "2026-09-01", "inadequate", systemic: true));
        var id = (await CaseOfAsync(Doncaster)).GetProperty("id").GetString();
        var subject = $"commissioner-{Guid.NewGuid():N}";
        var registered = await factory.ClientFor(Roles.Dfe).PostAsJsonAsync("/api/commissioners/register", new { name = "Doncaster Commissioner", subject });
        var commissionerId = (await registered.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        await factory.ClientFor(Roles.Dfe).PostAsJsonAsync($"/api/commissioners/cases/{id}/appointment", new { commissionerId, directionReference = "D", appointedOn = "2026-09-15" });

        var own = factory.ClientAs(subject, Roles.Commissioner, Doncaster);
        var dueOn = DateOnly.FromDateTime(factory.Clock.GetUtcNow().UtcDateTime).AddDays(60).ToString("yyyy-MM-dd");
        var issued = await own.PostAsJsonAsync($"/api/commissioners/cases/{id}/directions", new { text = "Review every open child protection plan.", dueOn });
        issued.StatusCode.ShouldBe(HttpStatusCode.Created, await issued.Content.ReadAsStringAsync());
        (await own.GetFromJsonAsync<JsonElement>(issued.Headers.Location!.ToString())).GetProperty("text").GetString().ShouldBe("Review every open child protection plan.");
        var onTheRegister = await factory.ClientFor(Roles.Dfe).GetFromJsonAsync<JsonElement>(registered.Headers.Location!.ToString());
        onTheRegister.GetProperty("currentAppointments")[0].GetProperty("localAuthority").GetString().ShouldBe(Doncaster);

        var stranger = factory.ClientAs("someone-else", Roles.Commissioner, Doncaster);
        (await stranger.PostAsJsonAsync($"/api/commissioners/cases/{id}/directions", new { text = "Not mine to give.", dueOn }))
            .StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        var directions = await own.GetFromJsonAsync<JsonElement>($"/api/commissioners/cases/{id}/directions");
        directions.GetProperty("total").GetInt32().ShouldBe(1);
        directions.GetProperty("items")[0].GetProperty("status").GetString().ShouldBe("open");

        var register = await factory.ClientFor(Roles.Dfe).GetFromJsonAsync<JsonElement>("/api/commissioners/register");
        register.GetProperty("items").EnumerateArray().Single(p => p.GetProperty("subject").GetString() == subject)
            .GetProperty("currentAppointments")[0].GetProperty("localAuthority").GetString().ShouldBe(Doncaster);
    }

    [Fact]
    public async Task A_profile_changed_with_a_stale_ETag_is_a_412_of_ten_changes_sent_at_once_for_one_version_one_is_made_and_T7_refuses_an_employer_where_they_are_appointed()
    {
        await PublishAndWaitAsync(Judgement(Darlington, "2026-08-17", "inadequate", systemic: true));
        var caseId = (await CaseOfAsync(Darlington)).GetProperty("id").GetString();
        var commissionerId = await RegisterCommissionerAsync("Darlington Commissioner", home: Halton);
        var dfe = factory.ClientFor(Roles.Dfe);
        var read = await dfe.GetAsync($"/api/commissioners/register/{commissionerId}");
        var readTag = read.Headers.ETag!.Tag;

        var answers = await Task.WhenAll(Enumerable.Range(0, 10).Select(n =>
        {
            var change = new HttpRequestMessage(HttpMethod.Put, $"/api/commissioners/register/{commissionerId}")
            {
                Content = JsonContent.Create(new { name = $"Darlington Commissioner {n}", homeAuthority = Halton, expertise = new[] { "children's services" } }),
            };
            change.Headers.TryAddWithoutValidation("If-Match", readTag);
            return dfe.SendAsync(change);
        }));

        answers.Count(answer => answer.StatusCode == HttpStatusCode.OK).ShouldBe(1);
        answers.Where(answer => answer.StatusCode != HttpStatusCode.OK)
            .ShouldAllBe(answer => answer.StatusCode == HttpStatusCode.PreconditionFailed || answer.StatusCode == HttpStatusCode.Conflict);
        var winner = await answers.Single(answer => answer.StatusCode == HttpStatusCode.OK).Content.ReadFromJsonAsync<JsonElement>();
        var afterwards = await dfe.GetAsync($"/api/commissioners/register/{commissionerId}");
        (await afterwards.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("name").GetString().ShouldBe(winner.GetProperty("name").GetString());
        afterwards.Headers.ETag!.Tag.ShouldNotBe(readTag);

        (await dfe.PostAsJsonAsync($"/api/commissioners/cases/{caseId}/appointment", new { commissionerId, directionReference = "D-DAR", appointedOn = "2026-09-01" }))
            .StatusCode.ShouldBe(HttpStatusCode.OK);
        var employedWhereAppointed = await dfe.PutAsJsonAsync($"/api/commissioners/register/{commissionerId}",
            new { name = "Darlington Commissioner", homeAuthority = Darlington, expertise = Array.Empty<string>() });
        var refused = await ProblemDocument.ReadAsync(employedWhereAppointed);
        refused.Rule.ShouldBe("T7");
        (await dfe.GetFromJsonAsync<JsonElement>($"/api/commissioners/register/{commissionerId}")).GetProperty("homeAuthority").GetString().ShouldBe(Halton);

        var unknownEmployer = await dfe.PutAsJsonAsync($"/api/commissioners/register/{commissionerId}", new { name = "Darlington Commissioner", homeAuthority = "E99999999" });
        unknownEmployer.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await ProblemDocument.ReadAsync(unknownEmployer)).Errors!.ShouldContainKey("homeAuthority");
    }

    [Fact]
    public async Task Only_the_appointed_commissioner_records_compliance_of_five_records_sent_at_once_one_is_made_and_one_with_a_stale_ETag_is_a_412()
    {
        await PublishAndWaitAsync(Judgement(Warrington, "2026-08-24", "inadequate", systemic: true));
        var caseId = (await CaseOfAsync(Warrington)).GetProperty("id").GetString();
        var subject = $"warrington-commissioner-{Guid.NewGuid():N}";
        var registered = await factory.ClientFor(Roles.Dfe).PostAsJsonAsync("/api/commissioners/register", new { name = "Warrington Commissioner", subject });
        var commissionerId = (await registered.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        (await factory.ClientFor(Roles.Dfe).PostAsJsonAsync($"/api/commissioners/cases/{caseId}/appointment", new { commissionerId, directionReference = "D-WAR", appointedOn = "2026-09-01" }))
            .StatusCode.ShouldBe(HttpStatusCode.OK);
        var commissioner = factory.ClientAs(subject, Roles.Commissioner, Warrington);
        var today = DateOnly.FromDateTime(factory.Clock.GetUtcNow().UtcDateTime);
        var directions = new List<Uri>();
        foreach (var text in new[] { "Audit every section 47 enquiry.", "Recruit permanent team managers." })
        {
            var issued = await commissioner.PostAsJsonAsync($"/api/commissioners/cases/{caseId}/directions", new { text, dueOn = today.AddDays(90).ToString("yyyy-MM-dd") });
            issued.StatusCode.ShouldBe(HttpStatusCode.Created, await issued.Content.ReadAsStringAsync());
            directions.Add(issued.Headers.Location!);
        }

        // Only the commissioner appointed to the case records compliance: not another commissioner holding
        // the authority's code, not DfE.
        var otherSubject = $"other-commissioner-{Guid.NewGuid():N}";
        (await factory.ClientFor(Roles.Dfe).PostAsJsonAsync("/api/commissioners/register", new { name = "Another Commissioner", subject = otherSubject }))
            .StatusCode.ShouldBe(HttpStatusCode.Created);
        (await factory.ClientAs(otherSubject, Roles.Commissioner, Warrington).PostAsJsonAsync($"{directions[0]}/compliance", new { compliedOn = today.ToString("yyyy-MM-dd") }))
            .StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await factory.ClientFor(Roles.Dfe).PostAsJsonAsync($"{directions[0]}/compliance", new { compliedOn = today.ToString("yyyy-MM-dd") }))
            .StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        var answers = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ =>
            commissioner.PostAsJsonAsync($"{directions[0]}/compliance", new { compliedOn = today.ToString("yyyy-MM-dd") })));

        answers.Count(answer => answer.StatusCode == HttpStatusCode.OK).ShouldBe(1);
        answers.Where(answer => answer.StatusCode != HttpStatusCode.OK).ShouldAllBe(answer => answer.StatusCode == HttpStatusCode.Conflict);

        var second = await commissioner.GetAsync(directions[1]);
        var secondTag = second.Headers.ETag!.Tag;
        var other = await commissioner.GetAsync(directions[0]);
        other.Headers.ETag!.Tag.ShouldNotBe(secondTag, "each direction has a version of its own");
        var stale = new HttpRequestMessage(HttpMethod.Post, $"{directions[1]}/compliance") { Content = JsonContent.Create(new { compliedOn = today.ToString("yyyy-MM-dd") }) };
        stale.Headers.TryAddWithoutValidation("If-Match", other.Headers.ETag!.Tag);
        (await commissioner.SendAsync(stale)).StatusCode.ShouldBe(HttpStatusCode.PreconditionFailed);
        (await commissioner.GetFromJsonAsync<JsonElement>(directions[1])).GetProperty("status").GetString().ShouldBe("open", "the refused record changed nothing");

        var current = new HttpRequestMessage(HttpMethod.Post, $"{directions[1]}/compliance") { Content = JsonContent.Create(new { compliedOn = today.ToString("yyyy-MM-dd") }) };
        current.Headers.TryAddWithoutValidation("If-Match", secondTag);
        (await commissioner.SendAsync(current)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}
