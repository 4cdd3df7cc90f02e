using Platform.AppHost.Servers;

namespace Platform.AppHost;

public static class Program
{
    public static int Main(string[] args)
    {
        if (args is ["token", .. var tokenArguments])
        {
            return TokenCommand.Run(tokenArguments);
        }

        var builder = DistributedApplication.CreateBuilder(args);
        builder.KeepEverythingOnThisMachine();
        builder.StopServicesBeforeServers();
        var settings = PlatformSettings.From(builder.Configuration, builder.AppHostDirectory);
        var servers = PlatformServers.Add(builder, settings);

        var identity = builder.AddIdentity(servers, settings);
        var inspections = builder.AddService<Projects.Inspections>("inspections", servers, settings, identity);
        var commissioners = builder.AddService<Projects.Commissioners>("commissioners", servers, settings, identity);
        var contracts = builder.AddService<Projects.Contracts>("contracts", servers, settings, identity);
        var workforce = builder.AddService<Projects.Workforce>("workforce", servers, settings, identity);
        // Development and tests run subscribers on this machine, over plain http: loopback targets are allowed here only.
        var integrations = builder.AddService<Projects.Integrations>("integrations", servers, settings, identity)
            .WithEnvironment("Integrations__Webhooks__AllowLoopback", "true")
            .WithEnvironment("Integrations__Webhooks__RequireHttps", "false");

        // The registry announces the authorities as it starts: the queues of the services that keep a
        // directory of them, and the event log's, must exist by then, so it starts after them.
        var providers = builder.AddService<Projects.Providers>("providers", servers, settings, identity)
            .WithEnvironment("ReferenceData__LocalAuthoritiesPath", settings.LocalAuthorities)
            .WithEnvironment("ReferenceData__LocalAuthorityChangesPath", settings.LocalAuthorityChanges)
            .WaitFor(inspections)
            .WaitFor(commissioners)
            .WaitFor(contracts)
            .WaitFor(workforce)
            .WaitFor(integrations);

        // The gateway starts alongside the services, not after them: it answers 503 for a service that is
        // not up yet, as it does for one that stops later.
        var gateway = builder.AddProject<Projects.Gateway>("gateway")
            .WithPlatformSettings(settings, identity)
            .WithHttpEndpoint(port: settings.GatewayPortOrNone, targetPort: settings.GatewayPortOrNone, isProxied: false)
            .WithExternalHttpEndpoints()
            .WithHttpHealthCheck("/health")
            .WithReference(identity)
            .WithReference(providers)
            .WithReference(inspections)
            .WithReference(commissioners)
            .WithReference(contracts)
            .WithReference(workforce)
            .WithReference(integrations);

        identity.WithDashboardClient(gateway, settings);
        PlatformConsole.Follow(builder, gateway, servers, settings);
        builder.Build().Run();
        return 0;
    }
}
