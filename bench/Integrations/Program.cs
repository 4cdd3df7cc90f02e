using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Platform.ServiceDefaults.Auth;
using Platform.Testing;
using Platform.Testing.Journeys;
using Platform.Testing.Webhooks;

namespace Platform.Bench.Integrations;

/// <summary>
/// Webhooks end to end: from a judgement posted at the gateway to its signed delivery at a subscriber
/// (p50 and p95, one judgement at a time), and deliveries per second when one import reaches 100
/// subscribers at once.
/// </summary>
public static class IntegrationsBench
{
    private const string Judgements = "uk.gov.education.csc.inspection.published.v1";
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static async Task<int> Main(string[] args)
    {
        var root = RepositoryLayout.FindRoot();
        var judgements = int.Parse(Option(args, "--judgements") ?? "50", CultureInfo.InvariantCulture);
        var subscribers = int.Parse(Option(args, "--subscribers") ?? "100", CultureInfo.InvariantCulture);
        var imported = int.Parse(Option(args, "--imported") ?? "100", CultureInfo.InvariantCulture);

        Console.WriteLine("Starting the platform...");
        await using var platform = await RunningPlatform.StartAsync(settings: new Dictionary<string, string> { ["Logging:LogLevel:Default"] = "Warning" }, serviceEnvironment: "Production");
        await MainJourneys.ImportAuthoritiesAsync(platform);
        await using var receiver = await WebhookReceiver.StartAsync();
        using var ofsted = platform.Client(Roles.Ofsted);

        // Latency: one subscriber, one judgement at a time, from the POST to the delivery.
        using (var integrator = platform.ClientAs("bench-latency", Roles.Integrator, MainJourneys.Birmingham))
        {
            await SubscribeAsync(integrator, $"{receiver.Url}/latency");
        }

        var latencies = new List<double>();
        for (var i = 0; i < judgements; i++)
        {
            var started = Stopwatch.GetTimestamp();
            var posted = await ofsted.PostAsJsonAsync("/api/inspections/judgements", new
            {
                localAuthority = MainJourneys.Birmingham, framework = "ilacs-standard", overall = "good",
                inspectionStartDate = new DateOnly(2019, 1, 7).AddDays(14 * i).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                inspectionEndDate = new DateOnly(2019, 1, 11).AddDays(14 * i).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                publicationDate = new DateOnly(2019, 2, 4).AddDays(14 * i).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            });
            posted.EnsureSuccessStatusCode();
            var id = (await posted.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
            var delivery = await Eventually.ReturnsAsync(
                () => Task.FromResult(receiver.Taken.FirstOrDefault(taken => taken.Path.EndsWith("/latency", StringComparison.Ordinal) && taken.Body.Contains(id, StringComparison.Ordinal))),
                TimeSpan.FromSeconds(30), "the judgement's webhook");
            latencies.Add(Stopwatch.GetElapsedTime(started, delivery!.ReceivedAt).TotalMilliseconds);
        }

        // Throughput: 100 subscribers to Leeds's judgements, then one import of them.
        for (var i = 0; i < subscribers; i++)
        {
            using var integrator = platform.ClientAs($"bench-subscriber-{i}", Roles.Integrator, MainJourneys.Leeds);
            await SubscribeAsync(integrator, $"{receiver.Url}/fan/{i}");
        }

        var csv = new StringBuilder("gss_code,la_code,name,publication_date,framework,overall,impact_of_leaders,help_and_protection,in_care,care_leavers,report\n");
        for (var i = 0; i < imported; i++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"{MainJourneys.Leeds},383,Leeds,{new DateOnly(1990, 1, 1).AddDays(7 * i):yyyy-MM-dd},SIF,good,good,good,good,good,\n");
        }

        var expected = subscribers * imported;
        var importStarted = Stopwatch.GetTimestamp();
        (await ofsted.PostAsync("/api/inspections/imports", new StringContent(csv.ToString(), Encoding.UTF8, "text/csv"))).EnsureSuccessStatusCode();
        await Eventually.TrueAsync(() => Task.FromResult(FannedOut(receiver).Count >= expected), TimeSpan.FromMinutes(10), $"{expected} deliveries");
        var fanned = FannedOut(receiver);
        var first = fanned.Min(delivery => delivery.ReceivedAt);
        var last = fanned.Max(delivery => delivery.ReceivedAt);
        var perSecond = expected / Stopwatch.GetElapsedTime(first, last).TotalSeconds;
        var fromImport = expected / Stopwatch.GetElapsedTime(importStarted, last).TotalSeconds;

        latencies.Sort();
        var p50 = Percentile(latencies, 0.50);
        var p95 = Percentile(latencies, 0.95);
        Console.WriteLine();
        Console.WriteLine($"judgement posted at the gateway -> signed webhook received ({judgements} judgements, one at a time)");
        Console.WriteLine($"  p50 {p50,7:0.0} ms   p95 {p95,7:0.0} ms");
        Console.WriteLine($"{imported} judgements imported, {subscribers} subscribers: {expected} deliveries");
        Console.WriteLine($"  {perSecond,7:0} deliveries/s from the first to the last   {fromImport,7:0} deliveries/s from the import's start");

        var report = new
        {
            latency = new { judgements, p50Ms = p50, p95Ms = p95 },
            fanOut = new { subscribers, imported, deliveries = expected, deliveriesPerSecond = perSecond, deliveriesPerSecondFromImport = fromImport },
        };
        var results = Path.Combine(root, "bench", "results");
        Directory.CreateDirectory(results);
        var file = Path.Combine(results, $"integrations-{DateTime.UtcNow:yyyyMMdd-HHmmss}.json");
        await File.WriteAllTextAsync(file, JsonSerializer.Serialize(report, Indented));
        Console.WriteLine($"written to {file}");
        return 0;
    }

    private static List<ReceivedDelivery> FannedOut(WebhookReceiver receiver) => [.. receiver.Taken.Where(delivery => delivery.Path.Contains("/fan/", StringComparison.Ordinal))];

    private static async Task SubscribeAsync(HttpClient integrator, string url)
    {
        var response = await integrator.PostAsJsonAsync("/api/integrations/subscriptions", new { url, eventTypes = new[] { Judgements } });
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"Subscribing failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }

    private static double Percentile(List<double> sorted, double quantile) => sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(quantile * sorted.Count) - 1)];

    private static string? Option(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }
}
