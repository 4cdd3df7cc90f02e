using System.Net;
using Platform.AppHost.Servers;
using Xunit.Abstractions;

namespace Platform.Resilience.Tests;

/// <summary>
/// A service whose receive endpoint cannot take its queue again says it is not alive, and the app host
/// restarts it, as the cluster's liveness probe would: here the broker refuses Integrations' consumer on
/// the event log's queue after dropping every connection, which neither MassTransit's retries nor the
/// endpoint's restart mend.
/// </summary>
[Collection(nameof(Faults))]
public sealed class LivenessTests(OnePlatform fixture, ITestOutputHelper output)
{
    private const string EventLogQueue = "integrations-event-log";

    private RunningPlatform Platform => fixture.Platform;

    [Fact]
    public async Task A_service_that_says_it_is_not_alive_is_restarted_by_the_app_host_and_takes_its_queue_again()
    {
        var instance = Platform.InstancesOf("integrations").Single();
        var before = Platform.ProcessOf(instance);
        before.ShouldNotBeNull();
        using var probe = new HttpClient { BaseAddress = Platform.UrlOf("integrations"), Timeout = TimeSpan.FromSeconds(5) };

        await Platform.BrokerControlAsync("set_permissions", "-p", "/", LocalRabbitMqResource.User, ".*", ".*", $"^(?!{EventLogQueue}$).*");
        try
        {
            await Platform.BrokerControlAsync("close_all_connections", "-p", "/", "dropped by the test");
            await Eventually.TrueAsync(
                async () => (await probe.GetAsync("/alive")).StatusCode == HttpStatusCode.ServiceUnavailable,
                TimeSpan.FromMinutes(2), "Integrations to say it is not alive once its restarted endpoint stays refused");
        }
        finally
        {
            await Platform.BrokerControlAsync("set_permissions", "-p", "/", LocalRabbitMqResource.User, ".*", ".*", ".*");
        }

        var saidAt = DateTimeOffset.UtcNow;
        await Eventually.TrueAsync(
            () => Task.FromResult(Platform.ProcessOf(instance) is { } now && now != before && Platform.HealthyInstancesOf("integrations").Contains(instance)),
            TimeSpan.FromMinutes(2), "the app host to restart Integrations");
        output.WriteLine($"Integrations restarted {(DateTimeOffset.UtcNow - saidAt).TotalSeconds:0} s after it said it was not alive");

        (await probe.GetAsync("/alive")).StatusCode.ShouldBe(HttpStatusCode.OK);
        await Eventually.TrueAsync(async () =>
            {
                var consumers = (await Platform.BrokerControlAsync("list_queues", "name", "consumers"))
                    .Split('\n').Select(line => line.Split('\t')).FirstOrDefault(columns => columns[0] == EventLogQueue);
                return consumers is [_, "1"];
            },
            TimeSpan.FromSeconds(60), "the event log's queue consumed again");

        // And served through the gateway again (it rests a destination that failed for a few seconds), as the next test expects.
        using var anonymous = Platform.Client();
        await Eventually.TrueAsync(async () => (await anonymous.GetAsync("/asyncapi.json")).IsSuccessStatusCode, TimeSpan.FromSeconds(60), "Integrations through the gateway");
    }
}
