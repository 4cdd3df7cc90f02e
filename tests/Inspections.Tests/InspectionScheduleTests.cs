using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Inspections.Domain;
using Platform.Messaging.Events;
using Platform.ServiceDefaults.Auth;

namespace Platform.Inspections.Tests;

public sealed class InspectionScheduleTests(ClockedInspectionsFactory factory) : IClassFixture<ClockedInspectionsFactory>, IAsyncLifetime
{
    private const string Doncaster = "E08000017";
    private const string Slough = "E06000039";
    private const string Kingston = "E09000021";
    private const string Richmond = "E09000027";
    private const string Rotherham = "E08000018";

    public Task InitializeAsync() =>
        factory.RegisterAuthoritiesAsync((Doncaster, "371", "Doncaster"), (Slough, "871", "Slough"), (Kingston, "314", "Kingston upon Thames"), (Richmond, "318", "Richmond upon Thames"), (Rotherham, "372", "Rotherham"));

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task EstablishAsync(Guid trust, string la, string name, string operatingFrom)
    {
        var established = new TrustEstablished { OccurredAt = DateTimeOffset.UtcNow, ProviderId = trust, Name = name, LocalAuthority = la, OperatingFrom = DateOnly.Parse(operatingFrom) };
        await factory.PublishAsync(established);
        await Eventually.TrueAsync(() => factory.QueryAsync(db => db.InboxMessages.AnyAsync(m => m.EventId == established.EventId)));
    }

    private async Task<JsonElement> ScheduleEntryAsync(Guid trust) =>
        (await factory.ClientFor(Roles.Dfe).GetFromJsonAsync<JsonElement>("/api/inspections/schedule")).GetProperty("items").EnumerateArray()
            .Single(entry => entry.GetProperty("providerId").GetGuid() == trust);

    [Fact]
    public void I4_a_trust_is_due_for_inspection_twelve_months_after_it_starts_operating()
    {
        var scheduled = ScheduledInspection.ForNewTrust(Guid.NewGuid(), "Doncaster Children's Services Trust", Doncaster, new DateOnly(2026, 3, 31));

        scheduled.DueBy.ShouldBe(new DateOnly(2027, 3, 31));
        scheduled.StatusOn(new DateOnly(2027, 3, 31), null).ShouldBe(ScheduleStatus.Due);
        scheduled.StatusOn(new DateOnly(2027, 4, 1), null).ShouldBe(ScheduleStatus.Overdue);
        scheduled.StatusOn(new DateOnly(2027, 4, 1), new DateOnly(2026, 1, 1)).ShouldBe(ScheduleStatus.Overdue, "a judgement from before the trust does not count");
        scheduled.StatusOn(new DateOnly(2027, 4, 1), new DateOnly(2027, 2, 1)).ShouldBe(ScheduleStatus.Inspected);
    }

    [Fact]
    public async Task Given_a_new_trust_when_its_year_passes_uninspected_then_inspection_overdue_is_raised_once()
    {
        var trust = Guid.NewGuid();
        await EstablishAsync(trust, Doncaster, "Doncaster Children's Services Trust", "2026-10-01");
        (await ScheduleEntryAsync(trust)).GetProperty("dueBy").GetString().ShouldBe("2027-10-01");

        var monitor = factory.Services.GetRequiredService<ScheduleMonitor>();
        factory.Clock.MoveTo(new DateTimeOffset(2027, 10, 2, 9, 0, 0, TimeSpan.Zero));
        await monitor.CheckAsync(CancellationToken.None);
        await monitor.CheckAsync(CancellationToken.None);

        (await ScheduleEntryAsync(trust)).GetProperty("status").GetString().ShouldBe("overdue");
        (await factory.QueryAsync(db => db.OutboxMessages.CountAsync(m => m.EventType == "InspectionOverdue" && m.Payload.Contains(trust.ToString())))).ShouldBe(1);
    }

    [Fact]
    public async Task Three_replicas_checking_the_schedule_at_once_raise_an_overdue_inspection_once_with_the_id_of_the_fact()
    {
        var trust = Guid.NewGuid();
        var operatingFrom = DateOnly.FromDateTime(factory.Clock.GetUtcNow().UtcDateTime).AddYears(-2);
        await EstablishAsync(trust, Rotherham, "Rotherham Family Trust", operatingFrom.ToString("yyyy-MM-dd"));
        var replicas = Enumerable.Range(0, 3).Select(_ => ActivatorUtilities.CreateInstance<ScheduleMonitor>(factory.Services)).ToList();

        await Task.WhenAll(replicas.SelectMany(replica => Enumerable.Range(0, 4).Select(_ => replica.CheckAsync(CancellationToken.None))));

        var raised = await factory.QueryAsync(db => db.OutboxMessages.Where(m => m.EventType == "InspectionOverdue" && m.Payload.Contains(trust.ToString())).ToListAsync());
        raised.Count.ShouldBe(1);
        var scheduled = await factory.QueryAsync(db => db.Schedule.SingleAsync(s => s.ProviderId == trust));
        raised[0].EventId.ShouldBe(FactId.Of(nameof(InspectionOverdue), scheduled.Id, scheduled.DueBy));
    }

    [Fact]
    public async Task A_trust_inspected_within_its_year_is_not_overdue()
    {
        var trust = Guid.NewGuid();
        await EstablishAsync(trust, Slough, "Slough Children First", "2026-01-01");
        var recorded = await factory.ClientFor(Roles.Ofsted).PostAsJsonAsync("/api/inspections/judgements", new
        {
            localAuthority = Slough, framework = "ilacs-standard", inspectionStartDate = "2026-09-01", inspectionEndDate = "2026-09-12",
            publicationDate = "2026-10-20", overall = "requires-improvement", providerId = trust,
        });
        recorded.StatusCode.ShouldBe(System.Net.HttpStatusCode.Created);

        factory.Clock.MoveTo(new DateTimeOffset(2028, 1, 2, 9, 0, 0, TimeSpan.Zero));
        await factory.Services.GetRequiredService<ScheduleMonitor>().CheckAsync(CancellationToken.None);

        (await ScheduleEntryAsync(trust)).GetProperty("status").GetString().ShouldBe("inspected");
        (await factory.QueryAsync(db => db.OutboxMessages.AnyAsync(m => m.EventType == "InspectionOverdue" && m.Payload.Contains(trust.ToString())))).ShouldBeFalse();
    }

    [Fact]
    public async Task P5_a_trust_serving_two_councils_has_a_schedule_for_each_and_its_judgement_is_each_authoritys_latest_grade()
    {
        var trust = Guid.NewGuid();
        await EstablishAsync(trust, Kingston, "Thamesbank Children's Trust", "2014-04-01");
        await EstablishAsync(trust, Richmond, "Thamesbank Children's Trust", "2014-04-01");
        await EstablishAsync(trust, Kingston, "Thamesbank Children's Trust", "2014-04-01");

        var entries = (await factory.ClientFor(Roles.Dfe).GetFromJsonAsync<JsonElement>("/api/inspections/schedule")).GetProperty("items").EnumerateArray()
            .Where(entry => entry.GetProperty("providerId").GetGuid() == trust)
            .Select(entry => entry.GetProperty("localAuthority").GetString())
            .ToList();
        entries.ShouldBe([Kingston, Richmond], ignoreOrder: true);

        (await factory.ClientFor(Roles.Ofsted).PostAsJsonAsync("/api/inspections/judgements", new
        {
            localAuthority = Kingston, framework = "ilacs-standard", inspectionStartDate = "2015-01-05", inspectionEndDate = "2015-01-16",
            publicationDate = "2015-03-02", overall = "good", providerId = trust,
        })).StatusCode.ShouldBe(System.Net.HttpStatusCode.Created);
        var latest = (await factory.ClientFor(Roles.Dfe).GetFromJsonAsync<JsonElement>("/api/inspections/latest")).GetProperty("items").EnumerateArray()
            .Single(grade => grade.GetProperty("localAuthority").GetString() == Kingston);
        latest.GetProperty("overall").GetString().ShouldBe("good");
        latest.GetProperty("providerId").GetGuid().ShouldBe(trust);
    }
}
