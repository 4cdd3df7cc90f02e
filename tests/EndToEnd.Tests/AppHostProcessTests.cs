using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Platform.EndToEnd.Tests;

/// <summary>
/// The app host program as <c>./platform up</c> runs it, stopped the way a supervisor stops it: every
/// process it started ends and the ports people use (the gateway's, the identity service's) are free.
/// </summary>
[Collection(nameof(WholePlatform))]
public sealed partial class AppHostProcessTests
{
    [Fact]
    public async Task Given_the_apphost_is_up_when_it_receives_sigterm_then_every_process_it_started_ends_and_the_gateway_port_is_free()
    {
        var dataDirectory = Path.Combine(TestServers.Root, "apphost-" + Guid.NewGuid().ToString("N"));
        var apphost = Path.Combine(AppContext.BaseDirectory, "AppHost.dll");
        var startInfo = new ProcessStartInfo("dotnet", ["exec", apphost, $"--Platform:DataDirectory={dataDirectory}", "--Platform:DisposableData=true", "--Platform:GatewayPort=0", "--Platform:IdentityPort=0"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            // As ./platform up runs it; the dashboard needs no certificate on loopback.
            Environment = { ["ASPIRE_ALLOW_UNSECURED_TRANSPORT"] = "true", ["ASPNETCORE_URLS"] = "http://127.0.0.1:0", ["ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL"] = "http://127.0.0.1:0" },
        };
        using var process = Process.Start(startInfo)!;
        var output = new List<string>();
        var healthy = new TaskCompletionSource();
        process.OutputDataReceived += (_, line) =>
        {
            if (line.Data is null)
            {
                return;
            }

            lock (output)
            {
                output.Add(line.Data);
            }

            if (line.Data.StartsWith("Ctrl+C stops everything", StringComparison.Ordinal))
            {
                healthy.TrySetResult();
            }
        };
        process.ErrorDataReceived += (_, line) =>
        {
            lock (output)
            {
                output.Add(line.Data ?? "");
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        try
        {
            await healthy.Task.WaitAsync(TimeSpan.FromSeconds(240));
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"The app host did not report healthy:\n{Recent(output)}");
        }

        List<string> lines;
        lock (output)
        {
            lines = [.. output];
        }

        var processes = lines.Select(line => Pid().Match(line)).Where(match => match.Success)
            .Select(match => int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).Distinct().ToList();
        var gateway = lines.Select(line => GatewayUrl().Match(line)).First(match => match.Success).Groups[1].Value;
        var identity = lines.Select(line => IdentityUrl().Match(line)).First(match => match.Success).Groups[1].Value;
        processes.Count.ShouldBeGreaterThanOrEqualTo(9, "PostgreSQL, RabbitMQ, the identity service, five services and the gateway:\n" + Recent(output));
        using (var client = new HttpClient { Timeout = TimeSpan.FromSeconds(10) })
        {
            (await client.GetAsync($"{gateway}/health")).IsSuccessStatusCode.ShouldBeTrue();
        }

        var stopping = Stopwatch.StartNew();
        using (var signal = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await signal.WaitForExitAsync();
        }

        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));

        process.ExitCode.ShouldBe(0, Recent(output));
        processes.Where(IsAlive).ShouldBeEmpty();
        using (var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) })
        {
            await Should.ThrowAsync<HttpRequestException>(() => client.GetAsync($"{gateway}/health"));
            await Should.ThrowAsync<HttpRequestException>(() => client.GetAsync($"{identity}/health"));
        }

        Directory.Delete(dataDirectory, recursive: true);
        Console.WriteLine($"The app host stopped everything in {stopping.Elapsed.TotalSeconds:0.0} s.");
    }

    /// <summary>Running, not ended and waiting to be reaped (a zombie holds no port and does nothing).</summary>
    private static bool IsAlive(int pid)
    {
        try
        {
            return File.ReadLines($"/proc/{pid}/status").FirstOrDefault(line => line.StartsWith("State:", StringComparison.Ordinal)) is { } state
                && !state.Contains('Z', StringComparison.Ordinal);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static string Recent(List<string> output)
    {
        lock (output)
        {
            return string.Join('\n', output.TakeLast(60));
        }
    }

    [GeneratedRegex(@"Running \([a-z]+\)\s+pid (\d+)")]
    private static partial Regex Pid();

    [GeneratedRegex(@"Gateway:\s+(http://\S+)")]
    private static partial Regex GatewayUrl();

    [GeneratedRegex(@"Identity:\s+(http://\S+)")]
    private static partial Regex IdentityUrl();
}
