using Platform.AppHost.Hosting;

namespace Platform.AppHost;

/// <summary>The platform's resources and their order: the one declaration that both <c>./platform up</c> and the end-to-end tests start.</summary>
public static class PlatformGraph
{
    public static readonly string[] Services = ["inspections", "commissioners", "contracts", "workforce", "providers"];

    public static DistributedApplicationBuilder Declare(DistributedApplicationOptions options, string? localAuthoritiesCsv = null)
    {
        var builder = new DistributedApplicationBuilder(options);
        var postgres = builder.AddPostgres("postgres");
        var rabbitmq = builder.AddRabbitMq("rabbitmq");

        ProjectResource Service(string name, string project) =>
            builder.AddProject(name, $"services/{project}", project)
                .WithReference(builder.AddDatabase(postgres, name))
                .WithReference(rabbitmq);

        var inspections = Service("inspections", "Inspections");
        var commissioners = Service("commissioners", "Commissioners");
        var contracts = Service("contracts", "Contracts");
        var workforce = Service("workforce", "Workforce");

        // The registry announces the authorities as it starts: the queues of the services that
        // keep a directory of them must exist by then, so it starts after them.
        var providers = Service("providers", "Providers")
            .WithEnvironment("ReferenceData__LocalAuthoritiesPath", localAuthoritiesCsv)
            .WaitFor(inspections, commissioners, contracts, workforce);

        builder.AddProject("gateway", "gateway", "Gateway")
            .WithHttpPort(options.GatewayPort)
            .WithReference(providers)
            .WithReference(inspections)
            .WithReference(commissioners)
            .WithReference(contracts)
            .WithReference(workforce);
        return builder;
    }
}
