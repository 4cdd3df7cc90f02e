using Platform.AppHost.Hosting;
using Platform.ServiceDefaults.Auth;

namespace Platform.Testing;

/// <summary>
/// One private PostgreSQL cluster and one RabbitMQ node per test run (test assembly), started on
/// first use with the AppHost's own resources and stopped when the test host exits. Each test class
/// takes a database and a virtual host of its own, so classes run in parallel without seeing each other.
/// </summary>
public sealed class TestServers
{
    /// <summary>Where fixtures keep server data; <c>./platform test</c> reaps anything left running there.</summary>
    public const string Root = "/tmp/platform-tests";

    private static readonly Lazy<Task<TestServers>> Instance = new(StartAsync);

    private TestServers(DistributedApplication app, PostgresServerResource postgres, RabbitMqResource rabbitMq)
    {
        App = app;
        Postgres = postgres;
        RabbitMq = rabbitMq;
    }

    public DistributedApplication App { get; }

    public PostgresServerResource Postgres { get; }

    public RabbitMqResource RabbitMq { get; }

    /// <summary>The token settings every service under test is given.</summary>
    public static JwtSettings Jwt { get; } = new() { SigningKey = DevelopmentTokens.NewSigningKey() };

    public static Task<TestServers> GetAsync() => Instance.Value;

    /// <summary>A connection string for a new, empty database (created by the service's migrations).</summary>
    public string NewDatabase(string prefix) => Postgres.ConnectionStringFor($"{prefix}_{Guid.NewGuid():N}");

    public Task<string> NewVirtualHostAsync(string prefix) => RabbitMq.AddVirtualHostAsync($"{prefix}-{Guid.NewGuid():N}", CancellationToken.None);

    private static async Task<TestServers> StartAsync()
    {
        var options = new DistributedApplicationOptions
        {
            DataDirectory = Path.Combine(Root, Guid.NewGuid().ToString("N")),
            DisposableData = true,
            LogSink = (_, _) => { },
        };
        var builder = new DistributedApplicationBuilder(options);
        var postgres = builder.AddPostgres("postgres");
        var rabbitMq = builder.AddRabbitMq("rabbitmq");
        var app = builder.Build();
        await app.StartAsync();
        ProcessReaper.Watch(options.DataDirectory, app.Resources);
        return new TestServers(app, postgres, rabbitMq);
    }
}
