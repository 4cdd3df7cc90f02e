using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Platform.Integrations.EventLog;

namespace Platform.Integrations.Tests;

/// <summary>The feed: pages after a cursor that join up without a gap or a repeat, filtered by type and authority, always within the caller's grants.</summary>
public sealed class FeedTests(IntegrationsFactory factory) : IClassFixture<IntegrationsFactory>
{
    private const string Manchester = "E08000003";
    private const string Camden = "E09000007";
    private static readonly string Published = EventCatalogue.Of(typeof(Messaging.Events.InspectionPublished)).CloudEventType;
    private static readonly string Opened = EventCatalogue.Of(typeof(Messaging.Events.InterventionCaseOpened)).CloudEventType;

    [Fact]
    public async Task Pages_read_from_one_cursor_to_the_next_join_up_without_a_gap_or_a_repeat()
    {
        var events = Enumerable.Range(0, 7).Select(_ => SampleEvents.Judgement(Manchester)).ToList();
        foreach (var judgement in events)
        {
            await factory.PublishAsync(judgement);
        }

        var integrator = factory.Integrator([Manchester]);
        await Eventually.TrueAsync(async () => (await ReadAllAsync(integrator, "0", pageSize: 500)).Count == events.Count, because: "all seven logged");

        var read = await ReadAllAsync(integrator, "0", pageSize: 3);
        read.Select(item => item.GetProperty("id").GetString()).ShouldBe(events.Select(e => e.EventId.ToString()), "in the order published, each once");

        // A reader at the end is given its own cursor back, and then only what follows.
        var end = await integrator.GetFromJsonAsync<JsonElement>("/api/integrations/events?after=0&pageSize=500");
        var next = end.GetProperty("next").GetString()!;
        var empty = await integrator.GetFromJsonAsync<JsonElement>($"/api/integrations/events?after={next}");
        empty.GetProperty("items").GetArrayLength().ShouldBe(0);
        empty.GetProperty("next").GetString().ShouldBe(next);
        var later = SampleEvents.Judgement(Manchester, "good");
        await factory.PublishAsync(later);
        var following = await Eventually.ReturnsAsync(async () =>
        {
            var page = await integrator.GetFromJsonAsync<JsonElement>($"/api/integrations/events?after={next}");
            return page.GetProperty("items").GetArrayLength() > 0 ? (JsonElement?)page : null;
        }, because: "the later judgement after the cursor");
        following!.Value.GetProperty("items").EnumerateArray().Select(item => item.GetProperty("id").GetString()).ShouldBe([later.EventId.ToString()]);
    }

    [Fact]
    public async Task An_integrator_held_to_an_authority_sees_its_events_only_and_one_held_to_a_type_that_type_only()
    {
        var camdenJudgement = SampleEvents.Judgement(Camden);
        var camdenCase = SampleEvents.CaseOpened(Camden);
        var otherJudgement = SampleEvents.Judgement(SampleEvents.Birmingham);
        var standing = SampleEvents.Standing("Camden Care Partnership");
        var bus = factory.Services.GetRequiredService<IBus>();
        foreach (var integrationEvent in new Messaging.Events.IntegrationEvent[] { camdenJudgement, camdenCase, otherJudgement, standing })
        {
            await bus.Publish((object)integrationEvent);
        }

        var national = factory.Integrator();
        await Eventually.TrueAsync(async () =>
        {
            var ids = (await ReadAllAsync(national, "0", 500)).Select(item => item.GetProperty("id").GetString()).ToHashSet();
            return new[] { camdenJudgement.EventId, camdenCase.EventId, otherJudgement.EventId, standing.EventId }.All(id => ids.Contains(id.ToString()));
        }, because: "all four logged, and a national integrator sees them all");

        var camdens = await ReadAllAsync(factory.Integrator([Camden]), "0", 500);
        camdens.Select(item => item.GetProperty("subject").GetString()).Distinct().ShouldBe([Camden], "an authority's integrator sees its authority only, and nothing about no authority");
        camdens.Select(item => item.GetProperty("id").GetString()).ShouldBe([camdenJudgement.EventId.ToString(), camdenCase.EventId.ToString()]);

        var judgementsOnly = await ReadAllAsync(factory.Integrator([Camden], [Published]), "0", 500);
        judgementsOnly.Select(item => item.GetProperty("id").GetString()).ShouldBe([camdenJudgement.EventId.ToString()]);

        var filtered = await ReadAllAsync(national, "0", 500, $"&type={Opened}&localAuthority={Camden}");
        filtered.Select(item => item.GetProperty("id").GetString()).ShouldBe([camdenCase.EventId.ToString()], "a national integrator's own filters");
    }

    [Theory]
    [InlineData("localAuthority=E08000025", HttpStatusCode.Forbidden)]
    [InlineData("type=uk.gov.education.csc.intervention-case.opened.v1", HttpStatusCode.Forbidden)]
    [InlineData("type=uk.gov.education.csc.no-such.thing.v1", HttpStatusCode.BadRequest)]
    [InlineData("after=-1", HttpStatusCode.BadRequest)]
    [InlineData("after=abc", HttpStatusCode.BadRequest)]
    [InlineData("after=99999999999999999999", HttpStatusCode.BadRequest)]
    public async Task Asking_beyond_ones_grants_is_forbidden_and_a_malformed_cursor_or_type_is_a_problem(string query, HttpStatusCode expected)
    {
        var response = await factory.Integrator([Camden], [Published]).GetAsync($"/api/integrations/events?{query}");
        response.StatusCode.ShouldBe(expected);
        if (expected == HttpStatusCode.BadRequest)
        {
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            problem.GetProperty("errors").EnumerateObject().Select(field => field.Name).ShouldHaveSingleItem().ShouldBe(query.Split('=')[0]);
        }
    }

    [Theory]
    [InlineData(Platform.ServiceDefaults.Auth.Roles.Dfe)]
    [InlineData(Platform.ServiceDefaults.Auth.Roles.Council)]
    [InlineData(Platform.ServiceDefaults.Auth.Roles.Operator)]
    public async Task Only_integrators_read_the_feed(string role)
    {
        (await factory.ClientFor(role, Camden).GetAsync("/api/integrations/events")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await factory.AnonymousClient().GetAsync("/api/integrations/events")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    internal static async Task<List<JsonElement>> ReadAllAsync(HttpClient integrator, string after, int pageSize, string filters = "")
    {
        var items = new List<JsonElement>();
        while (true)
        {
            var page = await integrator.GetFromJsonAsync<JsonElement>($"/api/integrations/events?after={after}&pageSize={pageSize}{filters}");
            var pageItems = page.GetProperty("items").EnumerateArray().ToList();
            items.AddRange(pageItems);
            after = page.GetProperty("next").GetString()!;
            if (pageItems.Count < pageSize)
            {
                return items;
            }
        }
    }
}
