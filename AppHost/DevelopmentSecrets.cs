using Platform.ServiceDefaults.Auth;

namespace Platform.AppHost;

/// <summary>The development signing key, kept under the data directory so tokens stay valid across runs.</summary>
public static class DevelopmentSecrets
{
    public static JwtSettings LoadOrCreate(string dataDirectory)
    {
        Directory.CreateDirectory(dataDirectory);
        var keyFile = Path.Combine(dataDirectory, "signing-key");
        if (!File.Exists(keyFile))
        {
            File.WriteAllText(keyFile, DevelopmentTokens.NewSigningKey());
            File.SetUnixFileMode(keyFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        return new JwtSettings { SigningKey = File.ReadAllText(keyFile).Trim() };
    }
}
