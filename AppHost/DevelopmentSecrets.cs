using System.Security.Cryptography;

namespace Platform.AppHost;

/// <summary>
/// The secrets a development run needs (the identity service's, the local servers' passwords), generated once and kept under the data
/// directory (the folder and every file readable by the owner alone) so sign-ins and keys survive restarts.
/// </summary>
public sealed record DevelopmentSecrets(string OperatorPassword, string KeyPassword, string DashboardSecret, string DatabasePassword, string BrokerPassword)
{
    public static DevelopmentSecrets LoadOrCreate(string dataDirectory)
    {
        var folder = Path.Combine(dataDirectory, "secrets");
        Directory.CreateDirectory(folder);
        File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return new DevelopmentSecrets(
            Secret(folder, "operator-password"),
            Secret(folder, "identity-key-password"),
            Secret(folder, "dashboard-client-secret"),
            Secret(folder, "postgres-password"),
            Secret(folder, "rabbitmq-password"));
    }

    private static string Secret(string folder, string name)
    {
        var file = Path.Combine(folder, name);
        if (!File.Exists(file))
        {
            OwnerOnlyFile.Write(file, Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)), FileMode.CreateNew);
        }

        return File.ReadAllText(file).Trim();
    }
}
