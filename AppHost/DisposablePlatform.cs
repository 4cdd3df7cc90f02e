using Platform.AppHost.Hosting;
using Platform.ServiceDefaults.Auth;

namespace Platform.AppHost;

/// <summary>The whole platform on free ports with throw-away data and a fresh signing key, as benchmarks and end-to-end tests start it.</summary>
public static class DisposablePlatform
{
    public static (DistributedApplication App, JwtSettings Jwt) Build(
        string dataDirectory,
        string environmentName,
        Action<string, string> logSink,
        IReadOnlyDictionary<string, string?>? environment = null,
        string? localAuthoritiesCsv = null)
    {
        var options = new DistributedApplicationOptions
        {
            DataDirectory = dataDirectory,
            DisposableData = true,
            GatewayPort = 0,
            EnvironmentName = environmentName,
            LogSink = logSink,
        };
        var jwt = new JwtSettings { SigningKey = DevelopmentTokens.NewSigningKey() };
        jwt.ApplyTo(options.ProjectEnvironment);
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            options.ProjectEnvironment[name] = value;
        }

        return (PlatformGraph.Declare(options, localAuthoritiesCsv).Build(), jwt);
    }

    /// <summary>A data directory of its own under the system's temporary folder.</summary>
    public static string NewDataDirectory(string prefix) => Path.Combine(Path.GetTempPath(), $"{prefix}-{Guid.NewGuid():N}");
}
