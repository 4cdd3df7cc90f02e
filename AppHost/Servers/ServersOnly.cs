using System.Runtime.CompilerServices;

namespace Platform.AppHost.Servers;

/// <summary>
/// PostgreSQL and RabbitMQ alone, as the app host runs them, for tests that run one service in-process.
/// Aspire's testing builder finds its app host by the assembly that creates it, so the builder is created
/// here, inside the app host's assembly, by the factory the caller passes.
/// </summary>
public static class ServersOnly
{
    public const string Postgres = "postgres";
    public const string RabbitMq = "rabbitmq";

    [MethodImpl(MethodImplOptions.NoInlining)]
    public static TBuilder Declare<TBuilder>(Func<TBuilder> createBuilder, string dataDirectory)
        where TBuilder : IDistributedApplicationBuilder
    {
        var builder = createBuilder();
        var secrets = DevelopmentSecrets.LoadOrCreate(dataDirectory);
        builder.AddLocalPostgres(Postgres, Path.Combine(dataDirectory, "postgres"), disposable: true, secrets.DatabasePassword);
        builder.AddLocalRabbitMq(RabbitMq, RabbitMqRoot(dataDirectory), secrets.BrokerPassword);
        return builder;
    }

    public static string RabbitMqRoot(string dataDirectory) => Path.Combine(dataDirectory, "rabbitmq");
}
