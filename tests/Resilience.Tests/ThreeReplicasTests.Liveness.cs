using System.Net;
using Platform.AppHost.Servers;

namespace Platform.Resilience.Tests;

/// <summary>
/// A replica whose receive endpoint cannot take its queue again says it is not alive, and the app host
/// restarts that replica alone, as the cluster's liveness probe restarts one pod: here the broker drops one
/// Integrations replica's connections and refuses its consumer on the event log's queue when it comes back,
/// which neither MassTransit's retries nor the endpoint's restart mend. The other replicas keep consuming.
/// </summary>
public sealed partial class ThreeReplicasTests
{
    private const string EventLogQueue = "integrations-event-log";

    [Fact]
    public async Task A_replica_that_says_it_is_not_alive_is_restarted_alone_and_takes_its_queue_again()
    {
        var instances = Platform.InstancesOf("integrations");
        instances.Count.ShouldBe(3);
        var processes = instances.ToDictionary(instance => instance, Platform.ProcessOf);
        var stuck = instances[0];
        using var probe = new HttpClient { BaseAddress = Platform.AddressOf(stuck), Timeout = TimeSpan.FromSeconds(5) };
        (await ConsumersOfTheEventLogAsync()).ShouldBe(3);

        // The broker applies permissions when a consumer is made: the replicas still connected keep theirs.
        await Platform.BrokerControlAsync("set_permissions", "-p", "/", LocalRabbitMqResource.User, ".*", ".*", $"^(?!{EventLogQueue}$).*");
        try
        {
            await Platform.DropBrokerConnectionsOfAsync(stuck);
            await Eventually.TrueAsync(
                async () => (await probe.GetAsync("/alive")).StatusCode == HttpStatusCode.ServiceUnavailable,
                TimeSpan.FromMinutes(2), "the replica to say it is not alive once its restarted endpoint stays refused");
        }
        finally
        {
            await Platform.BrokerControlAsync("set_permissions", "-p", "/", LocalRabbitMqResource.User, ".*", ".*", ".*");
        }

        await Eventually.TrueAsync(
            () => Task.FromResult(Platform.ProcessOf(stuck) is { } now && now != processes[stuck] && Platform.HealthyInstancesOf("integrations").Contains(stuck)),
            TimeSpan.FromMinutes(2), "the app host to restart the replica");
        foreach (var other in instances.Skip(1))
        {
            Platform.ProcessOf(other).ShouldBe(processes[other], $"{other} said nothing and is left running");
        }

        await Eventually.TrueAsync(async () => await ConsumersOfTheEventLogAsync() == 3, TimeSpan.FromSeconds(60), "the event log's queue consumed by every replica again");
        using var restarted = new HttpClient { BaseAddress = Platform.AddressOf(stuck), Timeout = TimeSpan.FromSeconds(5) };
        (await restarted.GetAsync("/alive")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    private async Task<int> ConsumersOfTheEventLogAsync()
    {
        var queue = (await Platform.BrokerControlAsync("list_queues", "-q", "name", "consumers"))
            .Split('\n').Select(line => line.Split('\t')).FirstOrDefault(columns => columns[0] == EventLogQueue);
        return queue is [_, var consumers] ? int.Parse(consumers, System.Globalization.CultureInfo.InvariantCulture) : 0;
    }
}
