using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Npgsql;
using Platform.Testing;
using Platform.Bench.Intervention;
using Platform.ServiceDefaults.Auth;

namespace Platform.Bench.Dashboard;

/// <summary>
/// The national picture and one authority's full picture through the gateway, with every real
/// authority holding ten years of judgements and workforce returns: latency percentiles and
/// requests per second under concurrent readers, the two endpoints in interleaved rounds.
/// </summary>
public static class DashboardBench
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

        var years = int.Parse(BenchSupport.Option(args, "--years") ?? "10", CultureInfo.InvariantCulture);
        var concurrency = int.Parse(BenchSupport.Option(args, "--concurrency") ?? "8", CultureInfo.InvariantCulture);
        var seconds = int.Parse(BenchSupport.Option(args, "--seconds") ?? "4", CultureInfo.InvariantCulture);
        var rounds = int.Parse(BenchSupport.Option(args, "--rounds") ?? "3", CultureInfo.InvariantCulture);
        // --freshness 0 measures every request composing afresh from the services (no dashboard cache).
        var freshness = BenchSupport.Option(args, "--freshness") ?? "5";

        Console.WriteLine("Starting the platform...");
        await using var platform = await RunningPlatform.StartAsync(
            settings: new Dictionary<string, string>
            {
                ["Logging:LogLevel:Default"] = "Warning",
                ["Dashboard:Freshness"] = TimeSpan.FromSeconds(double.Parse(freshness, CultureInfo.InvariantCulture)).ToString("c", CultureInfo.InvariantCulture),
            },
            serviceEnvironment: "Production",
            localAuthorities: authoritiesCsv);
        var gateway = platform.Gateway;
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency }) { Timeout = TimeSpan.FromMinutes(5) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await platform.TokenAsync("bench-dfe", Roles.Dfe, []));
        using var ofsted = new HttpClient { BaseAddress = gateway, Timeout = TimeSpan.FromMinutes(5) };
        ofsted.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await platform.TokenAsync("bench-ofsted", Roles.Ofsted, []));

        foreach (var service in new[] { "inspections", "commissioners", "workforce" })
        {
            var database = await platform.ConnectionStringAsync($"{service}-db");
            await BenchSupport.WaitAsync(async () => await BenchSupport.ScalarAsync(database, "SELECT count(*) FROM known_local_authority") >= authorities.Count, $"{service}'s directory");
        }

        Console.WriteLine($"Loading {years} years of judgements and workforce returns for {authorities.Count} authorities...");
        var history = new SyntheticHistory(authorities, years, new DateOnly(2025, 6, 30));
        (await ofsted.PostAsync("/api/inspections/imports", new StringContent(history.ToCsv(), Encoding.UTF8, "text/csv"))).EnsureSuccessStatusCode();
        (await http.PostAsync(new Uri(gateway, "/api/workforce/imports"), new StringContent(WorkforceReturns(authorities, years), Encoding.UTF8, "text/csv"))).EnsureSuccessStatusCode();
        await BenchSupport.WaitAsync(async () => await BenchSupport.ScalarAsync(await platform.ConnectionStringAsync("commissioners-db"), "SELECT count(*) FROM judgements") >= history.Rows.Count, "Commissioners to apply the judgements");

        Console.WriteLine("Waiting for the services to work through the load's events...");
        var serviceDatabases = new List<string>();
        foreach (var service in new[] { "providers", "inspections", "commissioners", "contracts", "workforce", "integrations" })
        {
            serviceDatabases.Add(await platform.ConnectionStringAsync($"{service}-db"));
        }

        await BenchSupport.WaitUntilSettledAsync(serviceDatabases);

        // The two pages through the gateway, then the summaries the national page is composed from,
        // asked of each service directly: where the page's time goes.
        var targets = new Dictionary<string, Uri>
        {
            ["national"] = new(gateway, "/api/dashboard/national"),
            ["authority"] = new(gateway, $"/api/dashboard/authorities/{authorities[0].Gss}"),
            ["latest grades"] = new(platform.UrlOf("inspections"), "/api/inspections/latest?pageSize=500"),
            ["case summary"] = new(platform.UrlOf("commissioners"), "/api/commissioners/summary?pageSize=500"),
            ["headlines"] = new(platform.UrlOf("workforce"), "/api/workforce/headlines?pageSize=500"),
            ["directory"] = new(platform.UrlOf("providers"), "/api/providers/local-authorities?pageSize=500"),
        };
        if (HeldPlatform.Requested(args))
        {
            await HeldPlatform.HoldAsync("dashboard-bench", http.DefaultRequestHeaders.Authorization!.Parameter!, targets);
            return 0;
        }

        // Long enough for the runtime to have compiled the hot paths for good (tiered, with dynamic PGO):
        // the figures are of the steady state, not of the JIT.
        var warmUp = TimeSpan.FromSeconds(int.Parse(BenchSupport.Option(args, "--warmup") ?? "6", CultureInfo.InvariantCulture));
        foreach (var url in targets.Values)
        {
            await LoadAsync(http, url, concurrency, warmUp, new Samples());
        }

        var samples = targets.Keys.ToDictionary(name => name, _ => new Samples());
        var elapsed = targets.Keys.ToDictionary(name => name, _ => TimeSpan.Zero);
        for (var round = 1; round <= rounds; round++)
        {
            foreach (var (name, url) in targets)
            {
                var stopwatch = Stopwatch.StartNew();
                var roundSamples = new Samples();
                await LoadAsync(http, url, concurrency, TimeSpan.FromSeconds(seconds), roundSamples);
                elapsed[name] += stopwatch.Elapsed;
                samples[name].Add(roundSamples);
                var sorted = roundSamples.Milliseconds.Order().ToList();
                Console.WriteLine($"  round {round} {name,-14} p50 {BenchSupport.Percentile(sorted, 0.50),7:0.0} ms   p95 {BenchSupport.Percentile(sorted, 0.95),7:0.0} ms");
            }
        }

        Console.WriteLine();
        Console.WriteLine($"{authorities.Count} authorities, {years} years of judgements and returns; {concurrency} concurrent readers through the gateway; dashboard freshness {freshness} s");
        var report = new Dictionary<string, object> { ["authorities"] = authorities.Count, ["years"] = years, ["concurrency"] = concurrency, ["freshnessSeconds"] = freshness };
        foreach (var name in targets.Keys)
        {
            var sorted = samples[name].Milliseconds.Order().ToList();
            var failed = samples[name].Failures;
            var (p50, p95, perSecond) = (BenchSupport.Percentile(sorted, 0.50), BenchSupport.Percentile(sorted, 0.95), sorted.Count / elapsed[name].TotalSeconds);
            report[name] = new { p50Ms = p50, p95Ms = p95, requestsPerSecond = perSecond, requests = sorted.Count, failed };
            var failures = failed.Count == 0 ? "" : $"   FAILED {string.Join(", ", failed.Select(f => $"{f.Value} x {f.Key}"))}";
            Console.WriteLine($"  {name,-14} p50 {p50,7:0.0} ms   p95 {p95,7:0.0} ms   {perSecond,7:0.0} req/s   ({sorted.Count} requests){failures}");
        }

        Console.WriteLine("  (goal: the national page's p95 under 100 ms with the cache off)");

        var results = Path.Combine(root, "bench", "results");
        Directory.CreateDirectory(results);
        var file = Path.Combine(results, $"dashboard-{DateTime.UtcNow:yyyyMMdd-HHmmss}.json");
        await File.WriteAllTextAsync(file, JsonSerializer.Serialize(report, Indented));
        Console.WriteLine($"written to {file}");
        return 0;
    }

    /// <summary>A reproducible census series per authority: a few hundred social workers, rates drifting year to year.</summary>
    private static string WorkforceReturns(IReadOnlyList<(string Gss, string LaNumber, string Name)> authorities, int years)
    {
        var random = new Random(20240930);
        var csv = new StringBuilder("gss_code,census_year,headcount_employed,fte_employed,case_holding_fte,agency_fte,starters_fte,leavers_fte,vacancies_fte,cases_held,absence_days\n");
        foreach (var (gss, _, _) in authorities)
        {
            var fte = random.Next(80, 800);
            for (var year = 2025 - years; year < 2025; year++)
            {
                var caseHolding = Math.Round(fte * 0.8m, 1);
                csv.Append(CultureInfo.InvariantCulture, $"{gss},{year},{fte + 20},{fte},{caseHolding},{Math.Round(fte * (decimal)(0.05 + random.NextDouble() * 0.3), 1)},");
                csv.Append(CultureInfo.InvariantCulture, $"{Math.Round(fte * 0.15m, 1)},{Math.Round(fte * (decimal)(0.1 + random.NextDouble() * 0.12), 1)},{Math.Round(fte * 0.2m, 1)},");
                csv.Append(CultureInfo.InvariantCulture, $"{(int)(caseHolding * (decimal)(12 + random.NextDouble() * 14))},{fte * 5}\n");
                fte = Math.Max(50, fte + random.Next(-30, 31));
            }
        }

        return csv.ToString();
    }

    /// <summary>Every request's time, and how many answered with each failing status (a failure is counted, not timed).</summary>
    private sealed class Samples
    {
        public List<double> Milliseconds { get; } = [];

        public Dictionary<int, int> Failures { get; } = [];

        public void Add(Samples round)
        {
            Milliseconds.AddRange(round.Milliseconds);
            foreach (var (status, count) in round.Failures)
            {
                Failures[status] = Failures.GetValueOrDefault(status) + count;
            }
        }
    }

    private static async Task LoadAsync(HttpClient http, Uri url, int concurrency, TimeSpan duration, Samples samples)
    {
        var until = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var perClient = await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            var mine = new List<(double Milliseconds, int Status)>();
            while (Stopwatch.GetTimestamp() < until)
            {
                var started = Stopwatch.GetTimestamp();
                using var response = await http.GetAsync(url);
                await response.Content.ReadAsByteArrayAsync();
                mine.Add((Stopwatch.GetElapsedTime(started).TotalMilliseconds, (int)response.StatusCode));
            }

            return mine;
        }));
        foreach (var (milliseconds, status) in perClient.SelectMany(mine => mine))
        {
            if (status is >= 200 and < 300)
            {
                samples.Milliseconds.Add(milliseconds);
            }
            else
            {
                samples.Failures[status] = samples.Failures.GetValueOrDefault(status) + 1;
            }
        }
    }
}
