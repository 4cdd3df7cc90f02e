using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Platform.ServiceDefaults.Auth;
using Platform.Testing.Webhooks;

namespace Platform.Resilience.Tests;

/// <summary>
/// A council's integrator subscribed to the judgements of some authorities, its receiver down until told
/// otherwise: once back, it must have every judgement once, each authority's in the order the log holds them.
/// </summary>
public sealed class WebhookWatch : IAsyncDisposable
{
    private const string Judgements = "uk.gov.education.csc.inspection.published.v1";

    private readonly WebhookReceiver _receiver;
    private readonly HttpClient _integrator;
    private readonly IReadOnlyList<string> _authorities;
    private readonly RunningPlatform _platform;

    private WebhookWatch(WebhookReceiver receiver, HttpClient integrator, IReadOnlyList<string> authorities, RunningPlatform platform)
    {
        _receiver = receiver;
        _integrator = integrator;
        _authorities = authorities;
        _platform = platform;
    }

    public static async Task<WebhookWatch> StartAsync(RunningPlatform platform, IReadOnlyList<string> authorities)
    {
        var receiver = await WebhookReceiver.StartAsync();
        receiver.Answer = HttpStatusCode.ServiceUnavailable;
        var integrator = platform.ClientAs("resilience-case-system", Roles.Integrator, [.. authorities]);
        var subscribed = await integrator.PostAsJsonAsync("/api/integrations/subscriptions", new { url = receiver.Url, eventTypes = new[] { Judgements } });
        subscribed.StatusCode.ShouldBe(HttpStatusCode.Created, await subscribed.Content.ReadAsStringAsync());
        return new WebhookWatch(receiver, integrator, authorities, platform);
    }

    /// <summary>Deliveries tried while the receiver was down (each answered 503).</summary>
    public int Refused => _receiver.Requests.Count(request => request.Answer == 503);

    public void ReceiverBack() => _receiver.Answer = HttpStatusCode.NoContent;

    /// <summary>Waits for <paramref name="expected"/> judgements taken, then checks each came once and in the log's order per authority.</summary>
    public async Task<TimeSpan> EveryJudgementOnceInOrderAsync(int expected)
    {
        var started = DateTime.UtcNow;
        try
        {
            await Eventually.TrueAsync(() => Task.FromResult(_receiver.Taken.Count >= expected), TimeSpan.FromMinutes(3), $"{expected} judgements delivered");
        }
        catch (TimeoutException exception)
        {
            throw new TimeoutException(
                $"{exception.Message} ({_receiver.Taken.Count} taken, {Refused} refused; the event log holds {await LoggedJudgementsAsync()} of them)\n"
                + await _platform.FailureReportAsync(), exception);
        }

        var tookFor = DateTime.UtcNow - started;
        await Task.Delay(TimeSpan.FromSeconds(1));
        var taken = _receiver.Taken.Select(delivery => JsonDocument.Parse(delivery.Body).RootElement).ToList();
        taken.Count.ShouldBe(expected, "no judgement delivered twice");
        taken.Select(item => item.GetProperty("id").GetString()).Distinct().Count().ShouldBe(expected);

        var logged = new List<JsonElement>();
        var after = "0";
        while (true)
        {
            var page = await _integrator.GetFromJsonAsync<JsonElement>($"/api/integrations/events?after={after}&type={Judgements}&pageSize=500");
            var items = page.GetProperty("items").EnumerateArray().ToList();
            logged.AddRange(items);
            after = page.GetProperty("next").GetString()!;
            if (items.Count < 500)
            {
                break;
            }
        }

        foreach (var authority in _authorities)
        {
            Ids(taken, authority).ShouldBe(Ids(logged, authority), $"{authority}'s judgements in the log's order");
        }

        return tookFor;
    }

    public async ValueTask DisposeAsync()
    {
        _integrator.Dispose();
        await _receiver.DisposeAsync();
    }

    private async Task<long> LoggedJudgementsAsync() =>
        await DatabaseRows.CountAsync(await _platform.ConnectionStringAsync("integrations-db"),
            "SELECT count(*) FROM event_log WHERE type = $1 AND local_authority = ANY($2)", Judgements, _authorities.ToArray());

    private static List<string?> Ids(IEnumerable<JsonElement> items, string authority) =>
        [.. items.Where(item => item.GetProperty("subject").GetString() == authority).Select(item => item.GetProperty("id").GetString())];
}
