using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Platform.Inspections.Data;
using Platform.ServiceDefaults.Auth;

namespace Platform.Inspections.Tests;

public sealed class RecordingJudgementsTests(InspectionsFactory factory) : IClassFixture<InspectionsFactory>, IAsyncLifetime
{
    private const string Birmingham = "E08000025";
    private const string Leeds = "E08000035";
    private const string Wakefield = "E08000036";

    private static object SampleBody(string la = Birmingham) => new
    {
        localAuthority = la,
        framework = "ilacs-standard",
        inspectionStartDate = "2026-01-12",
        inspectionEndDate = "2026-01-23",
        publicationDate = "2026-03-01",
        overall = "inadequate",
    };

    public Task InitializeAsync() => factory.RegisterAuthoritiesAsync((Birmingham, "330", "Birmingham"), (Leeds, "383", "Leeds"), (Wakefield, "384", "Wakefield"));

    public Task DisposeAsync() => Task.CompletedTask;


    [Fact]
    public async Task A_judgement_retried_with_its_Idempotency_key_replays_the_creation_inside_the_records_own_transaction()
    {
        var body = new { localAuthority = Leeds, framework = "ilacs-standard", inspectionStartDate = "2024-05-13", inspectionEndDate = "2024-05-24", publicationDate = "2024-07-05", overall = "good" };
        var client = factory.ClientFor(Roles.Ofsted);
        async Task<HttpResponseMessage> SendAsync()
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/inspections/judgements") { Content = JsonContent.Create(body) };
            request.Headers.Add("Idempotency-Key", "leeds-2024-07-05");
            return await client.SendAsync(request);
        }

        var first = await SendAsync();
        var retry = await SendAsync();

        first.StatusCode.ShouldBe(HttpStatusCode.Created, await first.Content.ReadAsStringAsync());
        retry.StatusCode.ShouldBe(HttpStatusCode.Created, "the first answer, replayed");
        retry.Headers.Location.ShouldBe(first.Headers.Location);
        retry.Headers.GetValues("Idempotent-Replayed").Single().ShouldBe("true");
        (await factory.QueryAsync(db => db.Judgements.CountAsync(j => j.LocalAuthority == Leeds && j.PublicationDate == new DateOnly(2024, 7, 5)))).ShouldBe(1);
    }

    [Fact]
    public async Task The_same_inspection_sent_ten_times_at_once_is_one_judgement_and_other_facts_for_it_are_a_conflict()
    {
        var body = new { localAuthority = Wakefield, framework = "ilacs-standard", inspectionStartDate = "2025-01-13", inspectionEndDate = "2025-01-24", publicationDate = "2025-03-07", overall = "good" };
        var client = factory.ClientFor(Roles.Ofsted);

        var answers = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => client.PostAsJsonAsync("/api/inspections/judgements", body)));

        answers.Count(answer => answer.StatusCode == HttpStatusCode.Created).ShouldBe(1);
        answers.Count(answer => answer.StatusCode == HttpStatusCode.OK).ShouldBe(9);
        var ids = await Task.WhenAll(answers.Select(async answer => (await answer.Content.ReadFromJsonAsync<Dictionary<string, object>>())!["id"].ToString()));
        ids.Distinct().ShouldHaveSingleItem();
        (await factory.QueryAsync(db => db.Judgements.CountAsync(j => j.LocalAuthority == Wakefield && j.PublicationDate == new DateOnly(2025, 3, 7)))).ShouldBe(1);
        (await factory.QueryAsync(db => db.OutboxMessages.CountAsync(m => m.EventType == "InspectionPublished" && m.Payload.Contains(ids[0]!)))).ShouldBe(1);

        var conflict = await client.PostAsJsonAsync("/api/inspections/judgements", body with { overall = "outstanding" });
        conflict.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await conflict.Content.ReadAsStringAsync()).ShouldContain(ids[0]!);
    }

    [Fact]
    public async Task Given_a_registered_authority_when_ofsted_records_an_inadequate_judgement_then_it_is_stored_and_published()
    {
        var response = await factory.ClientFor(Roles.Ofsted).PostAsJsonAsync("/api/inspections/judgements", SampleBody());

        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        var created = await response.Content.ReadFromJsonAsync<Dictionary<string, object>>();
        created!["overall"].ToString().ShouldBe("inadequate");
        response.Headers.Location!.ToString().ShouldStartWith("/api/inspections/judgements/");

        var fetched = await factory.ClientFor(Roles.Dfe).GetAsync(response.Headers.Location);
        fetched.StatusCode.ShouldBe(HttpStatusCode.OK);

        var judgementId = Guid.Parse(created["id"].ToString()!);
        await Eventually.TrueAsync(
            () => factory.QueryAsync(db => db.OutboxMessages.AnyAsync(m => m.EventType == "InspectionPublished" && m.SentAt != null && m.Payload.Contains(judgementId.ToString()))),
            because: "the outbox relay to publish InspectionPublished");
    }

    [Fact]
    public async Task An_unknown_authority_is_refused_naming_the_field_and_nothing_is_stored()
    {
        var response = await factory.ClientFor(Roles.Ofsted).PostAsJsonAsync("/api/inspections/judgements", SampleBody("E08000999"));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await ProblemDocument.ReadAsync(response)).Errors!.Keys.ShouldContain("localAuthority");
        (await factory.QueryAsync(db => db.Judgements.CountAsync(j => j.LocalAuthority == "E08000999"))).ShouldBe(0);
    }

    [Fact]
    public async Task A_code_that_is_not_a_gss_code_is_refused() =>
        (await ProblemDocument.ReadAsync(await factory.ClientFor(Roles.Ofsted).PostAsJsonAsync("/api/inspections/judgements", SampleBody("Birmingham"))))
            .Errors!["localAuthority"][0].ShouldContain("not the GSS code");

    [Fact]
    public async Task A_wrong_enum_word_is_refused_naming_the_field_and_the_accepted_words()
    {
        var body = new { localAuthority = Birmingham, framework = "ilacs-mega", inspectionStartDate = "2026-01-12", inspectionEndDate = "2026-01-23", publicationDate = "2026-03-01", overall = "inadequate" };
        var problem = await ProblemDocument.ReadAsync(await factory.ClientFor(Roles.Ofsted).PostAsJsonAsync("/api/inspections/judgements", body));

        problem.Status.ShouldBe(400);
        problem.Errors!["framework"][0].ShouldContain("ilacs-standard");
    }

    [Fact]
    public async Task A_date_that_is_not_a_date_is_refused_naming_the_field()
    {
        var body = new { localAuthority = Birmingham, framework = "ilacs-standard", inspectionStartDate = "12/01/2026", inspectionEndDate = "2026-01-23", publicationDate = "2026-03-01", overall = "inadequate" };
        var problem = await ProblemDocument.ReadAsync(await factory.ClientFor(Roles.Ofsted).PostAsJsonAsync("/api/inspections/judgements", body));

        problem.Errors!["inspectionStartDate"][0].ShouldContain("yyyy-mm-dd");
    }

    [Theory]
    [InlineData("{\"localAuthority\":\"E08000025\",\"framework\":\"ilacs-standard\",\"overal\":\"inadequate\"}", "overal", "no such field")]
    [InlineData("{\"localAuthority\":\"E08000025\",\"localAuthority\":\"E08000035\"}", "localAuthority", "more than once")]
    [InlineData("{\"localAuthority\":\"E0800\\u00000025\",\"framework\":\"ilacs-standard\"}", "localAuthority", "control character")]
    [InlineData("{\"localAuthority\":\"E0800\u00000025\",\"framework\":\"ilacs-standard\"}", "localAuthority", "not escaped")]
    [InlineData("{\"localAuthority\":\"E08000025\",\"wholesaleInadequateServices\":\"true\"}", "wholesaleInadequateServices", "")]
    public async Task A_body_is_read_strictly_and_each_refusal_names_its_field(string json, string field, string said)
    {
        var before = await factory.QueryAsync(db => db.Judgements.CountAsync());
        var response = await factory.ClientFor(Roles.Ofsted).PostAsync("/api/inspections/judgements", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        var problem = await ProblemDocument.ReadAsync(response);
        problem.Status.ShouldBe(400);
        problem.Errors!.Keys.ShouldContain(field);
        problem.Errors[field][0].ShouldContain(said);
        (await factory.QueryAsync(db => db.Judgements.CountAsync())).ShouldBe(before);
    }

    [Fact]
    public async Task A_NUL_in_a_query_is_a_400_naming_the_parameter_not_a_database_error()
    {
        var problem = await ProblemDocument.ReadAsync(await factory.ClientFor(Roles.Dfe).GetAsync("/api/inspections/judgements?localAuthority=E08000025%00"));

        problem.Status.ShouldBe(400);
        problem.Errors!.Keys.ShouldBe(["localAuthority"]);
    }

    [Fact]
    public async Task Malformed_json_is_a_problem_not_a_crash()
    {
        var response = await factory.ClientFor(Roles.Ofsted).PostAsync(
            "/api/inspections/judgements", new StringContent("{\"localAuthority\":", System.Text.Encoding.UTF8, "application/json"));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await ProblemDocument.ReadAsync(response)).Errors.ShouldNotBeNull();
    }

    [Fact]
    public async Task Missing_fields_are_each_named()
    {
        var problem = await ProblemDocument.ReadAsync(await factory.ClientFor(Roles.Ofsted).PostAsJsonAsync("/api/inspections/judgements", new { localAuthority = Leeds }));

        problem.Errors!.Keys.ShouldBe(["framework", "inspectionStartDate", "inspectionEndDate", "publicationDate"], ignoreOrder: true);
        (await factory.QueryAsync(db => db.Judgements.CountAsync(j => j.LocalAuthority == Leeds))).ShouldBe(0);
    }

    [Fact]
    public async Task A_publication_date_in_the_future_is_refused()
    {
        var future = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(10)).ToString("yyyy-MM-dd");
        var body = new { localAuthority = Wakefield, framework = "ilacs-short", inspectionStartDate = "2026-01-12", inspectionEndDate = "2026-01-23", publicationDate = future, overall = "good" };

        var problem = await ProblemDocument.ReadAsync(await factory.ClientFor(Roles.Ofsted).PostAsJsonAsync("/api/inspections/judgements", body));

        problem.Errors!.Keys.ShouldContain("publicationDate");
        (await factory.QueryAsync(db => db.Judgements.CountAsync(j => j.LocalAuthority == Leeds))).ShouldBe(0);
    }

    [Fact]
    public async Task Without_a_token_the_answer_is_401_problem_details()
    {
        var response = await factory.AnonymousClient().PostAsJsonAsync("/api/inspections/judgements", SampleBody());

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await ProblemDocument.ReadAsync(response)).Status.ShouldBe(401);
    }

    [Fact]
    public async Task Only_ofsted_records_judgements()
    {
        var response = await factory.ClientFor(Roles.Dfe).PostAsJsonAsync("/api/inspections/judgements", SampleBody());

        response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await ProblemDocument.ReadAsync(response)).Status.ShouldBe(403);
    }

    [Fact]
    public async Task A_council_reads_its_own_authority_only()
    {
        (await factory.ClientFor(Roles.Council, Leeds).GetAsync($"/api/inspections/judgements?la={Leeds}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await factory.ClientFor(Roles.Council, Leeds).GetAsync($"/api/inspections/judgements?la={Birmingham}")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task The_service_reports_ready_when_database_and_broker_are_reachable_and_details_them_to_an_operator_only()
    {
        var response = await factory.AnonymousClient().GetAsync("/health");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var anonymous = await response.Content.ReadAsStringAsync();
        anonymous.ShouldBe("""{"status":"Healthy"}""");

        foreach (var role in Roles.All.Where(role => role != Roles.Operator))
        {
            (await (await factory.ClientFor(role).GetAsync("/health")).Content.ReadAsStringAsync()).ShouldNotContain("database", customMessage: role);
        }

        var body = await (await factory.ClientFor(Roles.Operator).GetAsync("/health")).Content.ReadAsStringAsync();
        body.ShouldContain("database");
        body.ShouldContain("masstransit");
    }

    [Fact]
    public async Task A_correction_is_a_new_version_and_the_history_shows_the_current_one_with_its_trajectory()
    {
        var ofsted = factory.ClientFor(Roles.Ofsted);
        var first = await (await ofsted.PostAsJsonAsync("/api/inspections/judgements", new
        {
            localAuthority = Leeds, framework = "sif", inspectionStartDate = "2015-01-12", inspectionEndDate = "2015-01-23",
            publicationDate = "2015-03-01", overall = "inadequate",
        })).Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        var id = first.GetProperty("id").GetString();
        await ofsted.PostAsJsonAsync("/api/inspections/judgements", new
        {
            localAuthority = Leeds, framework = "ilacs-standard", inspectionStartDate = "2019-01-12", inspectionEndDate = "2019-01-23",
            publicationDate = "2019-03-01", overall = "good",
            subJudgements = new { impactOfLeaders = "good", helpAndProtection = "good", inCare = "requires-improvement" },
        });

        var correction = await ofsted.PostAsJsonAsync($"/api/inspections/judgements/{id}/corrections", new
        {
            localAuthority = Leeds, framework = "sif", inspectionStartDate = "2015-01-12", inspectionEndDate = "2015-01-23",
            publicationDate = "2015-03-01", overall = "requires-improvement", reason = "Grade entered wrongly",
        });
        correction.StatusCode.ShouldBe(HttpStatusCode.Created);

        var versions = await factory.ClientFor(Roles.Dfe).GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/inspections/judgements/{id}/versions");
        versions.GetProperty("items").GetArrayLength().ShouldBe(2);
        versions.GetProperty("total").GetInt32().ShouldBe(2);
        versions.GetProperty("items")[0].GetProperty("overall").GetString().ShouldBe("inadequate");
        versions.GetProperty("items")[0].GetProperty("isCurrent").GetBoolean().ShouldBeFalse();

        var history = await factory.ClientFor(Roles.Council, Leeds).GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/inspections/authorities/{Leeds}/history");
        var grades = history.GetProperty("trajectory").EnumerateArray().Select(point => point.GetProperty("overall").GetString()).ToList();
        grades.ShouldBe(["requires-improvement", "good"]);
        history.GetProperty("trajectory")[1].GetProperty("direction").GetString().ShouldBe("improved");
        history.GetProperty("judgements")[0].GetProperty("subJudgements").GetProperty("inCare").GetString().ShouldBe("requires-improvement");
    }

    [Fact]
    public async Task A_correction_sent_for_an_earlier_version_is_412_and_of_two_at_once_one_is_made()
    {
        var ofsted = factory.ClientFor(Roles.Ofsted);
        var body = new
        {
            localAuthority = Wakefield, framework = "ilacs-standard", inspectionStartDate = "2025-05-12", inspectionEndDate = "2025-05-23",
            publicationDate = "2025-07-01", overall = "requires-improvement", reason = "The overall grade was entered wrongly.",
        };
        var created = await (await ofsted.PostAsJsonAsync("/api/inspections/judgements", body)).Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        var id = created.GetProperty("id").GetString();
        var first = (await ofsted.GetAsync($"/api/inspections/judgements/{id}")).Headers.ETag!.Tag;

        var corrected = await CorrectAsync(ofsted, id!, body with { overall = "good" }, first);
        corrected.StatusCode.ShouldBe(HttpStatusCode.Created, await corrected.Content.ReadAsStringAsync());
        var second = corrected.Headers.ETag!.Tag;
        (await CorrectAsync(ofsted, id!, body with { overall = "outstanding" }, first)).StatusCode.ShouldBe(HttpStatusCode.PreconditionFailed);

        var racing = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => CorrectAsync(ofsted, id!, body with { overall = "outstanding" }, second)));
        racing.Count(r => r.StatusCode == HttpStatusCode.Created).ShouldBe(1);
        racing.ShouldAllBe(r => r.StatusCode == HttpStatusCode.Created || r.StatusCode == HttpStatusCode.Conflict || r.StatusCode == HttpStatusCode.PreconditionFailed);
        var versions = await ofsted.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/inspections/judgements/{id}/versions");
        versions.GetProperty("total").GetInt32().ShouldBe(3);
    }

    private static async Task<HttpResponseMessage> CorrectAsync<T>(HttpClient client, string id, T body, string tag)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/inspections/judgements/{id}/corrections") { Content = JsonContent.Create(body) };
        request.Headers.IfMatch.Add(new System.Net.Http.Headers.EntityTagHeaderValue(tag));
        return await client.SendAsync(request);
    }

    [Fact]
    public async Task A_correction_needs_a_reason()
    {
        var created = await (await factory.ClientFor(Roles.Ofsted).PostAsJsonAsync("/api/inspections/judgements", SampleBody())).Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();

        var problem = await ProblemDocument.ReadAsync(await factory.ClientFor(Roles.Ofsted).PostAsJsonAsync(
            $"/api/inspections/judgements/{created.GetProperty("id").GetString()}/corrections", SampleBody()));

        problem.Errors!.Keys.ShouldContain("reason");
    }
}
