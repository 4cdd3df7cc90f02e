namespace Platform.AppHost.Hosting;

/// <summary>
/// RabbitMQ: a private node (own node name, ports and data under the data directory, own <c>epmd</c>
/// on a private port so that stopping the node leaves no daemon behind), or an existing broker.
/// </summary>
public sealed class RabbitMqResource(string name) : Resource(name), IResourceWithConnectionString
{
    private const string ServerScript = "/usr/lib/rabbitmq/bin/rabbitmq-server";
    private ChildProcess? _epmd;
    private ChildProcess? _node;
    private int _amqpPort;
    private int _distributionPort;
    private int _epmdPort;
    private string? _external;
    private Func<CancellationToken, Task>? _startNode;
    private Dictionary<string, string?>? _environment;
    private string? _root;

    public string ConnectionName => Name;

    public string ConnectionString => _external ?? $"amqp://guest:guest@127.0.0.1:{_amqpPort}/";

    public int AmqpPort => _amqpPort;

    public override IReadOnlyList<int> ProcessIds => new[] { _epmd?.Pid, _node?.Pid }.OfType<int>().ToList();

    public override IReadOnlyList<int> Ports => _node is null ? [] : [_amqpPort, _distributionPort, _epmdPort];

    public static bool IsInstalled => File.Exists(ServerScript);

    public override async Task StartAsync(HostingContext context, CancellationToken cancellationToken)
    {
        if (context.Options.ExternalRabbitMq is { } external)
        {
            _external = external;
            context.Info(Name, "using the broker given by ConnectionStrings__rabbitmq");
            return;
        }

        if (!IsInstalled)
        {
            throw new InvalidOperationException($"RabbitMQ is not installed ({ServerScript} is missing): run ./platform up or apt-get install rabbitmq-server.");
        }

        var root = Path.Combine(context.DataDirectory, "rabbitmq");
        var home = Path.Combine(root, "home");
        Directory.CreateDirectory(home);
        Directory.CreateDirectory(Path.Combine(root, "log"));
        var pluginsFile = Path.Combine(root, "enabled_plugins");
        if (!File.Exists(pluginsFile))
        {
            await File.WriteAllTextAsync(pluginsFile, "[].", cancellationToken);
        }

        // The node's name stays the same between runs: RabbitMQ keeps its data per node name.
        (_amqpPort, _distributionPort, _epmdPort) = (PortAllocator.FreePort(), PortAllocator.FreePort(), PortAllocator.FreePort());
        var environment = new Dictionary<string, string?>
        {
            ["HOME"] = home,
            ["ERL_EPMD_PORT"] = _epmdPort.ToString(),
            ["RABBITMQ_NODENAME"] = "platform@localhost",
            ["RABBITMQ_NODE_IP_ADDRESS"] = "127.0.0.1",
            ["RABBITMQ_NODE_PORT"] = _amqpPort.ToString(),
            ["RABBITMQ_DIST_PORT"] = _distributionPort.ToString(),
            ["RABBITMQ_MNESIA_BASE"] = Path.Combine(root, "mnesia"),
            ["RABBITMQ_LOG_BASE"] = Path.Combine(root, "log"),
            ["RABBITMQ_LOGS"] = "-",
            ["RABBITMQ_ENABLED_PLUGINS_FILE"] = pluginsFile,
            ["RABBITMQ_PID_FILE"] = Path.Combine(root, "rabbitmq.pid"),
            ["RABBITMQ_CONFIG_FILE"] = Path.Combine(root, "rabbitmq"),
            ["RABBITMQ_CONF_ENV_FILE"] = Path.Combine(root, "rabbitmq-env.conf"),
            // Run the VM in the foreground (no wrapper shell) and let us own epmd.
            ["RUNNING_UNDER_SYSTEMD"] = "true",
            ["RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS"] = "-start_epmd false -kernel inet_dist_use_interface {127,0,0,1}",
        };

        _epmd = ChildProcess.Start("epmd", ["-port", _epmdPort.ToString(), "-address", "127.0.0.1"], environment, root, context.LogFor(Name));
        await PortAllocator.WaitUntilListeningAsync(_epmdPort, () => _epmd.HasExited, TimeSpan.FromSeconds(10), cancellationToken);

        _environment = environment;
        _root = root;
        _startNode = token => StartNodeAsync(environment, root, context, token);
        await _startNode(cancellationToken);
    }

    private async Task StartNodeAsync(Dictionary<string, string?> environment, string root, HostingContext context, CancellationToken cancellationToken)
    {
        _node = ChildProcess.Start(ServerScript, [], environment, root, context.LogFor(Name));
        try
        {
            await PortAllocator.WaitUntilListeningAsync(_amqpPort, () => _node.HasExited, context.Options.StartTimeout, cancellationToken);
        }
        catch (InvalidOperationException)
        {
            throw new InvalidOperationException($"RabbitMQ exited while starting:{Environment.NewLine}{_node.RecentOutput}");
        }
    }

    /// <summary>Stops the broker (not its epmd), as an outage would; <see cref="StartNodeAgainAsync"/> brings it back on the same port.</summary>
    public async Task StopNodeAsync()
    {
        if (_node is not null)
        {
            await _node.StopAsync(TimeSpan.FromSeconds(30));
        }
    }

    /// <summary>Adds a virtual host (a broker namespace of its own, e.g. one per test class) and returns its connection string.</summary>
    public async Task<string> AddVirtualHostAsync(string virtualHost, CancellationToken cancellationToken)
    {
        if (_environment is null || _root is null)
        {
            throw new InvalidOperationException("Virtual hosts can only be added to a private node started here.");
        }

        const string ctl = "/usr/lib/rabbitmq/bin/rabbitmqctl -n platform@localhost";
        var script = $"{ctl} add_vhost '{virtualHost}' && {ctl} set_permissions -p '{virtualHost}' guest '.*' '.*' '.*'";
        var control = ChildProcess.Start("sh", ["-c", script], _environment, _root, _ => { });
        await control.WaitForExitAsync(cancellationToken);
        if (control.ExitCode != 0)
        {
            throw new InvalidOperationException($"Adding virtual host {virtualHost} failed ({control.ExitCode}): {control.RecentOutput}");
        }

        return $"amqp://guest:guest@127.0.0.1:{_amqpPort}/{Uri.EscapeDataString(virtualHost)}";
    }

    public Task StartNodeAgainAsync(CancellationToken cancellationToken) =>
        (_startNode ?? throw new InvalidOperationException("The node was never started here."))(cancellationToken);

    public override async Task StopAsync()
    {
        if (_node is not null)
        {
            await _node.StopAsync(TimeSpan.FromSeconds(30));
        }

        if (_epmd is not null)
        {
            await _epmd.StopAsync(TimeSpan.FromSeconds(5));
        }
    }
}
