using Npgsql;

namespace Platform.AppHost.Hosting;

/// <summary>
/// PostgreSQL: a private cluster under the data directory (<c>initdb</c> once, then <c>postgres</c> in
/// the foreground), or an existing server given by connection string. PostgreSQL refuses to run as
/// root, so as root the cluster belongs to and runs as the <c>postgres</c> user.
/// </summary>
public sealed class PostgresServerResource(string name) : Resource(name)
{
    private const string BinDirectory = "/usr/lib/postgresql/15/bin";
    private const string User = "platform";
    private ChildProcess? _process;
    private int _port;
    private string? _external;

    public string AdminConnectionString => _external is not null
        ? _external
        : new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = _port, Username = User, Database = "postgres", Pooling = false }.ConnectionString;

    public override IReadOnlyList<int> ProcessIds => _process is null ? [] : [_process.Pid];

    public override IReadOnlyList<int> Ports => _process is null ? [] : [_port];

    public PostgresDatabaseResource AddDatabase(string databaseName) => new PostgresDatabaseResource(databaseName, this).WaitFor(this);

    public string ConnectionStringFor(string database) =>
        new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = database, Pooling = true }.ConnectionString;

    public override async Task StartAsync(HostingContext context, CancellationToken cancellationToken)
    {
        if (context.Options.ExternalPostgres is { } external)
        {
            _external = external;
            context.Info(Name, "using the server given by ConnectionStrings__postgres");
            await WaitUntilAcceptingQueriesAsync(context.Options.StartTimeout, cancellationToken);
            return;
        }

        var dataDirectory = Path.Combine(context.DataDirectory, "postgres");
        if (!File.Exists(Path.Combine(dataDirectory, "PG_VERSION")))
        {
            await InitialiseAsync(dataDirectory, context, cancellationToken);
        }

        File.Delete(Path.Combine(dataDirectory, "postmaster.pid.stale"));
        _port = PortAllocator.FreePort();
        var arguments = new List<string>
        {
            "-D", dataDirectory, "-p", _port.ToString(), "-k", "", "-c", "listen_addresses=127.0.0.1",
            "-c", "max_connections=300",
        };
        if (context.Options.DisposableData)
        {
            arguments.AddRange(["-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"]);
        }

        var (fileName, fullArguments) = AsClusterOwner(Path.Combine(BinDirectory, "postgres"), arguments);
        // SIGINT is PostgreSQL's "fast" shutdown: it does not wait for clients to disconnect.
        _process = ChildProcess.Start(fileName, fullArguments, new Dictionary<string, string?>(), dataDirectory, context.LogFor(Name), Posix.SigInt);
        await WaitUntilAcceptingQueriesAsync(context.Options.StartTimeout, cancellationToken);
    }

    private async Task InitialiseAsync(string dataDirectory, HostingContext context, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(dataDirectory);
        if (Posix.IsRoot)
        {
            await RunAsync("chown", ["-R", "postgres:postgres", dataDirectory], context, cancellationToken);
        }

        var (fileName, arguments) = AsClusterOwner(
            Path.Combine(BinDirectory, "initdb"),
            ["-D", dataDirectory, "-U", User, "--auth=trust", "-E", "UTF8", "--locale=C", "--no-sync"]);
        await RunAsync(fileName, arguments, context, cancellationToken);
    }

    private static (string FileName, IReadOnlyList<string> Arguments) AsClusterOwner(string program, IReadOnlyList<string> arguments) =>
        Posix.IsRoot ? ("runuser", ["-u", "postgres", "--", program, .. arguments]) : (program, arguments);

    private async Task RunAsync(string fileName, IReadOnlyList<string> arguments, HostingContext context, CancellationToken cancellationToken)
    {
        var process = ChildProcess.Start(fileName, arguments, new Dictionary<string, string?>(), context.DataDirectory, context.LogFor(Name));
        await process.WaitForExitAsync(cancellationToken);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{fileName} {string.Join(' ', arguments)} failed ({process.ExitCode}):{Environment.NewLine}{process.RecentOutput}");
        }
    }

    private async Task WaitUntilAcceptingQueriesAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (_process is { HasExited: true })
            {
                throw new InvalidOperationException($"PostgreSQL exited while starting:{Environment.NewLine}{_process.RecentOutput}");
            }

            try
            {
                await using var connection = new NpgsqlConnection(AdminConnectionString);
                await connection.OpenAsync(cancellationToken);
                await using var command = new NpgsqlCommand("SELECT 1", connection);
                await command.ExecuteScalarAsync(cancellationToken);
                return;
            }
            catch (Exception exception) when (exception is NpgsqlException or InvalidOperationException && DateTime.UtcNow < deadline)
            {
                await Task.Delay(100, cancellationToken);
            }
        }
    }

    public override async Task StopAsync()
    {
        if (_process is not null)
        {
            await _process.StopAsync(TimeSpan.FromSeconds(20));
        }
    }
}

/// <summary>One service's database on a PostgreSQL server; created by the service's migrations.</summary>
public sealed class PostgresDatabaseResource(string databaseName, PostgresServerResource server)
    : Resource($"{databaseName}-db"), IResourceWithConnectionString
{
    public string DatabaseName { get; } = databaseName;

    public string ConnectionName => DatabaseName;

    public string ConnectionString => server.ConnectionStringFor(DatabaseName);

    /// <summary>Creates the (empty) database if it is missing, as Aspire's AddDatabase does; the service's migrations fill it.</summary>
    public override async Task StartAsync(HostingContext context, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(server.AdminConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = $1", connection) { Parameters = { new() { Value = DatabaseName } } };
        if (await exists.ExecuteScalarAsync(cancellationToken) is null)
        {
            var quoted = "\"" + DatabaseName.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
            await using var create = new NpgsqlCommand($"CREATE DATABASE {quoted}", connection);
            await create.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    public override Task StopAsync() => Task.CompletedTask;
}
