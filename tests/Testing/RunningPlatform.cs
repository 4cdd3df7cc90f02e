using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Platform.AppHost;
using Platform.ServiceDefaults.Auth;

namespace Platform.Testing;

/// <summary>
/// The whole platform started by Aspire's testing builder from the app host's own graph, as
/// <c>./platform up</c> starts it (dashboard off): private PostgreSQL and RabbitMQ, the five services and
/// the gateway on ports Aspire picks. Tests reach it only through the gateway, with tokens.
/// </summary>
public sealed class RunningPlatform : IAsyncDisposable
{
    private const int LinesKeptPerInstance = 10_000;
    private readonly ConcurrentDictionary<string, ConcurrentQueue<string>> _logs = new();
    private readonly ConcurrentDictionary<string, string> _instances = new();
    private readonly CancellationTokenSource _stopping = new();

    private RunningPlatform(DistributedApplication app, string dataDirectory)
    {
        App = app;
        DataDirectory = dataDirectory;
        Secrets = DevelopmentSecrets.LoadOrCreate(dataDirectory);
        _identity = new Lazy<DevelopmentIdentity>(() => new DevelopmentIdentity(UrlOf(AppHost.PlatformResources.IdentityResourceName), Secrets));
    }

    public DistributedApplication App { get; }

    public string DataDirectory { get; }

    /// <summary>The run's generated secrets (the operator's password among them).</summary>
    public DevelopmentSecrets Secrets { get; }

    private readonly Lazy<DevelopmentIdentity> _identity;
    private readonly ConcurrentDictionary<string, Lazy<Task<string>>> _tokens = new(StringComparer.Ordinal);

    public Uri Gateway => App.GetEndpoint("gateway", "http");

    /// <summary>A service's own address (behind Aspire's proxy, as the gateway reaches it).</summary>
    public Uri UrlOf(string resource) => App.GetEndpoint(resource, "http");

    /// <summary>The connection string Aspire gives a resource, e.g. <c>providers-db</c>.</summary>
    public async Task<string> ConnectionStringAsync(string resource) =>
        await App.GetConnectionStringAsync(resource) ?? throw new InvalidOperationException($"{resource} has no connection string.");

    /// <summary>
    /// The platform's output, the last lines of each instance, for a failing test's message; stack frames are
    /// left out, so the few lines an instance gets name what happened rather than where (<see cref="SaveLogs"/> keeps them).
    /// </summary>
    public string RecentLog(int lines = 80) =>
        string.Join('\n', _logs.OrderBy(instance => instance.Key, StringComparer.Ordinal)
            .SelectMany(instance => instance.Value.Where(line => !IsStackFrame(line))
                .TakeLast(Math.Max(5, lines / Math.Max(1, _logs.Count))).Select(line => $"{instance.Key} | {line}")));

    private static bool IsStackFrame(string line)
    {
        // A line as Aspire gives it may begin with its timestamp.
        var text = line.AsSpan();
        if (text.Length > 0 && char.IsAsciiDigit(text[0]) && text.IndexOf(' ') is var space and > 0)
        {
            text = text[space..];
        }

        text = text.TrimStart();
        return text.StartsWith("at ", StringComparison.Ordinal) || text.StartsWith("--- End of", StringComparison.Ordinal);
    }

    /// <summary>
    /// Writes every line kept of every instance's log to a file of its own, under a new folder that outlives
    /// the platform, and returns the folder: a failure's whole story, where its message has room for the end only.
    /// </summary>
    public string SaveLogs()
    {
        var folder = Path.Combine(TestServers.Root, $"logs-{DateTime.UtcNow:yyyyMMdd-HHmmss}-{Guid.NewGuid():N}"[..40]);
        Directory.CreateDirectory(folder);
        foreach (var (instance, lines) in _logs)
        {
            File.WriteAllLines(Path.Combine(folder, $"{instance}.log"), lines);
        }

        return folder;
    }

    /// <summary>Runs <c>rabbitmqctl</c> against the platform's broker.</summary>
    public Task<string> BrokerControlAsync(params string[] arguments) =>
        BrokerControl.RunAsync(Platform.AppHost.Servers.ServersOnly.RabbitMqRoot(DataDirectory), arguments);

    /// <summary>The process of one instance, as the orchestrator reports it now.</summary>
    public int? ProcessOf(string instance) =>
        App.ResourceNotifications.TryGetCurrentState(instance, out var state) ? state.Snapshot.ProcessId() : null;

    /// <summary>One instance's own address, not the proxy's in front of its replicas.</summary>
    public Uri AddressOf(string instance) =>
        App.ResourceNotifications.TryGetCurrentState(instance, out var state) && Platform.AppHost.LivenessRestarts.OwnAddress(state.Snapshot) is { } address
            ? address
            : throw new InvalidOperationException($"{instance} has no address of its own.");

    /// <summary>
    /// Has the broker close the connections of one instance only (found by the ports its process holds), as a
    /// network fault between that replica and the broker would; the other replicas keep theirs.
    /// </summary>
    public async Task DropBrokerConnectionsOfAsync(string instance)
    {
        var pid = ProcessOf(instance) ?? throw new InvalidOperationException($"{instance} has no process.");
        var ports = ProcessSockets.LocalPortsOf(pid);
        var connections = (await BrokerControlAsync("list_connections", "-q", "pid", "peer_port"))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split('\t'))
            .Where(columns => columns.Length == 2 && int.TryParse(columns[1], out var port) && ports.Contains(port))
            .Select(columns => columns[0])
            .ToList();
        if (connections.Count == 0)
        {
            throw new InvalidOperationException($"{instance} holds no connection to the broker.");
        }

        foreach (var connection in connections)
        {
            await BrokerControlAsync("close_connection", connection, "dropped by the test");
        }
    }

    /// <summary>The broker's queues and consumers as it sees them now (<see cref="BrokerControl.QueuesAndConsumersAsync"/>).</summary>
    public Task<string> BrokerStateAsync() => BrokerControl.QueuesAndConsumersAsync(Platform.AppHost.Servers.ServersOnly.RabbitMqRoot(DataDirectory));

    /// <summary>For a failing test's message: the broker's state, where the whole logs were saved, and their last lines.</summary>
    public async Task<string> FailureReportAsync(int recentLines = 120) =>
        $"{await BrokerStateAsync()}\nwhole logs: {SaveLogs()}\n{RecentLog(recentLines)}";

    /// <param name="replicas">How many replicas of each service to run.</param>
    /// <param name="settings">Settings for every service, by configuration key.</param>
    /// <param name="serviceEnvironment">The services' environment: Testing for tests, Production for benchmarks.</param>
    public static async Task<RunningPlatform> StartAsync(
        int replicas = 1, IReadOnlyDictionary<string, string>? settings = null, string serviceEnvironment = "Testing", string? localAuthorities = null,
        string? localAuthorityChanges = null)
    {
        var dataDirectory = Path.Combine(TestServers.Root, "e2e-" + Guid.NewGuid().ToString("N"));
        string[] arguments =
        [
            $"--Platform:DataDirectory={dataDirectory}",
            "--Platform:DisposableData=true",
            "--Platform:GatewayPort=0",
            "--Platform:IdentityPort=0",
            $"--Platform:Replicas={replicas}",
            $"--Platform:ServiceEnvironment={serviceEnvironment}",
            .. localAuthorities is null ? Array.Empty<string>() : [$"--Platform:LocalAuthorities={localAuthorities}"],
            .. localAuthorityChanges is null ? Array.Empty<string>() : [$"--Platform:LocalAuthorityChanges={localAuthorityChanges}"],
            "--Platform:ServiceSettings:Messaging:Outbox:PollInterval=00:00:00.250",
            // A subscriber that was down is tried again within two seconds, not the hour production allows.
            "--Platform:ServiceSettings:Integrations:Webhooks:FirstRetryDelay=00:00:00.250",
            "--Platform:ServiceSettings:Integrations:Webhooks:MaxRetryDelay=00:00:02",
            // Tests poll through the gateway as one caller per role; the security tests set the real limits.
            "--Platform:ServiceSettings:RateLimits:DashboardPerMinute=1000000",
            "--Platform:ServiceSettings:RateLimits:DefaultPerMinute=1000000",
            .. (settings ?? new Dictionary<string, string>()).Select(pair => $"--Platform:ServiceSettings:{pair.Key}={pair.Value}"),
        ];
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<PlatformSettings>(arguments, CancellationToken.None);
        // The resources' own logs are kept for a failing test's message (RecentLog), not written to the test output.
        builder.Services.AddLogging(logging => logging
            .AddFilter("AppHost.Resources", LogLevel.None)
            .AddFilter("Aspire", LogLevel.Warning)
            .AddFilter("Microsoft.Extensions.Diagnostics.HealthChecks", LogLevel.None)
            .AddFilter("System.Net.Http.HttpClient", LogLevel.Warning));
        var platform = new RunningPlatform(await builder.BuildAsync(), dataDirectory);
        await platform.StartAsync();
        return platform;
    }

    private async Task StartAsync()
    {
        _ = FollowLogsAsync();
        using var starting = new CancellationTokenSource(TimeSpan.FromMinutes(6));
        try
        {
            await App.StartAsync(starting.Token);
            var model = App.Services.GetRequiredService<DistributedApplicationModel>();
            var projects = model.Resources.OfType<ProjectResource>().ToList();
            await Task.WhenAll(projects.Select(project => App.ResourceNotifications.WaitForResourceHealthyAsync(project.Name, starting.Token)));

            // The gateway's own health checks readmit a service a probe after it is up: wait for that too.
            var unrouted = await GatewayRouting.WaitUntilRoutedAsync(
                Gateway, projects.Select(project => project.Name).Where(name => name != "gateway"), TimeSpan.FromSeconds(90), starting.Token);
            if (unrouted.Count > 0)
            {
                throw new InvalidOperationException($"The gateway does not route to {string.Join(", ", unrouted)}.");
            }
        }
        catch (Exception exception)
        {
            throw new InvalidOperationException($"The platform did not start: {exception.Message}\n{RecentLog(60)}", exception);
        }
    }

    /// <summary>Keeps the last lines of every resource's log (each replica's too) for a failing test's message.</summary>
    private async Task FollowLogsAsync()
    {
        var logs = App.Services.GetRequiredService<ResourceLoggerService>();
        var followed = new HashSet<string>();
        try
        {
            await foreach (var change in App.ResourceNotifications.WatchAsync(_stopping.Token))
            {
                _instances[change.ResourceId] = change.Resource.Name;
                if (followed.Add(change.ResourceId))
                {
                    _ = FollowAsync(logs, change.ResourceId);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task FollowAsync(ResourceLoggerService logs, string resourceId)
    {
        var kept = _logs.GetOrAdd(resourceId, _ => new ConcurrentQueue<string>());
        try
        {
            await foreach (var batch in logs.WatchAsync(resourceId).WithCancellation(_stopping.Token))
            {
                foreach (var line in batch)
                {
                    kept.Enqueue(line.Content);
                }

                while (kept.Count > LinesKeptPerInstance)
                {
                    kept.TryDequeue(out _);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>The running, healthy instances (replicas) of a resource, by their resource ids.</summary>
    public IReadOnlyList<string> HealthyInstancesOf(string name) =>
        InstancesOf(name)
            .Where(instance => App.ResourceNotifications.TryGetCurrentState(instance, out var state)
                && state.Snapshot.State?.Text == KnownResourceStates.Running
                && state.Snapshot.HealthStatus == Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy)
            .ToList();

    /// <summary>Every instance (replica) of a resource that has been started, by resource id.</summary>
    public IReadOnlyList<string> InstancesOf(string name) =>
        _instances.Where(instance => instance.Value == name).Select(instance => instance.Key).Order(StringComparer.Ordinal).ToList();

    /// <summary>The last lines one instance wrote.</summary>
    public IReadOnlyList<string> LinesFrom(string resourceId) =>
        _logs.TryGetValue(resourceId, out var lines) ? [.. lines] : [];

    /// <summary>Stops one resource (every replica), as an outage would.</summary>
    public async Task StopResourceAsync(string name)
    {
        var result = await App.ResourceCommands.ExecuteCommandAsync(name, KnownResourceCommands.StopCommand);
        if (!result.Success)
        {
            throw new InvalidOperationException($"{name} did not stop: {result.Message}");
        }
    }

    /// <summary>
    /// Kills every instance of a resource with SIGKILL, its process and every process under it (a server's
    /// script and the server it runs), as a crash or a pulled plug would: nothing is flushed, no connection
    /// is closed politely. <see cref="StartResourceAsync"/> brings it back.
    /// </summary>
    public async Task KillAsync(string name)
    {
        var instances = InstancesOf(name);
        if (instances.Count == 0)
        {
            throw new InvalidOperationException($"{name} has no instance to kill.");
        }

        foreach (var instance in instances)
        {
            if (App.ResourceNotifications.TryGetCurrentState(instance, out var state) && state.Snapshot.ProcessId() is { } pid)
            {
                using var process = Process.GetProcessById(pid);
                process.Kill(entireProcessTree: true);
            }
        }

        await Eventually.TrueAsync(
            () => Task.FromResult(instances.All(instance => !App.ResourceNotifications.TryGetCurrentState(instance, out var state)
                || state.Snapshot.State?.Text != KnownResourceStates.Running)),
            TimeSpan.FromSeconds(30), $"{name} to be seen as ended");
    }

    /// <summary>Starts a stopped resource again and waits until it is healthy.</summary>
    public async Task StartResourceAsync(string name)
    {
        // Bounded: a resource left waiting for another (its database, say) fails the test rather than holding the run.
        var result = await App.ResourceCommands.ExecuteCommandAsync(name, KnownResourceCommands.StartCommand).WaitAsync(TimeSpan.FromMinutes(2));
        if (!result.Success)
        {
            throw new InvalidOperationException($"{name} did not start: {result.Message}");
        }

        await App.ResourceNotifications.WaitForResourceHealthyAsync(name).WaitAsync(TimeSpan.FromMinutes(2));
    }

    public HttpClient Client(string? role = null, params string[] localAuthorities) =>
        role is null ? new HttpClient { BaseAddress = Gateway, Timeout = TimeSpan.FromSeconds(30) } : ClientAs($"e2e-{role}", role, localAuthorities);

    /// <summary>A client for a named person (the token's subject) in <paramref name="role"/>, with a token from the identity service.</summary>
    public HttpClient ClientAs(string subject, string role, params string[] localAuthorities) =>
        new(new BearerTokenHandler(cancellationToken => TokenAsync(subject, role, localAuthorities, providerId: null, cancellationToken)))
        {
            BaseAddress = Gateway,
            Timeout = TimeSpan.FromSeconds(30),
        };

    /// <summary>A person who signs in at the identity service's page with the password given (the browser tests).</summary>
    public Task KeepUserAsync(string subject, string role, IReadOnlyList<string> localAuthorities, string password) =>
        _identity.Value.KeepUserAsync(subject, role, localAuthorities, providerId: null, password);

    /// <summary>
    /// A token from the identity service for <paramref name="subject"/> in <paramref name="role"/> (the
    /// operator keeps the user; the token is from the password grant), fetched once per run.
    /// </summary>
    public Task<string> TokenAsync(string subject, string role, IReadOnlyList<string> localAuthorities, Guid? providerId = null, CancellationToken cancellationToken = default)
    {
        var key = string.Join('|', [subject, role, providerId?.ToString() ?? "", .. localAuthorities]);
        var token = _tokens.GetOrAdd(key, _ => new Lazy<Task<string>>(() => FetchAsync()));
        return token.Value.WaitAsync(cancellationToken);

        async Task<string> FetchAsync()
        {
            try
            {
                return await _identity.Value.TokenForAsync(subject, role, localAuthorities, providerId, CancellationToken.None);
            }
            catch
            {
                // A refusal is not kept: the next request asks again.
                _tokens.TryRemove(key, out _);
                throw;
            }
        }
    }

    /// <summary>Loads a small reference list through the registry's API and waits until the other services know it.</summary>
    public async Task ImportAuthoritiesAsync(string csv, params string[] expectGss)
    {
        using var dfe = Client(Roles.Dfe);
        var response = await dfe.PostAsync("/api/providers/local-authorities/imports", new StringContent(csv, Encoding.UTF8, "text/csv"));
        response.EnsureSuccessStatusCode();
        foreach (var gss in expectGss)
        {
            foreach (var probe in new[] { $"/api/inspections/judgements?la={gss}", $"/api/commissioners/cases?la={gss}" })
            {
                await Eventually.TrueAsync(async () => (await dfe.GetAsync(probe)).IsSuccessStatusCode, TimeSpan.FromSeconds(30), $"{probe} to know {gss}");
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        if (_identity.IsValueCreated)
        {
            _identity.Value.Dispose();
        }

        await App.StopAsync();
        await App.DisposeAsync();
        _stopping.Dispose();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
