using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Npgsql;
using Platform.Testing;
using Platform.Commissioners.Domain;
using Platform.ServiceDefaults.Auth;

namespace Platform.Bench.Intervention;

/// <summary>
/// Imports 153 authorities × 15 years of history through the gateway and times: the whole import until
/// the Commissioners service has applied every judgement; the rules alone, in process; and the latency
/// from a judgement posted to its case visible through the gateway.
/// </summary>
public static class InterventionBench
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static async Task<int> Main(string[] args)
    {
        var root = RepositoryLayout.FindRoot();
        if (BenchSupport.Authorities(args, root) is not { } reference)
        {
            return 2;
        }

        var (authoritiesCsv, authorities) = reference;

        var years = int.Parse(BenchSupport.Option(args, "--years") ?? "15", CultureInfo.InvariantCulture);
        var samples = int.Parse(BenchSupport.Option(args, "--samples") ?? "50", CultureInfo.InvariantCulture);
        var history = new SyntheticHistory(authorities, years, new DateOnly(2025, 6, 30));

        Console.WriteLine("Starting the platform...");
        await using var platform = await RunningPlatform.StartAsync(
            settings: new Dictionary<string, string> { ["Logging:LogLevel:Default"] = "Warning" },
            serviceEnvironment: "Production",
            localAuthorities: authoritiesCsv);
        using var http = new HttpClient { BaseAddress = platform.Gateway, Timeout = TimeSpan.FromMinutes(5) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await platform.TokenAsync("bench-dfe", Roles.Dfe, []));
        using var ofsted = new HttpClient { BaseAddress = platform.Gateway, Timeout = TimeSpan.FromMinutes(5) };
        ofsted.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await platform.TokenAsync("bench-ofsted", Roles.Ofsted, []));

        var commissionersDb = await platform.ConnectionStringAsync("commissioners-db");
        var inspectionsDb = await platform.ConnectionStringAsync("inspections-db");
        await BenchSupport.WaitAsync(async () => await BenchSupport.CountAsync(inspectionsDb, "known_local_authority") >= authorities.Count
            && await BenchSupport.CountAsync(commissionersDb, "known_local_authority") >= authorities.Count, "the directories");

        // 0. Warm-up: one judgement through the same path (import, relay, consumer), so the timed run
        // measures the platform at work rather than its first-request compilation.
        var (warmGss, warmNumber, warmName) = authorities[0];
        var warmUp = await ofsted.PostAsync("/api/inspections/imports", new StringContent(
            $"gss_code,la_code,name,publication_date,framework,overall,impact_of_leaders,help_and_protection,in_care,care_leavers,report\n{warmGss},{warmNumber},\"{warmName}\",2000-01-01,SIF,good,,,,,\n",
            Encoding.UTF8, "text/csv"));
        warmUp.EnsureSuccessStatusCode();
        await BenchSupport.WaitAsync(async () => await BenchSupport.CountAsync(commissionersDb, "judgements") >= 1, "the warm-up judgement");

        // 1. The whole import, until Commissioners has applied every judgement.
        var csv = history.ToCsv();
        var endToEnd = Stopwatch.StartNew();
        var response = await ofsted.PostAsync("/api/inspections/imports", new StringContent(csv, Encoding.UTF8, "text/csv"));
        var summary = await response.Content.ReadFromJsonAsync<JsonElement>();
        var imported = endToEnd.Elapsed;
        var added = summary.GetProperty("added").GetInt32();
        foreach (var error in summary.GetProperty("errors").EnumerateArray().Take(5))
        {
            Console.WriteLine($"  rejected line {error.GetProperty("line").GetInt32()}: {error.GetProperty("reason").GetString()}");
        }

        await BenchSupport.WaitAsync(async () => await BenchSupport.ScalarAsync(inspectionsDb, "SELECT count(*) FROM outbox_messages WHERE sent_at IS NULL") == 0, "the relay to publish every event");
        var relayed = endToEnd.Elapsed;
        await BenchSupport.WaitAsync(async () => await BenchSupport.CountAsync(commissionersDb, "judgements") >= added + 1, "Commissioners to apply every judgement");
        endToEnd.Stop();
        var cases = await BenchSupport.CountAsync(commissionersDb, "intervention_cases");
        var escalated = await BenchSupport.ScalarAsync(commissionersDb, "SELECT count(*) FROM intervention_cases WHERE fired_rule IS NOT NULL");

        // 2. The rules alone, in process, best of several runs.
        var ruleTimes = new List<double>();
        var fired = 0;
        for (var run = 0; run < 7; run++)
        {
            var rules = Stopwatch.StartNew();
            fired = history.EvaluateRules(InterventionPolicy.Seeds2015);
            ruleTimes.Add(rules.Elapsed.TotalMilliseconds);
        }

        // 3. A judgement posted to its case visible through the gateway.
        var open = (await BenchSupport.QueryListAsync(commissionersDb, "SELECT DISTINCT local_authority FROM intervention_cases WHERE status <> 'Closed'")).ToHashSet();
        var quiet = authorities.Select(a => a.Gss).Where(gss => !open.Contains(gss)).Take(samples).ToList();
        var latencies = new List<double>();
        foreach (var gss in quiet)
        {
            var posted = Stopwatch.StartNew();
            var recorded = await ofsted.PostAsJsonAsync("/api/inspections/judgements", new
            {
                localAuthority = gss, framework = "ilacs-short", inspectionStartDate = "2026-09-01", inspectionEndDate = "2026-09-05",
                publicationDate = "2026-10-15", overall = "inadequate",
            });
            var judgementId = (await recorded.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
            while (true)
            {
                var page = await http.GetFromJsonAsync<JsonElement>($"/api/commissioners/cases?la={gss}&pageSize=1");
                if (page.GetProperty("items").EnumerateArray().Any(c => c.GetProperty("triggeringJudgementId").GetString() == judgementId))
                {
                    break;
                }

                if (posted.Elapsed > TimeSpan.FromSeconds(10))
                {
                    throw new TimeoutException($"No case for {gss} after 10 s.");
                }

                await Task.Delay(2);
            }

            latencies.Add(posted.Elapsed.TotalMilliseconds);
        }

        latencies.Sort();
        var report = new
        {
            authorities = authorities.Count,
            years,
            judgementsImported = added,
            importRequestSeconds = imported.TotalSeconds,
            allPublishedSeconds = relayed.TotalSeconds,
            endToEndSeconds = endToEnd.Elapsed.TotalSeconds,
            casesOpened = cases,
            casesEscalated = escalated,
            rulesAloneMilliseconds = ruleTimes.Min(),
            rulesFired = fired,
            judgementToCaseP50Ms = BenchSupport.Percentile(latencies, 0.50),
            judgementToCaseP95Ms = BenchSupport.Percentile(latencies, 0.95),
            samples = latencies.Count,
        };

        Console.WriteLine();
        Console.WriteLine($"{report.authorities} authorities x {years} years = {added} judgements imported through the gateway");
        Console.WriteLine($"  import request            {report.importRequestSeconds,8:0.00} s");
        Console.WriteLine($"  all events published      {report.allPublishedSeconds,8:0.00} s");
        Console.WriteLine($"  end to end (all applied)  {report.endToEndSeconds,8:0.00} s   (goal < 5 s)   cases opened {cases}, escalated {escalated}");
        Console.WriteLine($"  rules alone (in process)  {report.rulesAloneMilliseconds,8:0.0} ms  (goal < 1 s)   rules fired {fired}");
        Console.WriteLine($"  judgement -> case visible p50 {report.judgementToCaseP50Ms:0.0} ms, p95 {report.judgementToCaseP95Ms:0.0} ms (goal p95 < 200 ms), {latencies.Count} samples");

        var results = Path.Combine(root, "bench", "results");
        Directory.CreateDirectory(results);
        var file = Path.Combine(results, $"intervention-{DateTime.UtcNow:yyyyMMdd-HHmmss}.json");
        await File.WriteAllTextAsync(file, JsonSerializer.Serialize(report, Indented));
        Console.WriteLine($"written to {file}");
        return 0;
    }
}
