using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Platform.ServiceDefaults.Auth;

namespace Platform.Providers.Tests;

/// <summary>
/// P5 as trusts really are: a council sets up its own trust outside any intervention, one trust
/// serves several councils, and a trust runs the whole of a council's children's social care.
/// </summary>
public sealed class CouncilTrustsTests(ProvidersFactory factory)
    : RegistryApiScenarios<ProvidersFactory>(factory), IClassFixture<ProvidersFactory>, IAsyncLifetime
{
    private const string Kingston = "E09000021";
    private const string Richmond = "E09000027";
    private const string Merton = "E09000024";
    private const string Sutton = "E09000029";

    private static readonly string[] FullScope = ["child-protection", "children-in-need", "care-planning", "looked-after-children", "care-leavers"];

    public async Task InitializeAsync() =>
        (await Factory.ClientFor(Roles.Dfe).PostAsync("/api/providers/local-authorities/imports", new StringContent(
            ReferenceCsv.Of(
                ReferenceCsv.Doncaster,
                $"{Kingston},314,Kingston upon Thames,GL,London,London Borough,45000,",
                $"{Richmond},318,Richmond upon Thames,GL,London,London Borough,50000,",
                $"{Merton},315,Merton,GL,London,London Borough,55000,",
                $"{Sutton},319,Sutton,GL,London,London Borough,52000,"),
            Encoding.UTF8, "text/csv"))).EnsureSuccessStatusCode();

    public Task DisposeAsync() => Task.CompletedTask;

    private Task<HttpResponseMessage> RegisterTrustAsync(string council, string? asCouncil = null) =>
        Factory.ClientFor(Roles.Council, asCouncil ?? council).PostAsJsonAsync("/api/providers/trust-registrations", new { localAuthority = council, decidedOn = "2014-04-01" });

    private async Task<JsonElement> TrustApprovedForAsync(string name, string companyNumber, IEnumerable<string> scopes)
    {
        var trust = await RegisterAsync(new { name, type = "private-limited-guarant-nsc", companyNumber, scopes = FullScope, council = Doncaster });
        foreach (var scope in scopes)
        {
            (await DecideAsync(trust, scope, "approve")).StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        return trust;
    }

    private Task<HttpResponseMessage> EstablishAsync(JsonElement registration, JsonElement trust) =>
        Factory.ClientFor(Roles.Registrar).PostAsJsonAsync(
            $"/api/providers/trust-registrations/{registration.GetProperty("id").GetString()}/establishment",
            new { trustOrganisationId = trust.GetProperty("id").GetString(), operatingFrom = "2014-04-01" });

    [Fact]
    public async Task P5_a_trust_that_stops_running_the_councils_services_is_announced_once_with_its_last_day()
    {
        var registered = await RegisterTrustAsync(Sutton);
        var registration = await registered.Content.ReadFromJsonAsync<JsonElement>();
        var trust = await TrustApprovedForAsync("Sutton Children's Trust", "71000001", FullScope);
        (await EstablishAsync(registration, trust)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var ending = $"/api/providers/trust-registrations/{registration.GetProperty("id").GetString()}/ending";
        var registrar = Factory.ClientFor(Roles.Registrar);

        var early = await ProblemDocument.ReadAsync(await registrar.PostAsJsonAsync(ending, new { lastDay = "2013-12-31", reason = "Returned to the council." }));
        early.Rule.ShouldBe("P5");
        var ended = await registrar.PostAsJsonAsync(ending, new { lastDay = "2020-03-31", reason = "Returned to the council." });
        ended.StatusCode.ShouldBe(HttpStatusCode.OK);
        var answer = await ended.Content.ReadFromJsonAsync<JsonElement>();
        answer.GetProperty("status").GetString().ShouldBe("ended");
        answer.GetProperty("servedUntil").GetString().ShouldBe("2020-03-31");
        (await ProblemDocument.ReadAsync(await registrar.PostAsJsonAsync(ending, new { lastDay = "2020-04-30", reason = "Again." }))).Rule.ShouldBe("P5");
        (await Factory.ClientFor(Roles.Council, Sutton).PostAsJsonAsync(ending, new { lastDay = "2020-03-31", reason = "Ours." })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        var trustId = trust.GetProperty("id").GetString()!;
        var announced = await Factory.QueryAsync(db => db.OutboxMessages.Where(m => m.EventType == "TrustServiceEnded" && m.Payload.Contains(trustId)).Select(m => m.Payload).ToListAsync());
        var only = JsonDocument.Parse(announced.ShouldHaveSingleItem()).RootElement;
        only.GetProperty("localAuthority").GetString().ShouldBe(Sutton);
        only.GetProperty("lastDay").GetString().ShouldBe("2020-03-31");
    }

    [Fact]
    public async Task A_council_registering_its_trust_ten_times_at_once_has_one_open_registration()
    {
        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => RegisterTrustAsync(Merton)));

        responses.Count(r => r.StatusCode == HttpStatusCode.Created).ShouldBe(1);
        responses.ShouldAllBe(r => r.StatusCode == HttpStatusCode.Created || r.StatusCode == HttpStatusCode.OK || r.StatusCode == HttpStatusCode.Conflict);
        (await Factory.QueryAsync(db => db.TrustRegistrations.CountAsync(r => r.LocalAuthority == Merton && r.InterventionCaseId == null))).ShouldBe(1);
    }

    [Fact]
    public async Task An_establishment_sent_for_an_earlier_version_of_the_registration_is_refused_with_412()
    {
        var created = await (await RegisterTrustAsync(Sutton)).Content.ReadFromJsonAsync<JsonElement>();
        var id = created.GetProperty("id").GetString();
        var read = await Factory.ClientFor(Roles.Registrar).GetAsync($"/api/providers/trust-registrations/{id}");
        var tag = read.Headers.ETag!.Tag;
        var trust = await TrustApprovedForAsync("Sutton Family Trust", "40000077", FullScope);

        using var stale = new HttpRequestMessage(HttpMethod.Post, $"/api/providers/trust-registrations/{id}/establishment")
        {
            Content = JsonContent.Create(new { trustOrganisationId = trust.GetProperty("id").GetString(), operatingFrom = "2014-04-01" }),
        };
        stale.Headers.IfMatch.Add(new System.Net.Http.Headers.EntityTagHeaderValue("\"1\""));
        (await Factory.ClientFor(Roles.Registrar).SendAsync(stale)).StatusCode.ShouldBe(HttpStatusCode.PreconditionFailed);

        using var current = new HttpRequestMessage(HttpMethod.Post, $"/api/providers/trust-registrations/{id}/establishment")
        {
            Content = JsonContent.Create(new { trustOrganisationId = trust.GetProperty("id").GetString(), operatingFrom = "2014-04-01" }),
        };
        current.Headers.IfMatch.Add(new System.Net.Http.Headers.EntityTagHeaderValue(tag));
        var established = await Factory.ClientFor(Roles.Registrar).SendAsync(current);
        established.StatusCode.ShouldBe(HttpStatusCode.OK, await established.Content.ReadAsStringAsync());
        established.Headers.ETag!.Tag.ShouldNotBe(tag);
    }

    [Fact]
    public async Task P5_two_councils_set_up_one_trust_outside_any_intervention_and_it_is_established_for_each()
    {
        var kingston = await RegisterTrustAsync(Kingston);
        var again = await RegisterTrustAsync(Kingston);
        var richmond = await RegisterTrustAsync(Richmond);

        kingston.StatusCode.ShouldBe(HttpStatusCode.Created, await kingston.Content.ReadAsStringAsync());
        var kingstonRegistration = await kingston.Content.ReadFromJsonAsync<JsonElement>();
        kingstonRegistration.GetProperty("interventionCaseId").ValueKind.ShouldBe(JsonValueKind.Null);
        again.StatusCode.ShouldBe(HttpStatusCode.OK, "the council's open request answers again");
        (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString().ShouldBe(kingstonRegistration.GetProperty("id").GetString());
        var located = await Factory.ClientFor(Roles.Council, Kingston).GetFromJsonAsync<JsonElement>(kingston.Headers.Location!.ToString());
        located.GetProperty("localAuthority").GetString().ShouldBe(Kingston);

        var trust = await TrustApprovedForAsync("Thamesbank Children's Trust", "08889999", FullScope);
        (await EstablishAsync(kingstonRegistration, trust)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await EstablishAsync(await richmond.Content.ReadFromJsonAsync<JsonElement>(), trust)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var trustId = trust.GetProperty("id").GetString()!;
        var established = await Factory.QueryAsync(db => db.OutboxMessages.Where(m => m.EventType == "TrustEstablished" && m.Payload.Contains(trustId)).Select(m => m.Payload).ToListAsync());
        established.Count.ShouldBe(2);
        established.ShouldContain(payload => payload.Contains(Kingston));
        established.ShouldContain(payload => payload.Contains(Richmond));
    }

    [Fact]
    public async Task P5_a_trust_runs_the_whole_of_childrens_social_care_so_one_not_approved_for_care_leavers_is_refused()
    {
        var registration = await (await RegisterTrustAsync(Doncaster)).Content.ReadFromJsonAsync<JsonElement>();
        var trust = await TrustApprovedForAsync("Statutory Only Trust", "08889998", FullScope.Take(4));

        var problem = await ProblemDocument.ReadAsync(await EstablishAsync(registration, trust));

        problem.Status.ShouldBe(409);
        problem.Rule.ShouldBe("P5");
        problem.Detail!.ShouldContain("care-leavers");
    }

    [Fact]
    public async Task A_council_sets_up_a_trust_for_itself_only_and_the_request_names_what_is_wrong()
    {
        (await RegisterTrustAsync(Richmond, asCouncil: Kingston)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        var problem = await ProblemDocument.ReadAsync(await Factory.ClientFor(Roles.Registrar).PostAsJsonAsync(
            "/api/providers/trust-registrations", new { localAuthority = "E09000999", decidedOn = "2999-01-01" }));
        problem.Errors!.Keys.ShouldBe(["localAuthority", "decidedOn"], ignoreOrder: true);
    }
}
