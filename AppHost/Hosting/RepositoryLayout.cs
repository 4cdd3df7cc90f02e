namespace Platform.AppHost.Hosting;

public static class RepositoryLayout
{
    public const string SolutionFile = "Platform.sln";

#if DEBUG
    public const string CurrentConfiguration = "Debug";
#else
    public const string CurrentConfiguration = "Release";
#endif

    /// <summary>The nearest folder above the running program (or the working directory) that holds the solution.</summary>
    public static string FindRoot()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, SolutionFile)))
                {
                    return directory.FullName;
                }
            }
        }

        throw new InvalidOperationException($"No {SolutionFile} above {AppContext.BaseDirectory}: run the AppHost from the repository.");
    }
}
