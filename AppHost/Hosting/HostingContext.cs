namespace Platform.AppHost.Hosting;

/// <summary>What every resource needs while starting: where its data lives and where its output goes.</summary>
public sealed class HostingContext(DistributedApplicationOptions options, ResourceLog log)
{
    public DistributedApplicationOptions Options { get; } = options;

    public string DataDirectory { get; } = Path.GetFullPath(options.DataDirectory);

    public Action<string> LogFor(string resource) => line => log.Write(resource, line);

    public void Info(string resource, string message) => log.Write(resource, message);
}
