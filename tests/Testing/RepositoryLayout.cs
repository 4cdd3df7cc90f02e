namespace Platform.Testing;

public static class RepositoryLayout
{
    public const string SolutionFile = "Platform.sln";

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

        throw new InvalidOperationException($"No {SolutionFile} above {AppContext.BaseDirectory}: run it from the repository.");
    }
}
