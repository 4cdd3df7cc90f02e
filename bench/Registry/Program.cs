using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Platform.Bench.Intervention;
using Platform.Testing;
using Platform.Providers.Data;
using Platform.Providers.Domain.Registry;
using Platform.ServiceDefaults.Auth;

namespace Platform.Bench.Registry;

/// <summary>
/// 10,000 organisations in control chains under one holding body, all approved for child protection;
/// the holding body becomes a plc and every approval below it is decided again. Times the
/// re-evaluation alone (in process) and the whole change through the gateway (database included), after
/// a small group's change has run the code once.
/// </summary>
public static class RegistryBench
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static async Task<int> Main(string[] args)
    {
        var count = args.Length > 1 && args[0] == "--organisations" ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10_000;
        var now = DateTimeOffset.UtcNow;

        // 1. The re-evaluation alone, in process.
        var inProcess = new List<double>();
        var changed = 0;
        for (var run = 0; run < 5; run++)
        {
            var (top, registry) = Build(count, now);
            var stopwatch = Stopwatch.StartNew();
            top.Change("plc", null, null);
            changed = Reevaluation.AfterChange(top.Id, registry, ControlPolicy.Strict, "bench", now).Count;
            inProcess.Add(stopwatch.Elapsed.TotalMilliseconds);
        }

        // 2. The same change through the gateway, on the real database.
        Console.WriteLine("Starting the platform...");
        await using var platform = await RunningPlatform.StartAsync(
            settings: new Dictionary<string, string> { ["Logging:LogLevel:Default"] = "Warning", ["Registry:ControlPolicy"] = "strict" },
            serviceEnvironment: "Production");

        // A small group changed first meets the service's code cold (compiled at first use, as the first change
        // after a deployment would); the large group's change is then timed as in a service that has made one.
        const int WarmUpGroup = 10;
        Console.WriteLine($"Seeding a group of {count} organisations and one of {WarmUpGroup}...");
        var groups = new[] { Build(WarmUpGroup, now, 0), Build(count, now, WarmUpGroup) };
        var connection = await platform.ConnectionStringAsync("providers-db");
        foreach (var (_, seeded) in groups)
        {
            await using var db = new ProvidersDbContext(new DbContextOptionsBuilder<ProvidersDbContext>().UseNpgsql(connection).UseSnakeCaseNamingConvention().Options);
            db.Organisations.AddRange(seeded.Values);
            await db.SaveChangesAsync();
        }

        await BenchSupport.VacuumAnalyzeAsync(connection);

        using var http = new HttpClient { BaseAddress = platform.Gateway, Timeout = TimeSpan.FromMinutes(5) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await platform.TokenAsync("bench-registrar", Roles.Registrar, []));
        var throughGateway = new List<double>();
        foreach (var (holding, _) in groups)
        {
            var stopwatch = Stopwatch.StartNew();
            var response = await http.PostAsJsonAsync($"/api/providers/organisations/{holding.Id}/changes", new { type = "plc", reason = "Floated." });
            throughGateway.Add(stopwatch.Elapsed.TotalMilliseconds);
            response.EnsureSuccessStatusCode();
            // Methods run often enough are compiled again, optimised, in the background after a short delay.
            await Task.Delay(TimeSpan.FromSeconds(2));
        }

        await using (var db = new ProvidersDbContext(new DbContextOptionsBuilder<ProvidersDbContext>().UseNpgsql(connection).UseSnakeCaseNamingConvention().Options))
        {
            var suspended = await db.Organisations.SelectMany(o => o.Scopes).CountAsync(s => s.Status == ApplicationStatus.Suspended);
            var report = new
            {
                organisations = count,
                reevaluationInProcessMs = inProcess.Min(),
                organisationsChanged = changed,
                warmUpChangeThroughGatewayMs = throughGateway[0],
                changeThroughGatewayMs = throughGateway[1],
                approvalsSuspended = suspended,
            };
            Console.WriteLine();
            Console.WriteLine($"{count} organisations under one holding body; it becomes a plc (strict policy)");
            Console.WriteLine($"  re-evaluation alone (in process)   {report.reevaluationInProcessMs,9:0.0} ms   (goal < 1 s), {changed} organisations changed");
            Console.WriteLine($"  the change through the gateway     {report.changeThroughGatewayMs,9:0.0} ms   (goal < 2 s; database, audit and {suspended - WarmUpGroup} suspensions with their events)");
            Console.WriteLine($"  (the {WarmUpGroup}-organisation change before it, the code's first use: {report.warmUpChangeThroughGatewayMs:0.0} ms)");
            var results = Path.Combine(RepositoryLayout.FindRoot(), "bench", "results");
            Directory.CreateDirectory(results);
            var file = Path.Combine(results, $"registry-{DateTime.UtcNow:yyyyMMdd-HHmmss}.json");
            await File.WriteAllTextAsync(file, JsonSerializer.Serialize(report, Indented));
            Console.WriteLine($"written to {file}");
        }

        return 0;
    }

    /// <summary>A holding body, 100 group tops under it, each with 9 subsidiaries of 10 subsidiaries: control chains four deep.</summary>
    private static (Organisation Holding, Dictionary<Guid, Organisation> Registry) Build(int count, DateTimeOffset now, int firstNumber = 0)
    {
        var registry = new Dictionary<Guid, Organisation>();
        Organisation Add(string name, Guid? controller)
        {
            var organisation = Organisation.Register(
                new OrganisationDetails(name, "private-limited-guarant-nsc", null, $"{(firstNumber + registry.Count) % 100_000_000:00000000}", null, null,
                    controller is { } id ? new ControlLink(id, 1m, false) : null, false, [], null),
                ["child-protection"], null, "bench", now);
            organisation.PlaceInGroup(registry.Count == 0 ? organisation.Id : registry.Values.First().Id);
            organisation.ApplicationFor("child-protection").Approve(
                new EligibilityDecision("child-protection", true, null, "Eligible.", [], []), "bench", now);
            registry[organisation.Id] = organisation;
            return organisation;
        }

        var holding = Add("Holding", null);
        while (registry.Count < count)
        {
            var top = Add($"Group {registry.Count}", holding.Id);
            for (var mid = 0; mid < 9 && registry.Count < count; mid++)
            {
                var middle = Add($"Subsidiary {registry.Count}", top.Id);
                for (var leaf = 0; leaf < 10 && registry.Count < count; leaf++)
                {
                    Add($"Service {registry.Count}", middle.Id);
                }
            }
        }

        return (holding, registry);
    }
}
