using System.Collections.Concurrent;
using System.Net.Http.Headers;
using Platform.Security.Tests.Matrix;
using Platform.ServiceDefaults.Auth;
using Platform.Testing;
using Shouldly;
using Xunit.Abstractions;

namespace Platform.Security.Tests.Fuzz;

/// <summary>
/// At least 200 malformed requests for every published operation, sent by a caller the policy table allows
/// (directly at the service; the gateway's own operations through it, spread over callers to stay within
/// the rate limit): never a 5xx, a body that cannot be right always refused, and no table of any service's
/// database holding a row more or fewer afterwards.
/// </summary>
[Collection(nameof(Secured))]
public sealed class FuzzingTests(SecuredPlatform secured, ITestOutputHelper output)
{
    private const int AtLeast = 200;
    private const int InFlight = 16;

    /// <summary>Of an operation's malformed requests, this many, taken evenly from every kind (the suite's time is bounded).</summary>
    private const int AtMost = AtLeast;
    /// <summary>
    /// Tables a service writes on its own schedule, not in answer to a request: the webhook dispatcher logs each
    /// retry of the matrix's subscriptions, whose targets never answer.
    /// </summary>
    private static readonly HashSet<string> WrittenOnTheirOwn = ["integrations-db webhook_attempts"];

    private static readonly string[] Databases = ["inspections-db", "commissioners-db", "contracts-db", "workforce-db", "providers-db", "identity-db", "integrations-db"];

    [Fact]
    public async Task Malformed_requests_to_every_operation_get_no_server_error_and_store_nothing()
    {
        var policy = AccessPolicy.Load(Path.Combine(AppContext.BaseDirectory, "Matrix", "access-policy.csv"));
        var samples = RequestSamples.Load(Path.Combine(AppContext.BaseDirectory, "Matrix", "request-samples.json"));
        var operations = await PublishedOperations.ReadAsync(secured.Platform);
        var world = await secured.MatrixWorldAsync();
        var connections = await Task.WhenAll(Databases.Select(secured.Platform.ConnectionStringAsync));
        await SettledAsync(connections);

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
        var failures = new ConcurrentBag<string>();
        var sent = 0;
        var generatedTotal = 0;
        var timings = new List<(string Operation, TimeSpan Took)>();
        var byStatus = new ConcurrentDictionary<int, int>();
        foreach (var operation in operations)
        {
            var role = policy.FirstAllowedRole(operation.Key);
            if (role is null)
            {
                continue;
            }

            var generated = MalformedRequests.For(operation, world, samples, role);
            generated.Count.ShouldBeGreaterThanOrEqualTo(AtLeast, $"{operation.Key} has too few malformed requests");
            var cases = Spread(generated, AtMost);
            var started = System.Diagnostics.Stopwatch.StartNew();
            var tokens = await TokensAsync(world, operation, role);
            var before = await CountsAsync(connections);
            var next = 0;
            await Parallel.ForEachAsync(cases, new ParallelOptions { MaxDegreeOfParallelism = InFlight }, async (malformed, cancellationToken) =>
            {
                var token = tokens[Interlocked.Increment(ref next) % tokens.Count];
                var (status, serverError) = await SendAsync(http, operation, malformed, token, cancellationToken);
                byStatus.AddOrUpdate(status, 1, (_, n) => n + 1);
                if (status >= 500 || (status == 0 && !malformed.What.Contains("limit", StringComparison.Ordinal)))
                {
                    failures.Add($"{operation.Key}, {malformed.What}: {status}{(serverError is null ? "" : $" {serverError}")}");
                }
                else if (malformed.MustBeRefused && status is not (0 or (>= 400 and <= 499)))
                {
                    failures.Add($"{operation.Key}, {malformed.What}: {status}, where only a refusal is right");
                }
            });
            sent += cases.Count;
            generatedTotal += generated.Count;

            var after = await CountsAsync(connections);
            timings.Add((operation.Key, started.Elapsed));
            foreach (var (table, rows) in after.Where(t => before.GetValueOrDefault(t.Key) != t.Value))
            {
                failures.Add($"{operation.Key}: {table} went from {before.GetValueOrDefault(table)} to {rows} rows");
            }
        }

        output.WriteLine($"Fuzzing: {sent} malformed requests (of {generatedTotal} made, at least {AtLeast} and at most {AtMost} each) to {operations.Count} operations; answers by status: " +
            string.Join(", ", byStatus.OrderBy(s => s.Key).Select(s => $"{s.Key}: {s.Value}")));
        output.WriteLine("Slowest: " + string.Join(", ", timings.OrderByDescending(t => t.Took).Take(8).Select(t => $"{t.Operation} {t.Took.TotalSeconds:0.0} s")));
        failures.ShouldBeEmpty();
    }

    private static IReadOnlyList<Malformed> Spread(IReadOnlyList<Malformed> all, int count) =>
        all.Count <= count ? all : Enumerable.Range(0, count).Select(i => all[(int)((long)i * all.Count / count)]).ToList();

    /// <summary>The fuzzer's tokens: one for a service's operation (no limit applies there), several through the gateway.</summary>
    private static async Task<IReadOnlyList<string>> TokensAsync(MatrixWorld world, ApiOperation operation, string role)
    {
        if (operation.Service != "gateway")
        {
            return [await world.TokenAsync(role, own: true)];
        }

        role.ShouldBe(Roles.Dfe, "the gateway's operations are fuzzed as DfE, whose tokens name no authority");
        var perCaller = SecuredPlatform.DashboardPerMinute / 2;
        return await Task.WhenAll(Enumerable.Range(0, AtLeast * 2 / perCaller + 1).Select(i => world.Platform.TokenAsync($"fuzz.dfe.{operation.Path.GetHashCode(StringComparison.Ordinal):x}.{i}", Roles.Dfe, [])));
    }

    /// <summary>The status answered (0 for none) and, for a server error, what the answer said.</summary>
    private async Task<(int Status, string? ServerError)> SendAsync(HttpClient http, ApiOperation operation, Malformed malformed, string token, CancellationToken cancellationToken)
    {
        var address = operation.Service == "gateway" ? secured.Platform.Gateway : PublishedOperations.DirectAddress(secured.Platform, operation);
        using var request = new HttpRequestMessage(new HttpMethod(operation.Method), address + malformed.PathAndQuery.TrimStart('/'));
        if (malformed.Authorization is { } credentials)
        {
            request.Headers.TryAddWithoutValidation("Authorization", credentials);
        }
        else
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (malformed.Body is not null)
        {
            request.Content = new ByteArrayContent(malformed.Body);
            if (malformed.ContentType is not null)
            {
                request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(malformed.ContentType);
            }
        }

        try
        {
            // Headers only: a stream the request opened would never end.
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            if ((int)response.StatusCode < 500)
            {
                return ((int)response.StatusCode, null);
            }

            var said = await response.Content.ReadAsStringAsync(cancellationToken);
            return ((int)response.StatusCode, said.Length > 600 ? said[..600] : said);
        }
        catch (HttpRequestException)
        {
            // No answer: right only where the server stops reading a body over its limit and closes the connection.
            return (0, null);
        }
    }

    private static async Task<Dictionary<string, long>> CountsAsync(IReadOnlyList<string> connections)
    {
        var perDatabase = await Task.WhenAll(connections.Select(connection => DatabaseRows.TableCountsAsync(connection, pooled: true)));
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        for (var i = 0; i < connections.Count; i++)
        {
            foreach (var (table, rows) in perDatabase[i].Where(table => !WrittenOnTheirOwn.Contains($"{Databases[i]} {table.Key}")))
            {
                counts[$"{Databases[i]} {table}"] = rows;
            }
        }

        return counts;
    }

    /// <summary>Waits until the events of what earlier tests did have been delivered: the same counts twice, two seconds apart.</summary>
    private static async Task SettledAsync(IReadOnlyList<string> connections)
    {
        var previous = await CountsAsync(connections);
        for (var attempt = 0; attempt < 30; attempt++)
        {
            await Task.Delay(TimeSpan.FromSeconds(2));
            var now = await CountsAsync(connections);
            if (now.Count == previous.Count && now.All(t => previous.GetValueOrDefault(t.Key) == t.Value))
            {
                return;
            }

            previous = now;
        }
    }
}
