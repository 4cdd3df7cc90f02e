using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Configuration;

namespace Platform.AppHost.Servers;

/// <summary>
/// Where PostgreSQL and RabbitMQ come from, decided here and nowhere else: an existing server when
/// <c>ConnectionStrings__postgres</c> / <c>ConnectionStrings__rabbitmq</c> name one, Aspire's containers when a
/// container engine answers, otherwise private processes from Debian's packages under the data directory.
/// </summary>
public sealed class PlatformServers
{
    private readonly Func<string, IResourceBuilder<IResourceWithConnectionString>> _database;

    private PlatformServers(
        Func<string, IResourceBuilder<IResourceWithConnectionString>> database,
        IResourceBuilder<IResourceWithConnectionString> broker,
        string postgresKind,
        string brokerKind)
    {
        _database = database;
        Broker = broker;
        PostgresKind = postgresKind;
        BrokerKind = brokerKind;
    }

    public IResourceBuilder<IResourceWithConnectionString> Broker { get; }

    /// <summary>How PostgreSQL runs, in words for the console.</summary>
    public string PostgresKind { get; }

    public string BrokerKind { get; }

    /// <summary>A service's own database, named after the service (the resource is <c>{service}-db</c>).</summary>
    public IResourceBuilder<IResourceWithConnectionString> Database(string service) => _database(service);

    public static PlatformServers Add(IDistributedApplicationBuilder builder, PlatformSettings settings)
    {
        var containers = new Lazy<bool>(() => ContainerEngine.Answers(builder.Configuration["ASPIRE_CONTAINER_RUNTIME"]));
        var (database, postgresKind) = AddPostgres(builder, settings, containers);
        var (broker, brokerKind) = AddRabbitMq(builder, settings, containers);
        return new PlatformServers(database, broker, postgresKind, brokerKind);
    }

    private static (Func<string, IResourceBuilder<IResourceWithConnectionString>>, string) AddPostgres(
        IDistributedApplicationBuilder builder, PlatformSettings settings, Lazy<bool> containers)
    {
        if (builder.Configuration.GetConnectionString("postgres") is { Length: > 0 } existing)
        {
            return (service => builder.AddConnectionString($"{service}-db", ReferenceExpression.Create($"{existing};Database={service}")),
                "the existing server of ConnectionStrings__postgres");
        }

        if (containers.Value)
        {
            var container = builder.AddPostgres("postgres");
            if (!settings.DisposableData)
            {
                container.WithDataVolume("platform-postgres");
            }

            return (service => container.AddDatabase($"{service}-db", databaseName: service), "a container");
        }

        if (!LocalPostgresExtensions.IsInstalled)
        {
            throw new InvalidOperationException("PostgreSQL 15 is not installed (/usr/lib/postgresql/15/bin): run ./platform up, or set ConnectionStrings__postgres.");
        }

        var dataDirectory = PostgresDataDirectory.For(settings.DataDirectory!);
        var server = builder.AddLocalPostgres("postgres", dataDirectory, settings.DisposableData, settings.Secrets.DatabasePassword);
        return (service => server.AddDatabase($"{service}-db", databaseName: service), $"a local process, data in {dataDirectory}");
    }

    private static (IResourceBuilder<IResourceWithConnectionString>, string) AddRabbitMq(
        IDistributedApplicationBuilder builder, PlatformSettings settings, Lazy<bool> containers)
    {
        if (builder.Configuration.GetConnectionString("rabbitmq") is { Length: > 0 })
        {
            return (builder.AddConnectionString("rabbitmq"), "the existing broker of ConnectionStrings__rabbitmq");
        }

        if (containers.Value)
        {
            var container = builder.AddRabbitMQ("rabbitmq");
            if (!settings.DisposableData)
            {
                container.WithDataVolume("platform-rabbitmq");
            }

            return (container, "a container");
        }

        if (!LocalRabbitMqExtensions.IsInstalled)
        {
            throw new InvalidOperationException($"RabbitMQ is not installed ({LocalRabbitMqResource.ServerScript}): run ./platform up, or set ConnectionStrings__rabbitmq.");
        }

        var root = Path.Combine(settings.DataDirectory!, "rabbitmq");
        return (builder.AddLocalRabbitMq("rabbitmq", root, settings.Secrets.BrokerPassword), $"a local process, data in {root}");
    }
}
