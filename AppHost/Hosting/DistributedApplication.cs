using System.Diagnostics;

namespace Platform.AppHost.Hosting;

/// <summary>Declares resources, in the shape of Aspire's <c>IDistributedApplicationBuilder</c>.</summary>
public sealed class DistributedApplicationBuilder(DistributedApplicationOptions options)
{
    private readonly List<Resource> _resources = [];

    public DistributedApplicationOptions Options { get; } = options;

    public PostgresServerResource AddPostgres(string name) => Add(new PostgresServerResource(name));

    public PostgresDatabaseResource AddDatabase(PostgresServerResource server, string name) => Add(server.AddDatabase(name));

    public RabbitMqResource AddRabbitMq(string name) => Add(new RabbitMqResource(name));

    /// <summary>A project by its folder (relative to the repository root) and assembly name.</summary>
    public ProjectResource AddProject(string name, string projectDirectory, string assemblyName) =>
        Add(new ProjectResource(name, projectDirectory, assemblyName));

    private T Add<T>(T resource)
        where T : Resource
    {
        if (_resources.Any(existing => existing.Name == resource.Name))
        {
            throw new InvalidOperationException($"A resource is already named '{resource.Name}'.");
        }

        _resources.Add(resource);
        return resource;
    }

    public DistributedApplication Build() => new(Options, _resources);
}

/// <summary>
/// Runs the declared resources: each starts once everything it waits for is healthy (independent
/// ones in parallel), and they stop in the reverse order. A failed start stops what had started.
/// </summary>
public sealed class DistributedApplication : IAsyncDisposable
{
    private readonly IReadOnlyList<Resource> _resources;
    private readonly HostingContext _context;
    private readonly List<Resource> _started = [];
    private readonly Lock _gate = new();

    internal DistributedApplication(DistributedApplicationOptions options, IReadOnlyList<Resource> resources)
    {
        _resources = resources;
        _context = new HostingContext(options, new ResourceLog(options.LogSink));
    }

    public IReadOnlyList<Resource> Resources => _resources;

    public TimeSpan StartupTime { get; private set; }

    public T Get<T>(string name)
        where T : Resource =>
        _resources.OfType<T>().FirstOrDefault(resource => resource.Name == name)
        ?? throw new KeyNotFoundException($"No {typeof(T).Name} is named '{name}'.");

    public string UrlOf(string name) => Get<Resource>(name).Url ?? throw new InvalidOperationException($"'{name}' has no URL (not started?).");

    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(_context.DataDirectory);
        var stopwatch = Stopwatch.StartNew();
        var ready = new Dictionary<Resource, Task>();
        Task ReadyTask(Resource resource)
        {
            if (!ready.TryGetValue(resource, out var task))
            {
                task = StartAfterDependenciesAsync(resource, resource.WaitsFor.Select(ReadyTask).ToList(), cancellationToken);
                ready[resource] = task;
            }

            return task;
        }

        try
        {
            await Task.WhenAll(_resources.Select(ReadyTask).ToList());
        }
        catch
        {
            await StopAsync();
            throw;
        }

        StartupTime = stopwatch.Elapsed;
    }

    private async Task StartAfterDependenciesAsync(Resource resource, IReadOnlyList<Task> dependencies, CancellationToken cancellationToken)
    {
        await Task.WhenAll(dependencies);
        var stopwatch = Stopwatch.StartNew();
        lock (_gate)
        {
            _started.Add(resource);
        }

        await resource.StartAsync(_context, cancellationToken);
        if (resource.ProcessIds.Count > 0)
        {
            _context.Info(resource.Name, $"healthy after {stopwatch.Elapsed.TotalSeconds:0.0} s");
        }
    }

    /// <summary>Stops one resource, as a crash or an outage would, leaving the others running.</summary>
    public Task StopResourceAsync(string name) => Get<Resource>(name).StopAsync();

    /// <summary>Starts a stopped resource again (same ports) and waits until it is healthy.</summary>
    public Task StartResourceAsync(string name, CancellationToken cancellationToken = default) =>
        Get<Resource>(name).StartAsync(_context, cancellationToken);

    /// <summary>Stops everything that was started, dependants before what they depend on.</summary>
    public async Task StopAsync()
    {
        List<Resource> started;
        lock (_gate)
        {
            started = [.. _started];
            _started.Clear();
        }

        var stopped = new Dictionary<Resource, Task>();
        Task StoppedTask(Resource resource)
        {
            if (!stopped.TryGetValue(resource, out var task))
            {
                var dependants = started.Where(other => other.WaitsFor.Contains(resource)).Select(StoppedTask).ToList();
                task = StopAfterDependantsAsync(resource, dependants);
                stopped[resource] = task;
            }

            return task;
        }

        await Task.WhenAll(started.Select(StoppedTask).ToList());
    }

    private static async Task StopAfterDependantsAsync(Resource resource, IReadOnlyList<Task> dependants)
    {
        await Task.WhenAll(dependants);
        await resource.StopAsync();
    }

    public async ValueTask DisposeAsync() => await StopAsync();
}
