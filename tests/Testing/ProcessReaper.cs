using System.Diagnostics;
using Platform.AppHost.Hosting;

namespace Platform.Testing;

/// <summary>
/// The test host is ended by the test runner without time for a graceful teardown, so a small
/// watchdog outlives it: once the test host is gone it stops the process groups the tests started
/// (PostgreSQL with its fast-shutdown signal), kills whatever still runs in their data directory,
/// and deletes that directory.
/// </summary>
public static class ProcessReaper
{
    public static void Watch(string dataDirectory, IEnumerable<Resource> resources)
    {
        var list = resources.ToList();
        var postgres = list.OfType<PostgresServerResource>().SelectMany(resource => resource.ProcessIds).ToList();
        var others = list.Where(resource => resource is not PostgresServerResource).SelectMany(resource => resource.ProcessIds).ToList();
        static string Groups(IEnumerable<int> leaders) => string.Join(' ', leaders.Select(pid => $"-{pid}"));

        var script = $$"""
            while kill -0 {{Environment.ProcessId}} 2>/dev/null; do sleep 0.5; done
            kill -TERM {{Groups(others)}} 2>/dev/null
            kill -INT {{Groups(postgres)}} 2>/dev/null
            sleep 3
            kill -KILL {{Groups(postgres.Concat(others))}} 2>/dev/null
            for process in /proc/[0-9]*; do
              case "$(readlink "$process/cwd" 2>/dev/null)" in '{{dataDirectory}}'*) kill -KILL "${process#/proc/}" 2>/dev/null ;; esac
            done
            rm -rf '{{dataDirectory}}'
            """;
        var watchdog = new ProcessStartInfo("setsid", ["sh", "-c", script])
        {
            WorkingDirectory = "/",
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        Process.Start(watchdog)!.StandardInput.Close();
    }
}
