using System.Globalization;
using System.Text.RegularExpressions;
using Platform.Testing;

namespace Platform.Bench.Gateway;

/// <summary>One run of wrk (Debian's): requests per second and the latency percentiles it measured.</summary>
public sealed record WrkRun(double RequestsPerSecond, double P50Ms, double P99Ms, long Requests, long Errors);

public static partial class Wrk
{
    public static async Task<WrkRun> RunAsync(Uri url, string bearerToken, int connections, int threads, TimeSpan duration)
    {
        if (!File.Exists("/usr/bin/wrk"))
        {
            throw new InvalidOperationException("wrk is not installed: apt-get install wrk");
        }

        var result = (await Command.RunAsync("/usr/bin/wrk",
        [
            "--latency", "-t", threads.ToString(CultureInfo.InvariantCulture), "-c", connections.ToString(CultureInfo.InvariantCulture),
            "-d", $"{(int)duration.TotalSeconds}s", "-H", $"Authorization: Bearer {bearerToken}", url.ToString(),
        ])).EnsureSuccess($"wrk {url}");
        var output = result.Output;
        var requests = long.Parse(RequestsLine().Match(output).Groups[1].Value, CultureInfo.InvariantCulture);
        var errors = NonSuccessLine().Match(output) is { Success: true } nonSuccess ? long.Parse(nonSuccess.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
        errors += SocketErrorsLine().Match(output) is { Success: true } socket
            ? socket.Groups.Values.Skip(1).Sum(group => long.Parse(group.Value, CultureInfo.InvariantCulture))
            : 0;
        return new WrkRun(
            double.Parse(ThroughputLine().Match(output).Groups[1].Value, CultureInfo.InvariantCulture),
            Percentile(output, "50%"),
            Percentile(output, "99%"),
            requests,
            errors);
    }

    /// <summary>A line of wrk's latency distribution, e.g. "99%    3.21ms", in milliseconds.</summary>
    private static double Percentile(string output, string percentile)
    {
        var match = Regex.Match(output, $@"^\s*{Regex.Escape(percentile)}\s+([\d.]+)(us|ms|s)\s*$", RegexOptions.Multiline);
        if (!match.Success)
        {
            throw new InvalidOperationException($"wrk printed no {percentile} latency:\n{output}");
        }

        var value = double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        return match.Groups[2].Value switch
        {
            "us" => value / 1000,
            "ms" => value,
            _ => value * 1000,
        };
    }

    [GeneratedRegex(@"Requests/sec:\s+([\d.]+)")]
    private static partial Regex ThroughputLine();

    [GeneratedRegex(@"(\d+) requests in")]
    private static partial Regex RequestsLine();

    [GeneratedRegex(@"Non-2xx or 3xx responses:\s+(\d+)")]
    private static partial Regex NonSuccessLine();

    [GeneratedRegex(@"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)")]
    private static partial Regex SocketErrorsLine();
}
