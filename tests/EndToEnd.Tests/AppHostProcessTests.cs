using System.Diagnostics;
using System.Text.RegularExpressions;
using Platform.AppHost.Hosting;

namespace Platform.EndToEnd.Tests;

/// <summary>The AppHost program as <c>./platform up</c> runs it, stopped the way a terminal or a supervisor stops it.</summary>
[Collection(nameof(WholePlatform))]
public sealed partial class AppHostProcessTests
{
    [Fact]
    public async Task Given_the_apphost_is_up_when_it_receives_sigterm_then_every_process_it_started_ends_and_its_ports_are_free()
    {
        var dataDirectory = Path.Combine(TestServers.Root, "apphost-" + Guid.NewGuid().ToString("N"));
        var root = RepositoryLayout.FindRoot();
        var apphost = Path.Combine(root, "AppHost", "bin", RepositoryLayout.CurrentConfiguration, "net10.0", "AppHost.dll");
        var startInfo = new ProcessStartInfo("dotnet", ["exec", apphost, "up", "--gateway-port", "0", "--data-dir", dataDirectory])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = root,
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
            await healthy.Task.WaitAsync(TimeSpan.FromSeconds(120));
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"The AppHost did not report healthy:\n{string.Join('\n', output.TakeLast(60))}");
        }

        List<string> table;
        lock (output)
        {
            table = output.SkipWhile(line => !line.StartsWith("All healthy", StringComparison.Ordinal)).ToList();
        }

        var leaders = table.SelectMany(line => SummaryRow().Match(line) is { Success: true } row
            ? row.Groups["pids"].Value.Split(',').Select(int.Parse)
            : []).ToList();
        var processes = leaders.Concat(leaders.SelectMany(Posix.Descendants)).Distinct().ToList();
        var ports = table.SelectMany(line => Port().Matches(line).Select(match => int.Parse(match.Groups[1].Value))).Distinct().ToList();
        leaders.Count.ShouldBe(9, "postgres, epmd and rabbitmq, five services and the gateway:\n" + string.Join('\n', table));
        ports.Count.ShouldBeGreaterThanOrEqualTo(9);

        Posix.Signal(process.Id, Posix.SigTerm);
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(90));

        process.ExitCode.ShouldBe(0);
        processes.Where(Posix.IsAlive).ShouldBeEmpty();
        ports.Where(PortAllocator.IsListening).ShouldBeEmpty();
        Directory.Delete(dataDirectory, recursive: true);
    }

    [GeneratedRegex(@"^\s+[a-z-]+\s+(?<pids>\d+(,\d+)*)\s")]
    private static partial Regex SummaryRow();

    [GeneratedRegex(@"127\.0\.0\.1:(\d+)")]
    private static partial Regex Port();
}
