using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Platform.Commissioners.Data;
using Platform.Messaging.Events;
using Platform.ServiceDefaults.Auth;
using Platform.ServiceDefaults.Http;

namespace Platform.Commissioners.Tests;

public sealed class OpeningCasesTests(CommissionersFactory factory) : IClassFixture<CommissionersFactory>, IAsyncLifetime
{
    private const string Sandwell = "E08000028";
    private const string Slough = "E06000039";
    private const string Doncaster = "E08000017";
    private const string Reading = "E06000038";

    public Task InitializeAsync() => factory.RegisterAuthoritiesAsync((Sandwell, "333", "Sandwell"), (Slough, "871", "Slough"), (Doncaster, "371", "Doncaster"), (Reading, "870", "Reading"));

    public Task DisposeAsync() => Task.CompletedTask;


    private static InspectionPublished Judgement(string la, string? overall, Guid? eventId = null) => new()
    {
        EventId = eventId ?? Guid.NewGuid(),
        OccurredAt = DateTimeOffset.UtcNow,
        JudgementId = Guid.NewGuid(),
        LocalAuthority = la,
        Framework = "ilacs-standard",
        Overall = overall,
        InspectionStartDate = new DateOnly(2026, 1, 12),
        InspectionEndDate = new DateOnly(2026, 1, 23),
        PublicationDate = new DateOnly(2026, 3, 1),
    };

    private async Task<Paged<Dictionary<string, object>>> CasesAsync(string la) =>
        (await factory.ClientFor(Roles.Dfe).GetFromJsonAsync<Paged<Dictionary<string, object>>>($"/api/commissioners/cases?la={la}"))!;

    [Fact]
    public async Task Given_an_inadequate_judgement_when_it_is_published_then_a_case_opens_with_its_deadlines()
    {
        await factory.PublishAsync(Judgement(Sandwell, "inadequate"));

        var cases = await Eventually.ReturnsAsync(async () => (await CasesAsync(Sandwell)) is { Total: > 0 } page ? page : null);
        cases.Items[0]["status"].ToString().ShouldBe("opened");
        cases.Items[0]["improvementPlanDue"].ToString().ShouldBe("2026-06-01");
        cases.Items[0]["progressReviewDue"].ToString().ShouldBe("2026-09-01");
        await Eventually.TrueAsync(() => factory.QueryAsync(db => db.OutboxMessages.AnyAsync(m => m.EventType == "InterventionCaseOpened" && m.SentAt != null)));
    }

    [Fact]
    public async Task Given_the_same_event_delivered_twice_then_one_case_opens()
    {
        var eventId = Guid.NewGuid();
        var judgement = Judgement(Slough, "inadequate", eventId);
        await factory.PublishAsync(judgement);
        await factory.PublishAsync(judgement);

        await Eventually.TrueAsync(() => factory.QueryAsync(db => db.InboxMessages.AnyAsync(m => m.EventId == eventId)));
        // A later event proves the second copy has been consumed too (the queue is ordered for one consumer).
        var marker = Judgement(Reading, "good");
        await factory.PublishAsync(marker);
        await Eventually.TrueAsync(() => factory.QueryAsync(db => db.InboxMessages.AnyAsync(m => m.EventId == marker.EventId)));

        (await factory.QueryAsync(db => db.Cases.CountAsync(c => c.LocalAuthority == Slough))).ShouldBe(1);
        (await factory.QueryAsync(db => db.InboxMessages.CountAsync(m => m.EventId == eventId))).ShouldBe(1);
    }

    [Fact]
    public async Task A_good_judgement_opens_no_case()
    {
        var judgement = Judgement(Doncaster, "good");
        await factory.PublishAsync(judgement);

        await Eventually.TrueAsync(() => factory.QueryAsync(db => db.InboxMessages.AnyAsync(m => m.EventId == judgement.EventId)));
        (await CasesAsync(Doncaster)).Total.ShouldBe(0);
    }

    [Fact]
    public async Task A_council_sees_its_own_cases_and_is_refused_another_authority()
    {
        (await factory.ClientFor(Roles.Council, Reading).GetAsync($"/api/commissioners/cases?la={Reading}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await factory.ClientFor(Roles.Council, Reading).GetAsync($"/api/commissioners/cases?la={Sandwell}")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Ofsted_may_not_list_cases() =>
        (await factory.ClientFor(Roles.Ofsted).GetAsync($"/api/commissioners/cases?la={Reading}")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

    [Fact]
    public async Task An_unknown_authority_code_is_a_400_naming_la()
    {
        var response = await factory.ClientFor(Roles.Dfe).GetAsync("/api/commissioners/cases?la=E09000999");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await ProblemDocument.ReadAsync(response)).Errors!.Keys.ShouldContain("la");
    }

    [Theory]
    [InlineData("page=4294968&pageSize=500", "page")]
    [InlineData("page=0", "page")]
    [InlineData("page=-3", "page")]
    [InlineData("page=two", "page")]
    [InlineData("page=99999999999", "page")]
    [InlineData("pageSize=0", "pageSize")]
    [InlineData("pageSize=501", "pageSize")]
    [InlineData("pageSize=1.5", "pageSize")]
    public async Task A_page_or_page_size_out_of_bounds_is_a_400_naming_the_field(string query, string field)
    {
        var response = await factory.ClientFor(Roles.Dfe).GetAsync($"/api/commissioners/cases?la={Reading}&{query}");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await ProblemDocument.ReadAsync(response)).Errors!.Keys.ShouldBe([field]);
    }

    [Fact]
    public async Task The_last_page_a_request_may_ask_for_is_answered_empty() =>
        (await factory.ClientFor(Roles.Dfe).GetAsync($"/api/commissioners/cases?la={Reading}&page={PageRequest.MaxPage}&pageSize={PageRequest.MaxPageSize}"))
            .StatusCode.ShouldBe(HttpStatusCode.OK);
}
