namespace Platform.AppHost.Hosting;

/// <summary>
/// A .NET project of the repository, started from its build output (<c>dotnet X.dll</c>) on a loopback
/// port, with Aspire-style environment variables, and healthy once its <c>/health</c> answers 200.
/// </summary>
public sealed class ProjectResource(string name, string projectDirectory, string assemblyName) : Resource(name)
{
    private readonly Dictionary<string, Func<string?>> _environment = new(StringComparer.Ordinal);
    private ChildProcess? _process;
    private int _port;

    public int RequestedPort { get; private set; }

    public override string? Url => _port == 0 ? null : $"http://127.0.0.1:{_port}";

    public override IReadOnlyList<int> ProcessIds => _process is null ? [] : [_process.Pid];

    public override IReadOnlyList<int> Ports => _process is null ? [] : [_port];

    public bool IsRunning => _process is { HasExited: false };

    public ProjectResource WithHttpPort(int port)
    {
        RequestedPort = port;
        return this;
    }

    public ProjectResource WithEnvironment(string variable, string? value)
    {
        _environment[variable] = () => value;
        return this;
    }

    /// <summary><c>ConnectionStrings__{name}</c>, and a wait for the resource behind it.</summary>
    public ProjectResource WithReference<T>(T resource)
        where T : Resource, IResourceWithConnectionString
    {
        _environment[$"ConnectionStrings__{resource.ConnectionName}"] = () => resource.ConnectionString;
        return this.WaitFor(resource);
    }

    /// <summary><c>services__{name}__http__0</c>, as Aspire's service discovery names it, and a wait for that project.</summary>
    public ProjectResource WithReference(ProjectResource project)
    {
        _environment[$"services__{project.Name}__http__0"] = () => project.Url;
        return this.WaitFor(project);
    }

    public string AssemblyPath(DistributedApplicationOptions options) =>
        Path.Combine(options.RepositoryRoot, projectDirectory, "bin", options.BuildConfiguration, "net10.0", assemblyName + ".dll");

    public override async Task StartAsync(HostingContext context, CancellationToken cancellationToken)
    {
        var assembly = AssemblyPath(context.Options);
        if (!File.Exists(assembly))
        {
            throw new FileNotFoundException($"{Name} is not built ({assembly} is missing): run dotnet build -c {context.Options.BuildConfiguration} Platform.sln.", assembly);
        }

        // A restart keeps the port: the gateway was told this address when it started.
        if (_port == 0)
        {
            _port = RequestedPort == 0 ? PortAllocator.FreePort() : RequestedPort;
        }

        if (PortAllocator.IsListening(_port))
        {
            throw new InvalidOperationException($"{Name} cannot listen on port {_port}: something else already does.");
        }

        var environment = new Dictionary<string, string?>(context.Options.ProjectEnvironment)
        {
            ["ASPNETCORE_URLS"] = Url,
            ["ASPNETCORE_ENVIRONMENT"] = context.Options.EnvironmentName,
            ["DOTNET_ENVIRONMENT"] = context.Options.EnvironmentName,
            // The process runs in a folder of its own under the data directory; its content root stays its build output.
            ["ASPNETCORE_CONTENTROOT"] = Path.GetDirectoryName(assembly),
            ["OTEL_SERVICE_NAME"] = Name,
            ["OTEL_RESOURCE_ATTRIBUTES"] = $"service.instance.id={Name}-{_port}",
            ["Logging__Console__FormatterName"] = "simple",
            ["Logging__Console__FormatterOptions__SingleLine"] = "true",
        };
        foreach (var (variable, value) in _environment)
        {
            environment[variable] = value();
        }

        var workingDirectory = Directory.CreateDirectory(Path.Combine(context.DataDirectory, "run", Name)).FullName;
        _process = ChildProcess.Start("dotnet", [assembly], environment, workingDirectory, context.LogFor(Name));
        await WaitUntilHealthyAsync(context.Options.StartTimeout, cancellationToken);
    }

    private async Task WaitUntilHealthyAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + timeout;
        string? lastAnswer = null;
        while (DateTime.UtcNow < deadline)
        {
            if (_process!.HasExited)
            {
                throw new InvalidOperationException($"{Name} exited with code {_process.ExitCode} while starting:{Environment.NewLine}{_process.RecentOutput}");
            }

            try
            {
                using var response = await client.GetAsync($"{Url}/health", cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }

                lastAnswer = $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}";
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
            }

            await Task.Delay(200, cancellationToken);
        }

        throw new TimeoutException($"{Name} was not healthy within {timeout.TotalSeconds:0} s (last answer: {lastAnswer ?? "none"}).");
    }

    public override async Task StopAsync()
    {
        if (_process is not null)
        {
            await _process.StopAsync(TimeSpan.FromSeconds(15));
        }
    }
}
