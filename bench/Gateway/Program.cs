using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Platform.Testing;
using Platform.ServiceDefaults.Auth;

// One GET (an authority from the registry) through the gateway and straight to the service, in
// interleaved rounds of the same run, so the machine's noise falls on both alike; the figures
// that matter are the ratios.
var seconds = IntOption("--seconds", 4);
var rounds = IntOption("--rounds", 5);
var concurrency = IntOption("--concurrency", 16);

Console.WriteLine("Starting the platform...");
var starting = Stopwatch.StartNew();
await using var platform = await RunningPlatform.StartAsync(
    settings: new Dictionary<string, string> { ["Logging:LogLevel:Default"] = "Warning" }, serviceEnvironment: "Production");
Console.WriteLine($"Platform healthy after {starting.Elapsed.TotalSeconds:0.0} s.");

var token = await platform.TokenAsync("bench-dfe", Roles.Dfe, []);
using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency, PooledConnectionLifetime = TimeSpan.FromMinutes(10) });
http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

const string ResourcePath = "/api/providers/local-authorities/E08000025";
var csv = "gss_code,la_code,name,region_code,region_name,la_type,population_0_25,stat_neighbours\n"
    + "E08000025,330,Birmingham,WM,West Midlands,Metropolitan District,432811,892 352 380 391 353 889 373 806 852 355\n";
(await http.PostAsync(platform.Gateway + "api/providers/local-authorities/imports", new StringContent(csv, Encoding.UTF8, "text/csv"))).EnsureSuccessStatusCode();

var targets = new Dictionary<string, string>
{
    ["gateway"] = new Uri(platform.Gateway, ResourcePath).ToString(),
    ["direct"] = new Uri(platform.UrlOf("providers"), ResourcePath).ToString(),
};
var samples = targets.Keys.ToDictionary(name => name, _ => new List<double>());
var elapsed = targets.Keys.ToDictionary(name => name, _ => TimeSpan.Zero);

foreach (var (name, url) in targets)
{
    await LoadAsync(url, TimeSpan.FromSeconds(2), []);
}

for (var round = 1; round <= rounds; round++)
{
    foreach (var (name, url) in targets)
    {
        var stopwatch = Stopwatch.StartNew();
        await LoadAsync(url, TimeSpan.FromSeconds(seconds), samples[name]);
        elapsed[name] += stopwatch.Elapsed;
    }

    Console.WriteLine($"round {round}/{rounds} done");
}

var results = targets.Keys.ToDictionary(name => name, name =>
{
    var sorted = samples[name].Order().ToArray();
    return new Figures(sorted.Length / elapsed[name].TotalSeconds, Percentile(sorted, 0.50), Percentile(sorted, 0.99), sorted.Length);
});
var gateway = results["gateway"];
var direct = results["direct"];

Console.WriteLine();
Console.WriteLine($"GET {ResourcePath}, {concurrency} concurrent clients, {rounds} interleaved rounds of {seconds} s, on {Environment.ProcessorCount} cores");
Console.WriteLine($"{"target",-10} {"requests/s",12} {"p50 ms",9} {"p99 ms",9} {"requests",10}");
foreach (var (name, figures) in results)
{
    Console.WriteLine($"{name,-10} {figures.RequestsPerSecond,12:0} {figures.P50Ms,9:0.00} {figures.P99Ms,9:0.00} {figures.Requests,10}");
}

var ratios = new
{
    throughputGatewayOverDirect = gateway.RequestsPerSecond / direct.RequestsPerSecond,
    p50GatewayOverDirect = gateway.P50Ms / direct.P50Ms,
    p99GatewayOverDirect = gateway.P99Ms / direct.P99Ms,
};
Console.WriteLine($"ratio gateway/direct: throughput {ratios.throughputGatewayOverDirect:0.00}, p50 {ratios.p50GatewayOverDirect:0.00}, p99 {ratios.p99GatewayOverDirect:0.00}");

var resultsDirectory = System.IO.Path.Combine(RepositoryLayout.FindRoot(), "bench", "results");
Directory.CreateDirectory(resultsDirectory);
var file = System.IO.Path.Combine(resultsDirectory, $"gateway-{DateTime.UtcNow:yyyyMMdd-HHmmss}.json");
await File.WriteAllTextAsync(file, JsonSerializer.Serialize(new { seconds, rounds, concurrency, results, ratios }, new JsonSerializerOptions { WriteIndented = true }));
Console.WriteLine($"written to {file}");
return 0;

async Task LoadAsync(string url, TimeSpan duration, List<double> into)
{
    var deadline = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
    var perWorker = await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
    {
        var latencies = new List<double>();
        while (Stopwatch.GetTimestamp() < deadline)
        {
            var start = Stopwatch.GetTimestamp();
            using var response = await http.GetAsync(url, HttpCompletionOption.ResponseContentRead);
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"{url} answered {(int)response.StatusCode}");
            }

            latencies.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }

        return latencies;
    }));
    foreach (var latencies in perWorker)
    {
        into.AddRange(latencies);
    }
}

static double Percentile(double[] sorted, double quantile) =>
    sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(quantile * sorted.Length) - 1, 0, sorted.Length - 1)];

int IntOption(string name, int fallback)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
}

internal sealed record Figures(double RequestsPerSecond, double P50Ms, double P99Ms, int Requests);
