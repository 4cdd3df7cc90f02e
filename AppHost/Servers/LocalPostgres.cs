using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace Platform.AppHost.Servers;

/// <summary>PostgreSQL 15 from Debian's packages, run by the app host as a process (no container engine needed).</summary>
public sealed class LocalPostgresResource(string name, string script, string workingDirectory, string password)
    : ExecutableResource(name, script, workingDirectory), IResourceWithConnectionString
{
    public const string EndpointName = "tcp";
    public const string User = "platform";

    public EndpointReference Endpoint => new(this, EndpointName);

    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create(
        $"Host={Endpoint.Property(EndpointProperty.IPV4Host)};Port={Endpoint.Property(EndpointProperty.Port)};Username={User};Password={password}");

    /// <summary>The cluster's owner signs in with a password (SCRAM), never by trust.</summary>
    public string Password => password;

    internal List<LocalPostgresDatabaseResource> Databases { get; } = [];
}

/// <summary>One service's database on a <see cref="LocalPostgresResource"/>; created once the server is ready, filled by the service's migrations.</summary>
public sealed class LocalPostgresDatabaseResource(string name, string databaseName, LocalPostgresResource parent)
    : Resource(name), IResourceWithParent<LocalPostgresResource>, IResourceWithConnectionString
{
    public LocalPostgresResource Parent => parent;

    public string DatabaseName => databaseName;

    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create($"{parent};Database={DatabaseName}");
}

public static class LocalPostgresExtensions
{
    private const string PostgresBinaries = "/usr/lib/postgresql/15/bin";

    public static bool IsInstalled => File.Exists(Path.Combine(PostgresBinaries, "postgres"));

    /// <summary>
    /// A private cluster in <paramref name="dataDirectory"/> (created on first use, kept between runs), on a
    /// port Aspire picks, its owner signing in with <paramref name="password"/>. <paramref name="disposable"/> data
    /// trades durability for speed, as tests want.
    /// </summary>
    public static IResourceBuilder<LocalPostgresResource> AddLocalPostgres(
        this IDistributedApplicationBuilder builder, string name, string dataDirectory, bool disposable, string password)
    {
        var script = Path.Combine(AppContext.BaseDirectory, "Servers", "postgres.sh");
        var server = new LocalPostgresResource(name, script, Path.GetDirectoryName(dataDirectory)!, password);
        var healthCheck = $"{name}-accepts-queries";
        builder.Services.AddHealthChecks().AddAsyncCheck(healthCheck, cancellationToken =>
            AnswersAsync(server.ConnectionStringExpression, "postgres", cancellationToken));

        // A database has no process of its own: it runs once it exists, and its health check says it answers.
        builder.Eventing.Subscribe<ResourceReadyEvent>(server, async (ready, cancellationToken) =>
        {
            var notifications = ready.Services.GetRequiredService<ResourceNotificationService>();
            foreach (var database in server.Databases)
            {
                await CreateDatabaseAsync(server, database.DatabaseName, cancellationToken);
                await notifications.PublishUpdateAsync(database, state => state with
                {
                    State = KnownResourceStates.Running,
                    StartTimeStamp = DateTime.UtcNow,
                });
            }
        });

        return builder.AddResource(server)
            .WithArgs(dataDirectory)
            .WithArgs(disposable ? ["-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off"] : [])
            // Clients connect to the server itself: Aspire's proxy would add a hop to every query.
            .WithEndpoint(name: LocalPostgresResource.EndpointName, scheme: "tcp", env: "PGPORT", isProxied: false)
            // Read by the script when it creates the cluster, and nowhere else.
            .WithEnvironment("PLATFORM_POSTGRES_PASSWORD", password)
            .WithHealthCheck(healthCheck)
            .WithIconName("DatabaseMultiple");
    }

    public static IResourceBuilder<LocalPostgresDatabaseResource> AddDatabase(this IResourceBuilder<LocalPostgresResource> server, string name, string databaseName)
    {
        var database = new LocalPostgresDatabaseResource(name, databaseName, server.Resource);
        server.Resource.Databases.Add(database);
        var healthCheck = $"{name}-database-accepts-queries";
        server.ApplicationBuilder.Services.AddHealthChecks().AddAsyncCheck(healthCheck, cancellationToken =>
            AnswersAsync(server.Resource.ConnectionStringExpression, database.DatabaseName, cancellationToken));
        return server.ApplicationBuilder.AddResource(database).WithHealthCheck(healthCheck);
    }

    private static async Task<HealthCheckResult> AnswersAsync(ReferenceExpression server, string database, CancellationToken cancellationToken)
    {
        try
        {
            var connectionString = new NpgsqlConnectionStringBuilder(await server.GetValueAsync(cancellationToken)) { Database = database, Pooling = false };
            await using var connection = new NpgsqlConnection(connectionString.ConnectionString);
            await connection.OpenAsync(cancellationToken);
            await using var command = new NpgsqlCommand("SELECT 1", connection);
            await command.ExecuteScalarAsync(cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception exception) when (exception is NpgsqlException or InvalidOperationException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy(exception.Message);
        }
    }

    private static async Task CreateDatabaseAsync(LocalPostgresResource server, string database, CancellationToken cancellationToken)
    {
        var connectionString = new NpgsqlConnectionStringBuilder(await server.ConnectionStringExpression.GetValueAsync(cancellationToken))
        {
            Database = "postgres",
            Pooling = false,
        };
        await using var connection = new NpgsqlConnection(connectionString.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = $1", connection) { Parameters = { new() { Value = database } } };
        if (await exists.ExecuteScalarAsync(cancellationToken) is null)
        {
            var quoted = "\"" + database.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
            await using var create = new NpgsqlCommand($"CREATE DATABASE {quoted}", connection);
            await create.ExecuteNonQueryAsync(cancellationToken);
        }
    }
}
