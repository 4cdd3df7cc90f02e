using System.Security.Cryptography;
using System.Text;

namespace Platform.AppHost.Servers;

/// <summary>
/// Where the local cluster's files go. As root the server runs as the <c>postgres</c> user, which cannot
/// enter a clone under a folder only its owner may enter (as <c>/root</c> is): then the cluster lives in
/// the postgres user's home instead, one folder per clone, and stays there between runs.
/// </summary>
public static class PostgresDataDirectory
{
    public const string FallbackRoot = "/var/lib/postgresql/platform";

    public static string For(string platformDataDirectory)
    {
        var preferred = Path.Combine(platformDataDirectory, "postgres");
        Directory.CreateDirectory(platformDataDirectory);
        if (Environment.UserName != "root" || OthersMayEnter(platformDataDirectory))
        {
            return preferred;
        }

        var clone = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(platformDataDirectory)))[..12];
        var fallback = Path.Combine(FallbackRoot, clone);
        Directory.CreateDirectory(FallbackRoot);
        return fallback;
    }

    /// <summary>Every folder on the way can be entered by a user who is neither its owner nor in its group.</summary>
    private static bool OthersMayEnter(string directory)
    {
        for (var folder = new DirectoryInfo(directory); folder is not null; folder = folder.Parent)
        {
            if (!folder.UnixFileMode.HasFlag(UnixFileMode.OtherExecute))
            {
                return false;
            }
        }

        return true;
    }
}
