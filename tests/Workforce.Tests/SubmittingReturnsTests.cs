using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Platform.Messaging.Events;
using Platform.ServiceDefaults.Auth;
using Platform.Workforce.Data;

namespace Platform.Workforce.Tests;

public sealed class SubmittingReturnsTests(WorkforceFactory factory) : IClassFixture<WorkforceFactory>, IAsyncLifetime
{
    private const string Birmingham = "E08000025";
    private const string Sunderland = "E08000024";

    public Task InitializeAsync() => factory.RegisterAuthoritiesAsync((Birmingham, "330", "Birmingham"), (Sunderland, "394", "Sunderland"));

    public Task DisposeAsync() => Task.CompletedTask;


    private static object Return(string la, int year, decimal agency = 210m, int cases = 10500) => new
    {
        localAuthority = la,
        censusYear = year,
        headcountEmployed = 720,
        fteEmployed = 700m,
        caseHoldingFte = 600m,
        agencyFte = agency,
        startersFte = 90m,
        leaversFte = 143.5m,
        vacanciesFte = 175m,
        casesHeld = cases,
        absenceDays = 5000m,
    };

    [Fact]
    public async Task Returns_for_one_year_sent_at_once_each_take_a_version_or_get_a_409_saying_the_record_changed()
    {
        var council = factory.ClientFor(Roles.Council, Birmingham);

        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => council.PostAsJsonAsync("/api/workforce/returns", Return(Birmingham, 2018, cases: 10000 + i))));

        responses.ShouldAllBe(response => response.StatusCode == HttpStatusCode.Created || response.StatusCode == HttpStatusCode.Conflict);
        var created = responses.Count(response => response.StatusCode == HttpStatusCode.Created);
        created.ShouldBeGreaterThan(0);
        foreach (var conflict in responses.Where(response => response.StatusCode == HttpStatusCode.Conflict))
        {
            (await ProblemDocument.ReadAsync(conflict)).Title.ShouldBe("The workforce return changed meanwhile.");
        }

        var versions = await factory.QueryAsync(db => db.Returns.Where(r => r.LocalAuthority == Birmingham && r.CensusYear == 2018).Select(r => r.Version).ToListAsync());
        versions.Order().ShouldBe(Enumerable.Range(1, created));
    }

    [Fact]
    public async Task A_return_sent_for_a_version_another_has_replaced_is_refused_with_412()
    {
        var council = factory.ClientFor(Roles.Council, Birmingham);
        (await council.PostAsJsonAsync("/api/workforce/returns", Return(Birmingham, 2016, cases: 10000))).StatusCode.ShouldBe(HttpStatusCode.Created);
        var read = await council.GetAsync($"/api/workforce/returns/{Birmingham}/2016");
        var first = read.Headers.ETag!.Tag;
        (await SubmitWithIfMatchAsync(council, Return(Birmingham, 2016, cases: 11000), first)).StatusCode.ShouldBe(HttpStatusCode.Created);

        var stale = await SubmitWithIfMatchAsync(council, Return(Birmingham, 2016, cases: 12000), first);

        stale.StatusCode.ShouldBe(HttpStatusCode.PreconditionFailed);
        var latest = await council.GetFromJsonAsync<JsonElement>($"/api/workforce/returns/{Birmingham}/2016");
        latest.GetProperty("version").GetInt32().ShouldBe(2);
    }

    private static async Task<HttpResponseMessage> SubmitWithIfMatchAsync(HttpClient client, object body, string tag)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/workforce/returns") { Content = JsonContent.Create(body) };
        request.Headers.IfMatch.Add(new System.Net.Http.Headers.EntityTagHeaderValue(tag));
        return await client.SendAsync(request);
    }

    [Fact]
    public async Task Asked_to_catch_up_Workforce_announces_the_newest_version_of_each_return_again()
    {
        var council = factory.ClientFor(Roles.Council, Sunderland);
        await council.PostAsJsonAsync("/api/workforce/returns", Return(Sunderland, 2017, cases: 12000));
        await council.PostAsJsonAsync("/api/workforce/returns", Return(Sunderland, 2017, cases: 9000));
        var before = await factory.QueryAsync(db => db.OutboxMessages.MaxAsync(m => m.Sequence));

        var request = new CatchUpRequested { OccurredAt = DateTimeOffset.UtcNow, Service = "contracts" };
        await factory.PublishAsync(request);
        await Eventually.TrueAsync(() => factory.QueryAsync(db => db.InboxMessages.AnyAsync(m => m.EventId == request.EventId)), because: "the request to be handled");

        var announced = await factory.QueryAsync(db => db.OutboxMessages.AsNoTracking()
            .Where(m => m.Sequence > before && m.EventType == nameof(WorkforceReturnSubmitted)).Select(m => m.Payload).ToListAsync());
        var sunderland2017 = announced.Select(payload => JsonDocument.Parse(payload).RootElement)
            .Where(payload => payload.GetProperty("localAuthority").GetString() == Sunderland && payload.GetProperty("censusYear").GetInt32() == 2017).ToList();
        sunderland2017.Count.ShouldBe(1);
        sunderland2017[0].GetProperty("version").GetInt32().ShouldBe(2);
    }

    [Fact]
    public async Task Given_a_council_when_it_submits_its_return_then_the_measures_are_derived_from_the_figures()
    {
        var response = await factory.ClientFor(Roles.Council, Birmingham).PostAsJsonAsync("/api/workforce/returns", Return(Birmingham, 2023));

        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        var read = await factory.ClientFor(Roles.Dfe).GetFromJsonAsync<JsonElement>($"/api/workforce/returns/{Birmingham}/2023");
        var measures = read.GetProperty("measures");
        measures.GetProperty("agencyRate").GetDecimal().ShouldBe(0.2308m);
        measures.GetProperty("turnoverRate").GetDecimal().ShouldBe(0.205m);
        measures.GetProperty("vacancyRate").GetDecimal().ShouldBe(0.2m);
        measures.GetProperty("caseload").GetDecimal().ShouldBe(17.5m);
        await Eventually.TrueAsync(() => factory.QueryAsync(db => db.OutboxMessages.AnyAsync(m => m.EventType == "WorkforceReturnSubmitted" && m.SentAt != null)));
    }

    [Fact]
    public async Task A_correction_is_a_new_version_and_the_first_is_kept()
    {
        var council = factory.ClientFor(Roles.Council, Sunderland);
        await council.PostAsJsonAsync("/api/workforce/returns", Return(Sunderland, 2024, cases: 12000));
        await council.PostAsJsonAsync("/api/workforce/returns", Return(Sunderland, 2024, cases: 9000));

        var latest = await council.GetFromJsonAsync<JsonElement>($"/api/workforce/returns/{Sunderland}/2024");
        latest.GetProperty("version").GetInt32().ShouldBe(2);
        latest.GetProperty("measures").GetProperty("caseload").GetDecimal().ShouldBe(15m);
        (await factory.QueryAsync(db => db.Returns.CountAsync(r => r.LocalAuthority == Sunderland && r.CensusYear == 2024))).ShouldBe(2);
    }

    [Fact]
    public async Task A_council_submits_only_for_its_own_authority() =>
        (await factory.ClientFor(Roles.Council, Sunderland).PostAsJsonAsync("/api/workforce/returns", Return(Birmingham, 2022))).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

    [Fact]
    public async Task A_census_not_yet_taken_and_missing_figures_are_each_named()
    {
        var problem = await ProblemDocument.ReadAsync(await factory.ClientFor(Roles.Council, Birmingham).PostAsJsonAsync(
            "/api/workforce/returns", new { localAuthority = Birmingham, censusYear = DateTime.UtcNow.Year + 1, fteEmployed = 3m }));

        problem.Errors!.Keys.ShouldContain("censusYear");
        problem.Errors.Keys.ShouldContain("casesHeld");
        problem.Errors.Keys.ShouldNotContain("fteEmployed");
    }
}
