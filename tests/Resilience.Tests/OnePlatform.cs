using System.Net.Http.Json;
using Npgsql;
using Platform.ServiceDefaults.Auth;

namespace Platform.Resilience.Tests;

/// <summary>
/// The whole platform, one instance of each service, with the tests' authorities loaded: the faults of
/// the resilience suite are done to its processes.
/// </summary>
public sealed class OnePlatform : IAsyncLifetime
{
    public static readonly string[] Services = ["inspections", "commissioners", "contracts", "workforce", "providers", "integrations"];

    public RunningPlatform Platform { get; private set; } = null!;

    public IReadOnlyList<Authorities.Authority> Known { get; } = [.. Authorities.London, .. Authorities.Counties];

    public async Task InitializeAsync()
    {
        // MassTransit's receive endpoints say when they fault, retry and connect again: a stalled consumer's story.
        // A receive endpoint without a consumer is restarted after 15 s here (30 s by default): a stall after the
        // broker's kill is mended well within the import tests' patience.
        Platform = await RunningPlatform.StartAsync(settings: new Dictionary<string, string>
        {
            ["Logging:LogLevel:MassTransit"] = "Information",
            ["Messaging:EndpointWatchdog:RestartAfter"] = "00:00:15",
        });
        await Platform.ImportAuthoritiesAsync(Authorities.Csv(Known), [.. Known.Select(authority => authority.Gss)]);
    }

    public async Task DisposeAsync() => await Platform.DisposeAsync();

    /// <summary>What every service's error queues and set-aside outbox rows hold, as the operator's endpoint reports it.</summary>
    public async Task<IReadOnlyDictionary<string, long>> DeadLettersAsync()
    {
        using var operatorClient = Platform.Client(Roles.Operator);
        var totals = new Dictionary<string, long>();
        foreach (var service in Services)
        {
            var report = await operatorClient.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/{service}/operations/dead-letters");
            totals[service] = report.GetProperty("total").GetInt64();
        }

        return totals;
    }
}

/// <summary>The resilience tests run one at a time: a fault done to a platform must not meet another test's.</summary>
[CollectionDefinition(nameof(Faults), DisableParallelization = true)]
public sealed class Faults : ICollectionFixture<OnePlatform>;
