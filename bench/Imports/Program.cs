using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Platform.Bench.Intervention;
using Platform.ServiceDefaults.Auth;
using Platform.Testing;

namespace Platform.Bench.Imports;

/// <summary>
/// The imports through the gateway on a platform holding every real authority: DfE's published
/// workforce statistics for all authorities over seven years (with England and regional rows the
/// import compares), the same file again (nothing to change), and a 2,000-row inspection history
/// until Commissioners has applied it. With <c>--sample FILE</c> (by default DfE's published sample
/// beside the repository, when there) it first imports that file alone and counts what it reports.
/// </summary>
public static class ImportsBench
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>The ONS codes of the regions the reference list names (DfE's statistics use them).</summary>
    private static readonly Dictionary<string, string> RegionCodes = new(StringComparer.OrdinalIgnoreCase)
    {
        ["North East"] = "E12000001", ["North West"] = "E12000002", ["Yorkshire and the Humber"] = "E12000003", ["East Midlands"] = "E12000004",
        ["West Midlands"] = "E12000005", ["East of England"] = "E12000006", ["London"] = "E12000007", ["South East"] = "E12000008", ["South West"] = "E12000009",
    };

    private const string Header =
        "time_period,time_identifier,geographic_level,country_code,country_name,region_code,region_name,old_la_code,new_la_code,la_name,"
        + "inpost_fte,inpost_headcount,starters_fte,leavers_fte,turnover_rate_fte,agency_fte,agency_rate_fte,vacancy_fte,vacancy_rate_fte,"
        + "case_holders_fte,cases,caseload_fte,working_days_lost_fte";

    public static async Task<int> Main(string[] args)
    {
        var root = RepositoryLayout.FindRoot();
        if (BenchSupport.Authorities(args, root) is not { } reference)
        {
            return 2;
        }

        var (authoritiesCsv, authorities) = reference;
        var regions = File.ReadLines(authoritiesCsv).Skip(1).Select(BenchSupport.SplitCsvLine).ToDictionary(fields => fields[0], fields => fields[4]);
        var changes = BenchSupport.Option(args, "--local-authority-changes") ?? Path.Combine(root, "..", "shared", "data", "local-authority-changes.csv");
        var sample = BenchSupport.Option(args, "--sample") ?? Path.Combine(root, "..", "shared", "data", "samples", "csww-indicators-sample.csv");
        var historyRows = int.Parse(BenchSupport.Option(args, "--history-rows") ?? "2000", CultureInfo.InvariantCulture);

        Console.WriteLine("Starting the platform...");
        await using var platform = await RunningPlatform.StartAsync(
            settings: new Dictionary<string, string> { ["Logging:LogLevel:Default"] = "Warning" },
            serviceEnvironment: "Production",
            localAuthorities: authoritiesCsv,
            localAuthorityChanges: File.Exists(changes) ? changes : null);
        using var dfe = Client(platform, Roles.Dfe);
        using var ofsted = Client(platform, Roles.Ofsted);
        var known = File.Exists(changes) ? authorities.Count + File.ReadLines(changes).Skip(1).Count() : authorities.Count;
        foreach (var service in new[] { "inspections", "commissioners", "workforce" })
        {
            var database = await platform.ConnectionStringAsync($"{service}-db");
            await BenchSupport.WaitAsync(async () => await BenchSupport.ScalarAsync(database, "SELECT count(*) FROM known_local_authority") >= known, $"{service}'s directory");
        }

        var report = new Dictionary<string, object>();
        if (File.Exists(sample))
        {
            var (_, answer) = await TimedImportAsync(dfe, "/api/workforce/imports", await File.ReadAllTextAsync(sample));
            var differences = answer.GetProperty("differences").EnumerateArray().ToList();
            var byLevel = differences.GroupBy(d => d.GetProperty("level").GetString()!).ToDictionary(g => g.Key, g => g.Select(d => d.GetProperty("area").GetString()).Distinct().Count());
            Console.WriteLine($"Sample ({Path.GetFileName(sample)}): {answer.GetProperty("added").GetInt32()} returns stored, {answer.GetProperty("rejected").GetInt32()} rows refused, "
                + $"{answer.GetProperty("notes").GetArrayLength()} notes; {differences.Count} differences above 0.1 from the platform's figures");
            foreach (var (level, areas) in byLevel)
            {
                Console.WriteLine($"  {level}: {areas} area(s) differ");
            }

            foreach (var difference in differences)
            {
                Console.WriteLine($"    line {difference.GetProperty("line")}: {difference.GetProperty("name").GetString()} {difference.GetProperty("censusYear")} "
                    + $"{difference.GetProperty("measure").GetString()} published {difference.GetProperty("published")} platform {difference.GetProperty("platform")} over {difference.GetProperty("returns")} return(s)");
            }

            report["sample"] = new { differences = differences.Count, areasByLevel = byLevel };
        }

        // Years before any in the sample, so its returns do not enter these years' England.
        var years = Enumerable.Range(2009, 7).ToList();
        var published = PublishedStatistics(authorities, regions, years);
        var (first, firstAnswer) = await TimedImportAsync(dfe, "/api/workforce/imports", published.Csv);
        var (again, againAnswer) = await TimedImportAsync(dfe, "/api/workforce/imports", published.Csv);
        Console.WriteLine($"Workforce, DfE's layout: {published.Returns} returns ({authorities.Count} authorities x {years.Count} years) and {published.Areas} England and regional rows");
        Console.WriteLine($"  first import  {first.TotalSeconds,6:0.00} s  ({firstAnswer.GetProperty("added").GetInt32()} added, {firstAnswer.GetProperty("rejected").GetInt32()} refused, "
            + $"{firstAnswer.GetProperty("differences").GetArrayLength()} differences from the England and regional rows)");
        Console.WriteLine($"  same again    {again.TotalSeconds,6:0.00} s  ({againAnswer.GetProperty("unchanged").GetInt32()} unchanged); ratio {again / first:0.00}");

        var history = new SyntheticHistory(authorities, (historyRows / authorities.Count) + 1, new DateOnly(2025, 6, 30));
        var rows = history.Rows.Take(historyRows).ToList();
        // The header and the first rows of the history.
        var csv = string.Join('\n', history.ToCsv().Split('\n').Take(rows.Count + 1)) + "\n";
        var commissioners = await platform.ConnectionStringAsync("commissioners-db");
        var before = await BenchSupport.ScalarAsync(commissioners, "SELECT count(*) FROM judgements");
        var applied = Stopwatch.StartNew();
        var (historyImport, historyAnswer) = await TimedImportAsync(ofsted, "/api/inspections/imports", csv);
        await BenchSupport.WaitAsync(async () => await BenchSupport.ScalarAsync(commissioners, "SELECT count(*) FROM judgements") >= before + rows.Count, "Commissioners to apply the history");
        applied.Stop();
        Console.WriteLine($"Inspection history: {rows.Count} rows imported in {historyImport.TotalSeconds:0.00} s ({historyAnswer}); applied by Commissioners {applied.Elapsed.TotalSeconds:0.00} s after the import began");

        report["workforce"] = new { returns = published.Returns, areas = published.Areas, firstSeconds = first.TotalSeconds, againSeconds = again.TotalSeconds, ratio = again / first };
        report["history"] = new { rows = rows.Count, importSeconds = historyImport.TotalSeconds, appliedSeconds = applied.Elapsed.TotalSeconds };
        var results = Path.Combine(root, "bench", "results");
        Directory.CreateDirectory(results);
        var file = Path.Combine(results, $"imports-{DateTime.UtcNow:yyyyMMdd-HHmmss}.json");
        await File.WriteAllTextAsync(file, JsonSerializer.Serialize(report, Indented));
        Console.WriteLine($"written to {file}");
        return 0;
    }

    private static HttpClient Client(RunningPlatform platform, string role)
    {
        var client = platform.ClientAs($"bench-{role}", role);
        client.Timeout = TimeSpan.FromMinutes(10);
        return client;
    }

    private static async Task<(TimeSpan Elapsed, JsonElement Answer)> TimedImportAsync(HttpClient client, string path, string csv)
    {
        var stopwatch = Stopwatch.StartNew();
        using var response = await client.PostAsync(path, new StringContent(csv, Encoding.UTF8, "text/csv"));
        var answer = JsonSerializer.Deserialize<JsonElement>(await response.Content.ReadAsStringAsync());
        stopwatch.Stop();
        response.EnsureSuccessStatusCode();
        return (stopwatch.Elapsed, answer);
    }

    /// <summary>
    /// A reproducible file in DfE's layout: each authority's counts drifting year to year, and for each
    /// year England and every region with the rates of the sums of their authorities' counts.
    /// </summary>
    private static (string Csv, int Returns, int Areas) PublishedStatistics(
        IReadOnlyList<(string Gss, string LaNumber, string Name)> authorities, Dictionary<string, string> regions, IReadOnlyList<int> years)
    {
        var random = new Random(20230930);
        var csv = new StringBuilder(Header).Append('\n');
        var (returns, areas) = (0, 0);
        var fte = authorities.ToDictionary(a => a.Gss, _ => (decimal)random.Next(80, 800));
        foreach (var year in years)
        {
            var counts = authorities.Select(authority =>
            {
                var inPost = fte[authority.Gss];
                fte[authority.Gss] = Math.Max(50, inPost + random.Next(-30, 31));
                return (Authority: authority, Counts: new Counts(
                    inPost, Math.Round(inPost * (decimal)(0.1 + random.NextDouble() * 0.12), 1), Math.Round(inPost * (decimal)(0.05 + random.NextDouble() * 0.3), 1),
                    Math.Round(inPost * 0.2m, 1), Math.Round(inPost * 0.8m, 1), (int)(inPost * 0.8m * (decimal)(12 + random.NextDouble() * 14))));
            }).ToList();
            Append(csv, year, "National", "", "", "", "", "", Counts.Sum(counts.Select(c => c.Counts)));
            areas++;
            foreach (var region in counts.GroupBy(c => regions[c.Authority.Gss]))
            {
                Append(csv, year, "Regional", RegionCodes[region.Key], region.Key, "", "", "", Counts.Sum(region.Select(c => c.Counts)));
                areas++;
            }

            foreach (var (authority, authorityCounts) in counts)
            {
                var name = authority.Name.Contains(',', StringComparison.Ordinal) ? $"\"{authority.Name}\"" : authority.Name;
                Append(csv, year, "Local authority", RegionCodes[regions[authority.Gss]], regions[authority.Gss], authority.LaNumber, authority.Gss, name, authorityCounts);
                returns++;
            }
        }

        return (csv.ToString(), returns, areas);
    }

    private static void Append(StringBuilder csv, int year, string level, string regionCode, string regionName, string laNumber, string gss, string name, Counts c) =>
        csv.Append(CultureInfo.InvariantCulture,
            $"{year},Reporting year,{level},E92000001,England,{regionCode},{regionName},{laNumber},{gss},{name},{c.InPost},{(int)c.InPost + 20},{Math.Round(c.InPost * 0.15m, 1)},{c.Leavers},"
            + $"{Percent(c.Leavers, c.InPost)},{c.Agency},{Percent(c.Agency, c.Agency + c.InPost)},{c.Vacancies},{Percent(c.Vacancies, c.Vacancies + c.InPost)},"
            + $"{c.CaseHolders},{c.Cases},{Math.Round(c.Cases / c.CaseHolders, 1, MidpointRounding.AwayFromZero)},x\n");

    private static decimal Percent(decimal numerator, decimal denominator) => Math.Round(numerator / denominator * 100, 1, MidpointRounding.AwayFromZero);

    private sealed record Counts(decimal InPost, decimal Leavers, decimal Agency, decimal Vacancies, decimal CaseHolders, int Cases)
    {
        public static Counts Sum(IEnumerable<Counts> counts)
        {
            var all = counts.ToList();
            return new Counts(all.Sum(c => c.InPost), all.Sum(c => c.Leavers), all.Sum(c => c.Agency), all.Sum(c => c.Vacancies), all.Sum(c => c.CaseHolders), all.Sum(c => c.Cases));
        }
    }
}
