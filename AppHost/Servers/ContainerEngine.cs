using System.Diagnostics;

namespace Platform.AppHost.Servers;

/// <summary>Whether a container engine answers on this machine (Aspire's <c>ASPIRE_CONTAINER_RUNTIME</c>, else docker, else podman).</summary>
public static class ContainerEngine
{
    public static bool Answers(string? configuredRuntime)
    {
        foreach (var runtime in new[] { configuredRuntime, "docker", "podman" }.OfType<string>().Distinct())
        {
            if (Responds(runtime))
            {
                return true;
            }
        }

        return false;
    }

    private static bool Responds(string runtime)
    {
        var onPath = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Any(directory => File.Exists(Path.Combine(directory, runtime)));
        if (!onPath)
        {
            return false;
        }

        using var info = Process.Start(new ProcessStartInfo(runtime, ["info"]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        if (!info.WaitForExit(TimeSpan.FromSeconds(10)))
        {
            info.Kill();
            return false;
        }

        return info.ExitCode == 0;
    }
}
