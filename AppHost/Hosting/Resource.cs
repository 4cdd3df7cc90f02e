namespace Platform.AppHost.Hosting;

/// <summary>A part of the running platform: a server, a database on it, or a project.</summary>
public abstract class Resource(string name)
{
    private readonly List<Resource> _waitsFor = [];

    public string Name { get; } = name;

    /// <summary>Resources that must be healthy before this one starts.</summary>
    public IReadOnlyList<Resource> WaitsFor => _waitsFor;

    /// <summary>Where a person or a test reaches it, if anywhere.</summary>
    public virtual string? Url => null;

    /// <summary>Processes this resource started (group leaders), for the summary and for shutdown checks.</summary>
    public virtual IReadOnlyList<int> ProcessIds => [];

    /// <summary>TCP ports it listens on while running.</summary>
    public virtual IReadOnlyList<int> Ports => [];

    internal void AddWait(Resource resource)
    {
        if (resource != this && !_waitsFor.Contains(resource))
        {
            _waitsFor.Add(resource);
        }
    }

    /// <summary>Starts it and returns once it is healthy (ready for its dependants).</summary>
    public abstract Task StartAsync(HostingContext context, CancellationToken cancellationToken);

    public abstract Task StopAsync();
}

/// <summary>A resource others reach through a connection string (<c>ConnectionStrings__{ConnectionName}</c>).</summary>
public interface IResourceWithConnectionString
{
    string ConnectionName { get; }

    string ConnectionString { get; }
}

public static class ResourceExtensions
{
    public static T WaitFor<T>(this T resource, params Resource[] dependencies)
        where T : Resource
    {
        foreach (var dependency in dependencies)
        {
            resource.AddWait(dependency);
        }

        return resource;
    }
}
