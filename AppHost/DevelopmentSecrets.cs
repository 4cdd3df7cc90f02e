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

    public static void ApplyTo(this JwtSettings settings, Dictionary<string, string?> environment)
    {
        environment["Authentication__Jwt__Issuer"] = settings.Issuer;
        environment["Authentication__Jwt__Audience"] = settings.Audience;
        environment["Authentication__Jwt__SigningKey"] = settings.SigningKey;
    }
}
