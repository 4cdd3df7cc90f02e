using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Platform.AppHost.Servers;

namespace Platform.AppHost;

/// <summary>What every service of the platform is given by the app host, so that <c>Program.cs</c> reads as the graph alone.</summary>
public static class PlatformResources
{
    /// <summary>The name Aspire gives its dashboard's resource.</summary>
    public const string DashboardResourceName = "aspire-dashboard";

    /// <summary>The process of an executable or project instance, as the orchestrator reports it.</summary>
    public static int? ProcessId(this CustomResourceSnapshot snapshot) =>
        snapshot.Properties.FirstOrDefault(property => property.Name == "executable.pid")?.Value is { } pid
            ? Convert.ToInt32(pid, System.Globalization.CultureInfo.InvariantCulture)
            : null;

    /// <summary>A service with its own database, the broker, its health gate and the run's replicas.</summary>
    public static IResourceBuilder<ProjectResource> AddService<TProject>(
        this IDistributedApplicationBuilder builder, string name, PlatformServers servers, PlatformSettings settings, IResourceBuilder<ProjectResource> identity)
        where TProject : IProjectMetadata, new()
    {
        var database = servers.Database(name);
        return builder.AddProject<TProject>(name)
            .WithPlatformSettings(settings, identity)
            // One replica answers on its own port; several need Aspire's proxy in front to share one address.
            .WithHttpEndpoint(isProxied: settings.Replicas > 1)
            .WithHttpHealthCheck("/health")
            .WithLivenessRestarts()
            .WithReplicas(settings.Replicas)
            .WithReference(database, connectionName: name).WaitFor(database)
            .WithReference(servers.Broker).WaitFor(servers.Broker);
    }

    /// <summary>
    /// The identity service: its own database, the development secrets, and a fixed port so the command
    /// line and browsers find it. Its address is the issuer every token names.
    /// </summary>
    public static IResourceBuilder<ProjectResource> AddIdentity(this IDistributedApplicationBuilder builder, PlatformServers servers, PlatformSettings settings)
    {
        var database = servers.Database(IdentityResourceName);
        var secrets = settings.Secrets;
        var identity = builder.AddProject<Projects.Identity>(IdentityResourceName)
            .WithHttpEndpoint(port: settings.IdentityPortOrNone, targetPort: settings.Replicas > 1 ? null : settings.IdentityPortOrNone, isProxied: settings.Replicas > 1)
            .WithHttpHealthCheck("/health")
            .WithReplicas(settings.Replicas)
            .WithReference(database, connectionName: IdentityResourceName).WaitFor(database)
            .WithEnvironment("Identity__AllowPasswordGrant", "true")
            .WithEnvironment("Identity__RequireTransportSecurity", "false")
            .WithEnvironment("Identity__OperatorPassword", secrets.OperatorPassword)
            .WithEnvironment("Identity__Keys__Password", secrets.KeyPassword)
            .WithEnvironment("Identity__Dashboard__Secret", secrets.DashboardSecret);
        identity.WithEnvironment("Identity__Issuer", identity.GetEndpoint("http"));
        return identity.WithPlatformSettings(settings, identity);
    }

    public const string IdentityResourceName = "identity";

    /// <summary>
    /// The dashboard signs people in at the identity service: the gateway is its confidential client, the
    /// code returned to the gateway's address under both names loopback has.
    /// </summary>
    public static void WithDashboardClient(this IResourceBuilder<ProjectResource> identity, IResourceBuilder<ProjectResource> gateway, PlatformSettings settings)
    {
        var port = gateway.GetEndpoint("http").Property(EndpointProperty.Port);
        string[] hosts = ["localhost", "127.0.0.1"];
        for (var i = 0; i < hosts.Length; i++)
        {
            identity
                .WithEnvironment($"Identity__Dashboard__RedirectUris__{i}", ReferenceExpression.Create($"http://{hosts[i]}:{port}/signin-oidc"))
                .WithEnvironment($"Identity__Dashboard__PostLogoutRedirectUris__{i}", ReferenceExpression.Create($"http://{hosts[i]}:{port}/signout-callback-oidc"));
        }

        gateway.WithEnvironment("DashboardSignIn__ClientSecret", settings.Secrets.DashboardSecret);
    }

    /// <summary>
    /// The environment, the authority whose tokens are accepted and the run's own settings, for a service or
    /// the gateway.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithPlatformSettings(
        this IResourceBuilder<ProjectResource> project, PlatformSettings settings, IResourceBuilder<ProjectResource> identity)
    {
        var environment = settings.ServiceEnvironment ?? project.ApplicationBuilder.Environment.EnvironmentName;
        return project
            .WithEnvironment("Authentication__Authority", identity.GetEndpoint("http"))
            .WithEnvironment(context =>
        {
            context.EnvironmentVariables["ASPNETCORE_ENVIRONMENT"] = environment;
            context.EnvironmentVariables["DOTNET_ENVIRONMENT"] = environment;
            // Everything runs on loopback here; the identity service's discovery document comes over plain HTTP.
            context.EnvironmentVariables["Authentication__RequireHttpsMetadata"] = "false";
            // Here every replica of every service shares a few cores: a heap per core and spinning thread-pool
            // workers in each of twenty processes only take turns away from the others.
            context.EnvironmentVariables["DOTNET_gcServer"] = "0";
            context.EnvironmentVariables["DOTNET_ThreadPool_UnfairSemaphoreSpinLimit"] = "0";
            if (environment != "Production")
            {
                // Instrumented tiers pay off only in a long steady state: tests and ./platform up start twenty
                // processes on two cores and are over before it comes. Benchmarks (Production) measure the
                // services as they run deployed, with the runtime's default (dynamic PGO on).
                context.EnvironmentVariables["DOTNET_TieredPGO"] = "0";
            }
            foreach (var (key, value) in settings.ServiceSettings)
            {
                context.EnvironmentVariables[key.Replace(":", "__", StringComparison.Ordinal)] = value;
            }

            // Without the dashboard (tests, benchmarks) nothing receives telemetry: exporting to an absent
            // endpoint would only hold every stop for the exporter's timeout.
            var model = context.ExecutionContext.Services.GetRequiredService<DistributedApplicationModel>();
            if (!model.Resources.Any(resource => resource.Name == DashboardResourceName))
            {
                context.EnvironmentVariables.Remove("OTEL_EXPORTER_OTLP_ENDPOINT");
            }
            else
            {
                // The dashboard stops first; a short export timeout keeps a service's last flush from holding its stop.
                context.EnvironmentVariables["OTEL_EXPORTER_OTLP_TIMEOUT"] = "1000";
            }
        });
    }

    /// <summary>
    /// Nothing the app host runs reports usage or checks for updates outside this machine, and a stop
    /// waits until every resource has stopped.
    /// </summary>
    public static IDistributedApplicationBuilder KeepEverythingOnThisMachine(this IDistributedApplicationBuilder builder)
    {
        builder.Configuration["ASPIRE_VERSION_CHECK_DISABLED"] = "true";
        builder.Configuration["ASPIRE_DASHBOARD_TELEMETRY_OPTOUT"] = "true";
        builder.Configuration["DOTNET_CLI_TELEMETRY_OPTOUT"] = "true";
        // A stop returns once every resource has stopped, so nothing of ours outlives the app host.
        builder.Configuration["DcpPublisher:WaitForResourceCleanup"] = "true";
        return builder;
    }
}
