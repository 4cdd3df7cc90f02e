using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Platform.Bench.Gateway;
using Platform.ServiceDefaults.Auth;
using Platform.Testing;

// One single-record GET (an authority from the registry) three ways in the same run: straight to the
// service, through nginx, and through the gateway, in interleaved rounds (each round in a different
// order) so the machine's noise falls on all three alike. wrk makes the load. The figures that matter are
// the ratios: the gateway's throughput against nginx's, and what it adds at p99.
var seconds = IntOption("--seconds", 5);
var rounds = IntOption("--rounds", 3);
var connections = IntOption("--connections", 16);
var threads = IntOption("--threads", 2);
// The gateway and the service run as deployed (tiered compilation with dynamic PGO): their code reaches its
// final tier only after some seconds of load, which nginx, compiled ahead, never waits for.
var warmUp = IntOption("--warmup", 30);

Console.WriteLine("Starting the platform...");
var starting = Stopwatch.StartNew();
await using var platform = await RunningPlatform.StartAsync(
    settings: new Dictionary<string, string> { ["Logging:LogLevel:Default"] = "Warning" }, serviceEnvironment: "Production");
Console.WriteLine($"Platform healthy after {starting.Elapsed.TotalSeconds:0.0} s.");

var token = await platform.TokenAsync("bench-dfe", Roles.Dfe, []);
const string ResourcePath = "/api/providers/local-authorities/E08000025";
using (var http = new HttpClient())
{
    http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
    var csv = "gss_code,la_code,name,region_code,region_name,la_type,population_0_25,stat_neighbours\n"
        + "E08000025,330,Birmingham,WM,West Midlands,Metropolitan District,432811,892 352 380 391 353 889 373 806 852 355\n";
    (await http.PostAsync(platform.Gateway + "api/providers/local-authorities/imports", new StringContent(csv, Encoding.UTF8, "text/csv"))).EnsureSuccessStatusCode();
}

var service = platform.UrlOf("providers");
await using var nginx = await Nginx.StartAsync(service);
var targets = new Dictionary<string, Uri>
{
    ["direct"] = new(service, ResourcePath),
    ["nginx"] = new(nginx.Address, ResourcePath),
    ["gateway"] = new(platform.Gateway, ResourcePath),
};

if (HeldPlatform.Requested(args))
{
    await HeldPlatform.HoldAsync("gateway-bench", token, targets);
    return 0;
}

foreach (var url in targets.Values)
{
    await Wrk.RunAsync(url, token, connections, threads, TimeSpan.FromSeconds(warmUp));
}

var runs = targets.Keys.ToDictionary(name => name, _ => new List<WrkRun>());
var names = targets.Keys.ToArray();
for (var round = 0; round < rounds; round++)
{
    foreach (var name in names.Skip(round % names.Length).Concat(names.Take(round % names.Length)))
    {
        var run = await Wrk.RunAsync(targets[name], token, connections, threads, TimeSpan.FromSeconds(seconds));
        if (run.Errors > 0)
        {
            throw new InvalidOperationException($"{name} answered {run.Errors} requests with an error.");
        }

        runs[name].Add(run);
    }

    Console.WriteLine($"round {round + 1}/{rounds}: " + string.Join("; ", names.Select(name =>
        string.Create(CultureInfo.InvariantCulture, $"{name} {runs[name][^1].RequestsPerSecond:0} req/s p99 {runs[name][^1].P99Ms:0.00} ms"))));
}

var results = runs.ToDictionary(pair => pair.Key, pair => new Figures(
    pair.Value.Average(run => run.RequestsPerSecond), Median(pair.Value.Select(run => run.P50Ms)), Median(pair.Value.Select(run => run.P99Ms)),
    pair.Value.Sum(run => run.Requests)));
var ratios = new
{
    gatewayOverNginxThroughput = results["gateway"].RequestsPerSecond / results["nginx"].RequestsPerSecond,
    gatewayAddedP99MsOverNginx = results["gateway"].P99Ms - results["nginx"].P99Ms,
    gatewayAddedP50MsOverNginx = results["gateway"].P50Ms - results["nginx"].P50Ms,
    nginxOverDirectThroughput = results["nginx"].RequestsPerSecond / results["direct"].RequestsPerSecond,
    gatewayOverDirectThroughput = results["gateway"].RequestsPerSecond / results["direct"].RequestsPerSecond,
};

Console.WriteLine();
Console.WriteLine($"GET {ResourcePath}: wrk, {connections} connections on {threads} threads, {rounds} interleaved rounds of {seconds} s after {warmUp} s of warm-up each, on {Environment.ProcessorCount} cores");
Console.WriteLine($"{"target",-10} {"requests/s",12} {"p50 ms",9} {"p99 ms",9} {"requests",10}");
foreach (var (name, figures) in results)
{
    Console.WriteLine($"{name,-10} {figures.RequestsPerSecond,12:0} {figures.P50Ms,9:0.00} {figures.P99Ms,9:0.00} {figures.Requests,10}");
}

Console.WriteLine($"gateway/nginx throughput {ratios.gatewayOverNginxThroughput:0.00} (goal >= 0.90); gateway p99 - nginx p99 {ratios.gatewayAddedP99MsOverNginx:+0.00;-0.00} ms (goal <= 1 ms); p50 {ratios.gatewayAddedP50MsOverNginx:+0.00;-0.00} ms");
Console.WriteLine($"nginx/direct throughput {ratios.nginxOverDirectThroughput:0.00}; gateway/direct {ratios.gatewayOverDirectThroughput:0.00}");

var resultsDirectory = Path.Combine(RepositoryLayout.FindRoot(), "bench", "results");
Directory.CreateDirectory(resultsDirectory);
var file = Path.Combine(resultsDirectory, $"gateway-{DateTime.UtcNow:yyyyMMdd-HHmmss}.json");
await File.WriteAllTextAsync(file, JsonSerializer.Serialize(new { seconds, rounds, connections, threads, warmUp, results, ratios, runs }, new JsonSerializerOptions { WriteIndented = true }));
Console.WriteLine($"written to {file}");
return 0;

static double Median(IEnumerable<double> values)
{
    var sorted = values.Order().ToArray();
    return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
}

int IntOption(string name, int fallback)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
}

internal sealed record Figures(double RequestsPerSecond, double P50Ms, double P99Ms, long Requests);
