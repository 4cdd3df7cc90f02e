using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using RabbitMQ.Client;

namespace Platform.AppHost.Servers;

/// <summary>
/// A private RabbitMQ node from Debian's packages, run by the app host as a process: its own node name,
/// data, ports and <c>epmd</c> (started and stopped by the node's script, so that none outlives the app host).
/// </summary>
public sealed class LocalRabbitMqResource(string name, string script, string root, string password)
    : ExecutableResource(name, script, root), IResourceWithConnectionString
{
    /// <summary>The node's only user, made when the node first starts (no <c>guest</c>).</summary>
    public const string User = "platform";

    public const string ServerScript = "/usr/lib/rabbitmq/bin/rabbitmq-server";
    public const string ControlScript = "/usr/lib/rabbitmq/bin/rabbitmqctl";
    public const string NodeName = "platform@localhost";
    public const string AmqpEndpointName = "amqp";

    /// <summary>The node's folder: data, logs, the Erlang cookie (under <c>home</c>) and <c>epmd.port</c>, which <c>rabbitmqctl</c> needs.</summary>
    public string Root => WorkingDirectory;

    public EndpointReference Amqp => new(this, AmqpEndpointName);

    public ReferenceExpression ConnectionStringExpression => ReferenceExpression.Create(
        $"amqp://{User}:{Uri.EscapeDataString(password)}@{Amqp.Property(EndpointProperty.IPV4Host)}:{Amqp.Property(EndpointProperty.Port)}/");

    /// <summary>What <c>rabbitmqctl</c> needs to reach the node: its cookie and its epmd.</summary>
    public static Dictionary<string, string> ControlEnvironment(string root) => new()
    {
        ["HOME"] = Path.Combine(root, "home"),
        ["ERL_EPMD_PORT"] = File.ReadAllText(Path.Combine(root, "epmd.port")).Trim(),
    };
}

public static class LocalRabbitMqExtensions
{
    public static bool IsInstalled => File.Exists(LocalRabbitMqResource.ServerScript);

    public static IResourceBuilder<LocalRabbitMqResource> AddLocalRabbitMq(this IDistributedApplicationBuilder builder, string name, string root, string password)
    {
        var home = Path.Combine(root, "home");
        Directory.CreateDirectory(home);
        Directory.CreateDirectory(Path.Combine(root, "log"));
        var pluginsFile = Path.Combine(root, "enabled_plugins");
        if (!File.Exists(pluginsFile))
        {
            File.WriteAllText(pluginsFile, "[].");
        }

        WriteConfiguration(Path.Combine(root, "rabbitmq.conf"), password);
        var node = new LocalRabbitMqResource(name, Path.Combine(AppContext.BaseDirectory, "Servers", "rabbitmq.sh"), root, password);
        var healthCheck = $"{name}-accepts-connections";
        builder.Services.AddHealthChecks().AddAsyncCheck(healthCheck, async cancellationToken =>
        {
            try
            {
                var factory = new ConnectionFactory { Uri = new Uri((await node.ConnectionStringExpression.GetValueAsync(cancellationToken))!) };
                await using var connection = await factory.CreateConnectionAsync(cancellationToken);
                return HealthCheckResult.Healthy();
            }
            catch (Exception exception) when (exception is RabbitMQ.Client.Exceptions.BrokerUnreachableException or IOException or OperationCanceledException)
            {
                return HealthCheckResult.Unhealthy(exception.Message);
            }
        });

        return builder.AddResource(node)
            .WithArgs(root)
            // Clients connect to the node itself: Aspire's proxy would add a hop to every message.
            .WithEndpoint(name: LocalRabbitMqResource.AmqpEndpointName, scheme: "tcp", env: "RABBITMQ_NODE_PORT", isProxied: false)
            .WithEndpoint(name: "distribution", scheme: "tcp", env: "RABBITMQ_DIST_PORT", isProxied: false)
            .WithEndpoint(name: "epmd", scheme: "tcp", env: "ERL_EPMD_PORT", isProxied: false)
            .WithEnvironment(context =>
            {
                context.EnvironmentVariables["HOME"] = home;
                // The node's name stays the same between runs: RabbitMQ keeps its data per node name.
                context.EnvironmentVariables["RABBITMQ_NODENAME"] = LocalRabbitMqResource.NodeName;
                context.EnvironmentVariables["RABBITMQ_NODE_IP_ADDRESS"] = "127.0.0.1";
                context.EnvironmentVariables["RABBITMQ_MNESIA_BASE"] = Path.Combine(root, "mnesia");
                context.EnvironmentVariables["RABBITMQ_LOG_BASE"] = Path.Combine(root, "log");
                context.EnvironmentVariables["RABBITMQ_LOGS"] = "-";
                context.EnvironmentVariables["RABBITMQ_ENABLED_PLUGINS_FILE"] = pluginsFile;
                context.EnvironmentVariables["RABBITMQ_PID_FILE"] = Path.Combine(root, "rabbitmq.pid");
                context.EnvironmentVariables["RABBITMQ_CONFIG_FILE"] = Path.Combine(root, "rabbitmq");
                context.EnvironmentVariables["RABBITMQ_CONF_ENV_FILE"] = Path.Combine(root, "rabbitmq-env.conf");
                // The Erlang VM runs in the foreground (no wrapper of RabbitMQ's own) and uses the script's epmd.
                context.EnvironmentVariables["RUNNING_UNDER_SYSTEMD"] = "true";
                context.EnvironmentVariables["RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS"] = "-start_epmd false -kernel inet_dist_use_interface {127,0,0,1}";
            })
            .WithHealthCheck(healthCheck)
            .WithIconName("Mail");
    }

    /// <summary>
    /// The node's configuration, readable by its owner only: its one user with the run's password, made
    /// when the node first starts (a node made before keeps the users it has).
    /// </summary>
    private static void WriteConfiguration(string file, string password)
    {
        OwnerOnlyFile.Write(file, $"default_user = {LocalRabbitMqResource.User}\ndefault_pass = {password}\n", FileMode.Create);
    }
}
