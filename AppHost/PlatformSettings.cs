using Microsoft.Extensions.Configuration;

namespace Platform.AppHost;

/// <summary>
/// What a run of the platform may change, bound from the app host's <c>Platform</c> section (command line
/// <c>--Platform:Replicas 3</c>, environment <c>Platform__Replicas=3</c>, or the testing builder's arguments).
/// </summary>
public sealed class PlatformSettings
{
    public const string Section = "Platform";

    /// <summary>Where the servers keep their data between runs; <c>.platform/</c> in the clone by default.</summary>
    public string? DataDirectory { get; set; }

    /// <summary>Data that may be lost (tests, benchmarks): PostgreSQL skips fsync.</summary>
    public bool DisposableData { get; set; }

    /// <summary>How many replicas of every service to start.</summary>
    public int Replicas { get; set; } = 1;

    /// <summary>The gateway's port; 0 lets Aspire choose one.</summary>
    public int GatewayPort { get; set; } = 8080;

    /// <summary>The gateway's port, or none when Aspire chooses it.</summary>
    public int? GatewayPortOrNone => GatewayPort == 0 ? null : GatewayPort;

    /// <summary>The run's generated secrets under <see cref="DataDirectory"/>, read (or made) once.</summary>
    public DevelopmentSecrets Secrets => _secrets ??= DevelopmentSecrets.LoadOrCreate(DataDirectory!);

    private DevelopmentSecrets? _secrets;

    /// <summary>The identity service's port (where <c>./platform token</c> and people's browsers reach it); 0 lets Aspire choose one.</summary>
    public int IdentityPort { get; set; } = 8081;

    public int? IdentityPortOrNone => IdentityPort == 0 ? null : IdentityPort;

    /// <summary>The reference list of local authorities the registry loads at start, when there is one.</summary>
    public string? LocalAuthorities { get; set; }

    /// <summary>The reference list of authorities reorganisations ended (I3c), loaded after the current list, when there is one.</summary>
    public string? LocalAuthorityChanges { get; set; }

    /// <summary>The services' environment (Development, Testing, Production); the app host's own by default.</summary>
    public string? ServiceEnvironment { get; set; }

    /// <summary>Settings given to every service and the gateway, by their configuration keys (<c>Dashboard:Freshness</c>).</summary>
    public Dictionary<string, string> ServiceSettings { get; set; } = [];

    public static PlatformSettings From(IConfiguration configuration, string appHostDirectory)
    {
        var settings = configuration.GetSection(Section).Get<PlatformSettings>() ?? new PlatformSettings();
        settings.DataDirectory = Path.GetFullPath(settings.DataDirectory ?? Path.Combine(appHostDirectory, "..", ".platform"));
        if (settings.Replicas < 1)
        {
            throw new InvalidOperationException($"{Section}:Replicas must be at least 1 (was {settings.Replicas}).");
        }

        settings.ServiceSettings = configuration.GetSection($"{Section}:{nameof(ServiceSettings)}").AsEnumerable(makePathsRelative: true)
            .Where(pair => pair.Value is not null)
            .ToDictionary(pair => pair.Key, pair => pair.Value!);
        return settings;
    }
}
