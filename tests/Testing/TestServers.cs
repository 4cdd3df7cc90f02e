using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Npgsql;
using Platform.AppHost.Servers;
using Platform.ServiceDefaults.Auth;

namespace Platform.Testing;

/// <summary>
/// One private PostgreSQL cluster and one RabbitMQ node per test run (test assembly), started on first
/// use by Aspire's testing builder with the app host's own server resources. Aspire's orchestrator ends
/// them when the test host exits, however it exits. Each test class takes a database and a virtual host
/// of its own, so classes run in parallel without seeing each other.
/// </summary>
public sealed class TestServers
{
    /// <summary>Where fixtures keep server data; <c>./platform test</c> clears it before a run.</summary>
    public const string Root = "/tmp/platform-tests";

    private static readonly Lazy<Task<TestServers>> Instance = new(StartAsync);

    private readonly string _postgres;
    private readonly string _rabbitMqRoot;

    private TestServers(DistributedApplication app, string postgres, string rabbitMq, string rabbitMqRoot)
    {
        App = app;
        _postgres = postgres;
        BrokerConnectionString = rabbitMq;
        _rabbitMqRoot = rabbitMqRoot;
    }

    public DistributedApplication App { get; }

    /// <summary>Where the servers keep their data and the run's generated secrets.</summary>
    public string DataDirectory { get; private init; } = "";

    /// <summary>The server's own connection string (its owner, with the generated password).</summary>
    public string PostgresConnectionString => _postgres;

    /// <summary>The broker's default virtual host.</summary>
    public string BrokerConnectionString { get; }

    public static Task<TestServers> GetAsync() => Instance.Value;

    /// <summary>A connection string for a new, empty database (created by the service's migrations).</summary>
    public string NewDatabase(string prefix) =>
        new NpgsqlConnectionStringBuilder(_postgres) { Database = $"{prefix}_{Guid.NewGuid():N}" }.ConnectionString;

    /// <summary>Adds a virtual host (a broker namespace of its own) and returns its connection string.</summary>
    public async Task<string> NewVirtualHostAsync(string prefix)
    {
        var virtualHost = $"{prefix}-{Guid.NewGuid():N}";
        await ControlAsync("add_vhost", virtualHost);
        await ControlAsync("set_permissions", "-p", virtualHost, LocalRabbitMqResource.User, ".*", ".*", ".*");
        return BrokerConnectionString + Uri.EscapeDataString(virtualHost);
    }

    /// <summary>Stops the broker, as an outage would; <see cref="StartBrokerAsync"/> brings it back on the same address.</summary>
    public async Task StopBrokerAsync()
    {
        var result = await App.ResourceCommands.ExecuteCommandAsync(ServersOnly.RabbitMq, KnownResourceCommands.StopCommand);
        if (!result.Success)
        {
            throw new InvalidOperationException($"The broker did not stop: {result.Message}");
        }
    }

    public async Task StartBrokerAsync()
    {
        var result = await App.ResourceCommands.ExecuteCommandAsync(ServersOnly.RabbitMq, KnownResourceCommands.StartCommand);
        if (!result.Success)
        {
            throw new InvalidOperationException($"The broker did not start: {result.Message}");
        }

        await App.ResourceNotifications.WaitForResourceHealthyAsync(ServersOnly.RabbitMq).WaitAsync(TimeSpan.FromMinutes(1));
    }

    /// <summary>Closes every connection to the virtual host of <paramref name="brokerConnectionString"/>, as a broker that drops its clients would.</summary>
    public Task CloseConnectionsAsync(string brokerConnectionString) =>
        ControlAsync("close_all_connections", "-p", Uri.UnescapeDataString(new Uri(brokerConnectionString).AbsolutePath.TrimStart('/')), "closed by the test");

    private Task<string> ControlAsync(params string[] arguments) => BrokerControl.RunAsync(_rabbitMqRoot, arguments);

    private static async Task<TestServers> StartAsync()
    {
        var dataDirectory = Path.Combine(Root, Guid.NewGuid().ToString("N"));
        var builder = ServersOnly.Declare(() => DistributedApplicationTestingBuilder.Create(), dataDirectory);
        var app = builder.Build();
        using var starting = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await app.StartAsync(starting.Token);
        await Task.WhenAll(
            app.ResourceNotifications.WaitForResourceHealthyAsync(ServersOnly.Postgres, starting.Token),
            app.ResourceNotifications.WaitForResourceHealthyAsync(ServersOnly.RabbitMq, starting.Token));
        var postgres = (await app.GetConnectionStringAsync(ServersOnly.Postgres, starting.Token))!;
        var rabbitMq = (await app.GetConnectionStringAsync(ServersOnly.RabbitMq, starting.Token))!;
        return new TestServers(app, postgres, rabbitMq, ServersOnly.RabbitMqRoot(dataDirectory)) { DataDirectory = dataDirectory };
    }
}
