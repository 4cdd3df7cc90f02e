namespace Platform.Deploy.Tests;

/// <summary>What the repository builds into images: the gateway and every service, by their deployment names.</summary>
public static class Workloads
{
    /// <summary>The platform's own authority: deployed where the platform signs people in itself (development), not where an outside provider does.</summary>
    public const string Identity = "identity";

    public static IReadOnlyList<string> Projects { get; } =
    [
        .. new[] { Path.Combine(RenderedOverlays.Root, "gateway", "Gateway.csproj") }
            .Concat(Directory.GetDirectories(Path.Combine(RenderedOverlays.Root, "services")).Select(directory => Path.Combine(directory, Path.GetFileName(directory) + ".csproj")))
            .Where(File.Exists),
    ];

    public static IReadOnlyList<string> All { get; } = [.. Projects.Select(project => Path.GetFileNameWithoutExtension(project).ToLowerInvariant()).Order(StringComparer.Ordinal)];

    public static IReadOnlyList<string> In(string overlay) => overlay == "production" ? [.. All.Where(name => name != Identity)] : All;
}
