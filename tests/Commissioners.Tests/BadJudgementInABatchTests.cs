using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Platform.Messaging.DeadLetters;
using Platform.Messaging.Events;
using Platform.ServiceDefaults.Auth;

namespace Platform.Commissioners.Tests;

/// <summary>A judgement that can never be applied, published among good ones: it alone is given up, visibly.</summary>
public sealed class BadJudgementInABatchTests(CommissionersFactory factory) : IClassFixture<CommissionersFactory>
{
    private static readonly string[] Authorities = ["E08000001", "E08000002", "E08000003", "E08000004", "E08000005", "E08000006", "E08000007", "E08000008"];

    private static InspectionPublished Judgement(string la, int index, string overall) => new()
    {
        OccurredAt = DateTimeOffset.UtcNow,
        JudgementId = Guid.NewGuid(),
        LocalAuthority = la,
        Framework = "ilacs-standard",
        Overall = overall,
        PublicationDate = new DateOnly(2020, 1, 6).AddDays(index * 7),
    };

    [Fact]
    public async Task One_bad_judgement_goes_to_the_error_queue_with_its_reason_and_the_rest_of_its_batch_is_applied()
    {
        var good = Enumerable.Range(0, 60).Select(i => Judgement(Authorities[i % Authorities.Length], i, "requires-improvement")).ToList();
        // An authority code longer than any case can hold: the case it opens cannot be stored.
        var bad = Judgement("E08000001-not-a-code", 30, "inadequate");
        var publishing = good.Take(30).Append(bad).Concat(good.Skip(30)).ToList();
        await Task.WhenAll(publishing.Select(factory.PublishAsync));

        var goodIds = good.Select(j => j.EventId).ToList();
        await Eventually.TrueAsync(
            async () => await factory.QueryAsync(db => db.InboxMessages.CountAsync(m => goodIds.Contains(m.EventId))) == good.Count,
            TimeSpan.FromSeconds(60), "every good judgement applied");
        var operatorClient = factory.ClientFor(Roles.Operator);
        var report = await Eventually.ReturnsAsync(async () =>
        {
            var look = await operatorClient.GetFromJsonAsync<JsonElement>("/api/commissioners/operations/dead-letters");
            return look.GetProperty("total").GetInt64() > 0 ? (JsonElement?)look : null;
        }, TimeSpan.FromSeconds(30), "the bad judgement in the error queue");

        var queue = report!.Value.GetProperty("errorQueues").EnumerateArray().Single(q => q.GetProperty("messages").GetInt32() > 0);
        queue.GetProperty("queue").GetString().ShouldBe("commissioners-inspection-published_error");
        queue.GetProperty("messages").GetInt32().ShouldBe(1);
        var letter = queue.GetProperty("first")[0];
        letter.GetProperty("reason").GetString()!.ShouldContain("too long");
        letter.GetProperty("messageType").GetString().ShouldBe(nameof(InspectionPublished));
        (await factory.QueryAsync(db => db.InboxMessages.AnyAsync(m => m.EventId == bad.EventId))).ShouldBeFalse();
        factory.Services.GetRequiredService<DeadLetterGauge>().ErrorQueueMessages.ShouldBe(1);

        // Re-driven, it is tried again; still bad, it comes back to the error queue and nothing else changes.
        var redriven = await operatorClient.PostAsync("/api/commissioners/operations/dead-letters/redrive", null);
        redriven.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await redriven.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("messages").GetProperty("commissioners-inspection-published").GetInt32().ShouldBe(1);
        var again = await Eventually.ReturnsAsync(async () =>
        {
            var look = await operatorClient.GetFromJsonAsync<JsonElement>("/api/commissioners/operations/dead-letters");
            var first = look.GetProperty("errorQueues")[0].GetProperty("first");
            return first.GetArrayLength() == 1 && first[0].GetProperty("faultedAt").GetDateTimeOffset() > letter.GetProperty("faultedAt").GetDateTimeOffset() ? (JsonElement?)look : null;
        }, TimeSpan.FromSeconds(30), "the re-driven judgement to fail again");
        again!.Value.GetProperty("total").GetInt64().ShouldBe(1);
        (await factory.QueryAsync(db => db.InboxMessages.CountAsync(m => goodIds.Contains(m.EventId)))).ShouldBe(good.Count);
    }

    [Fact]
    public async Task Only_an_operator_sees_the_dead_letters()
    {
        (await factory.ClientFor(Roles.Dfe).GetAsync("/api/commissioners/operations/dead-letters")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }
}
