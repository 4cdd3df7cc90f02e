namespace Platform.AppHost.Hosting;

public sealed class DistributedApplicationOptions
{
    /// <summary>The repository root (the folder holding Platform.sln).</summary>
    public string RepositoryRoot { get; set; } = RepositoryLayout.FindRoot();

    /// <summary>Where private servers keep their data between runs.</summary>
    public string DataDirectory { get; set; } = Path.Combine(RepositoryLayout.FindRoot(), ".platform");

    /// <summary>The build configuration whose project outputs are started.</summary>
    public string BuildConfiguration { get; set; } = RepositoryLayout.CurrentConfiguration;

    /// <summary>An existing PostgreSQL server to use instead of a private cluster (<c>ConnectionStrings__postgres</c>).</summary>
    public string? ExternalPostgres { get; set; }

    /// <summary>An existing RabbitMQ broker to use instead of a private node (<c>ConnectionStrings__rabbitmq</c>).</summary>
    public string? ExternalRabbitMq { get; set; }

    /// <summary>Trade durability for speed in a private PostgreSQL cluster (tests only).</summary>
    public bool DisposableData { get; set; }

    /// <summary>The gateway's port; 0 picks a free one.</summary>
    public int GatewayPort { get; set; } = 8080;

    /// <summary>ASPNETCORE_ENVIRONMENT for the projects.</summary>
    public string EnvironmentName { get; set; } = "Development";

    /// <summary>Variables given to every project (token settings, reference data paths).</summary>
    public Dictionary<string, string?> ProjectEnvironment { get; } = new(StringComparer.Ordinal);

    /// <summary>Where resource output goes; the console by default.</summary>
    public Action<string, string>? LogSink { get; set; }

    /// <summary>Longest wait for one resource to become healthy.</summary>
    public TimeSpan StartTimeout { get; set; } = TimeSpan.FromSeconds(90);
}
