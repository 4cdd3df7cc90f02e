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
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency }) { BaseAddress = gateway, Timeout = TimeSpan.FromMinutes(5) };
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
        (await http.PostAsync("/api/workforce/imports", new StringContent(WorkforceReturns(authorities, years), Encoding.UTF8, "text/csv"))).EnsureSuccessStatusCode();
        await BenchSupport.WaitAsync(async () => await BenchSupport.ScalarAsync(await platform.ConnectionStringAsync("commissioners-db"), "SELECT count(*) FROM judgements") >= history.Rows.Count, "Commissioners to apply the judgements");

        var targets = new Dictionary<string, string>
        {
            ["national"] = "/api/dashboard/national",
            ["authority"] = $"/api/dashboard/authorities/{authorities[0].Gss}",
        };
        foreach (var path in targets.Values)
        {
            await LoadAsync(http, path, concurrency, TimeSpan.FromSeconds(2), []);
        }

        var samples = targets.Keys.ToDictionary(name => name, _ => new List<double>());
        var elapsed = targets.Keys.ToDictionary(name => name, _ => TimeSpan.Zero);
        for (var round = 1; round <= rounds; round++)
        {
            foreach (var (name, path) in targets)
            {
                var stopwatch = Stopwatch.StartNew();
                await LoadAsync(http, path, concurrency, TimeSpan.FromSeconds(seconds), samples[name]);
                elapsed[name] += stopwatch.Elapsed;
            }
        }

        Console.WriteLine();
        Console.WriteLine($"{authorities.Count} authorities, {years} years of judgements and returns; {concurrency} concurrent readers through the gateway; dashboard freshness {freshness} s");
        var report = new Dictionary<string, object> { ["authorities"] = authorities.Count, ["years"] = years, ["concurrency"] = concurrency, ["freshnessSeconds"] = freshness };
        foreach (var name in targets.Keys)
        {
            var sorted = samples[name].Order().ToList();
            var (p50, p95, perSecond) = (BenchSupport.Percentile(sorted, 0.50), BenchSupport.Percentile(sorted, 0.95), sorted.Count / elapsed[name].TotalSeconds);
            report[name] = new { p50Ms = p50, p95Ms = p95, requestsPerSecond = perSecond, requests = sorted.Count };
            Console.WriteLine($"  {name,-10} p50 {p50,7:0.0} ms   p95 {p95,7:0.0} ms (goal < 100 ms)   {perSecond,7:0.0} req/s   ({sorted.Count} requests)");
        }

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

    private static async Task LoadAsync(HttpClient http, string path, int concurrency, TimeSpan duration, List<double> samples)
    {
        var until = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var perClient = await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            var mine = new List<double>();
            while (Stopwatch.GetTimestamp() < until)
            {
                var started = Stopwatch.GetTimestamp();
                using var response = await http.GetAsync(path);
                await response.Content.ReadAsByteArrayAsync();
                response.EnsureSuccessStatusCode();
                mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }

            return mine;
        }));
        samples.AddRange(perClient.SelectMany(mine => mine));
    }
}
