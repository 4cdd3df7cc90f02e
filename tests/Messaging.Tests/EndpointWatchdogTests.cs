using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Platform.Messaging.Events;
using Platform.Testing.Probe;

namespace Platform.Messaging.Tests;

/// <summary>
/// A receive endpoint left without a consumer after the broker dropped it, while the rest of the bus is back:
/// the watchdog restarts it, or, when it cannot be stopped, fails the liveness check so the process is
/// replaced; and a broker away, an outage MassTransit waits out, is neither. One test stops the broker, so
/// the class runs with the other broker outages, alone.
/// </summary>
[Collection(nameof(BrokerOutages))]
public sealed class EndpointWatchdogTests : IAsyncLifetime
{
    private static readonly TimeSpan RestartAfter = TimeSpan.FromSeconds(3);

    private readonly Deliveries _deliveries = new();
    private readonly TransportStall _stall = new();
    private TestServers _servers = null!;
    private string _broker = "";
    private IHost _host = null!;

    public async Task InitializeAsync()
    {
        _servers = await TestServers.GetAsync();
        _broker = await _servers.NewVirtualHostAsync("watchdog");
        _host = await ProbeHost.StartAsync(_servers.NewDatabase("watchdog"), _broker, _deliveries, channelFilter: _stall, settings: new Dictionary<string, string?>
        {
            [$"{EndpointWatchdogOptions.Section}:CheckEvery"] = "00:00:00.250",
            [$"{EndpointWatchdogOptions.Section}:RestartAfter"] = RestartAfter.ToString(),
            [$"{EndpointWatchdogOptions.Section}:StopTimeout"] = "00:00:03",
        });
    }

    public async Task DisposeAsync()
    {
        // An endpoint that hangs may keep the bus from stopping; the host goes with the test process.
        using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await _host.StopAsync(stopping.Token).WaitAsync(TimeSpan.FromSeconds(15)).ContinueWith(_ => { }, TaskScheduler.Default);
        _host.Dispose();
    }

    [Fact]
    public async Task An_endpoint_whose_restart_loop_ended_after_the_broker_dropped_it_is_restarted_and_takes_its_queue_again()
    {
        var before = await AppliedAsync("before the drop");

        _stall.ArmToEnd();
        await DropConnectionsAsync();
        var watchdog = _host.Services.GetRequiredService<EndpointWatchdog>();
        watchdog.Restarts.ShouldBe(0);

        // Sent while the endpoint has no consumer: the bus's connection is back (the relay publishes), its consumer is not.
        var after = ProbeHost.NewEvent("after the drop");
        await WriteAsync(after);
        await Task.Delay(RestartAfter / 2);
        _deliveries.Applied.ContainsKey(after.EventId).ShouldBeFalse("the endpoint has no consumer until it is restarted");
        _host.Services.GetRequiredService<IBusControl>().CheckHealth().Status.ShouldNotBe(BusHealthStatus.Healthy);

        await Eventually.TrueAsync(() => Task.FromResult(_deliveries.Applied.ContainsKey(after.EventId)), TimeSpan.FromSeconds(30), "the event after the drop, once the endpoint is restarted");
        watchdog.Restarts.ShouldBe(1);
        _deliveries.Seen(before.EventId).ShouldBe(1);
        _deliveries.Seen(after.EventId).ShouldBe(1);
        await _host.Services.GetRequiredService<IBusControl>().WaitForHealthStatus(BusHealthStatus.Healthy, TimeSpan.FromSeconds(30));
        (await LivenessAsync()).Status.ShouldBe(HealthStatus.Healthy);
    }

    [Fact]
    public async Task An_endpoint_whose_transport_hangs_and_will_not_stop_fails_the_liveness_check_naming_it()
    {
        await AppliedAsync("before the drop");
        (await LivenessAsync()).Status.ShouldBe(HealthStatus.Healthy);

        _stall.ArmToHang();
        await DropConnectionsAsync();

        var failing = await NotAliveAsync("the liveness check to fail once the restart cannot stop the endpoint");
        failing.Entries["receive-endpoints"].Description!.ShouldContain("probe-probe");
        _host.Services.GetRequiredService<EndpointWatchdog>().Restarts.ShouldBe(0);
    }

    [Fact]
    public async Task An_endpoint_still_without_a_consumer_after_its_restart_fails_the_liveness_check_naming_it()
    {
        await AppliedAsync("before the drop");

        _stall.ArmToEndEveryTime();
        await DropConnectionsAsync();

        var failing = await NotAliveAsync("the liveness check to fail once the restarted endpoint stays down");
        failing.Entries["receive-endpoints"].Description!.ShouldContain("probe-probe");
        failing.Entries["receive-endpoints"].Description!.ShouldContain("since it was restarted");
        _host.Services.GetRequiredService<EndpointWatchdog>().Restarts.ShouldBe(1, "restarted once, then left to the orchestrator");
    }

    [Fact]
    public async Task A_broker_away_for_longer_than_the_bound_restarts_nothing_and_fails_no_check()
    {
        await AppliedAsync("before the outage");
        var watchdog = _host.Services.GetRequiredService<EndpointWatchdog>();

        await _servers.StopBrokerAsync();
        try
        {
            await Eventually.TrueAsync(
                () => Task.FromResult(_host.Services.GetRequiredService<IBusControl>().CheckHealth().Status != BusHealthStatus.Healthy),
                TimeSpan.FromSeconds(30), "the bus to notice the broker is gone");
            await Task.Delay(RestartAfter * 3);
            watchdog.Restarts.ShouldBe(0, "the endpoints were down only while the broker was");
            (await LivenessAsync()).Status.ShouldBe(HealthStatus.Healthy);
        }
        finally
        {
            await _servers.StartBrokerAsync();
        }

        await AppliedAsync("after the outage");
    }

    private async Task<ContractDrafted> AppliedAsync(string note)
    {
        var integrationEvent = ProbeHost.NewEvent(note);
        await WriteAsync(integrationEvent);
        await Eventually.TrueAsync(() => Task.FromResult(_deliveries.Applied.ContainsKey(integrationEvent.EventId)), TimeSpan.FromSeconds(30), $"the event {note}");
        return integrationEvent;
    }

    /// <summary>The broker drops this test's connections and the armed stall catches the endpoint's next channel.</summary>
    private async Task DropConnectionsAsync()
    {
        await _servers.CloseConnectionsAsync(_broker);
        await _stall.Caught.Task.WaitAsync(TimeSpan.FromSeconds(60));
    }

    private Task<HealthReport> NotAliveAsync(string because) =>
        Eventually.ReturnsAsync(async () => await LivenessAsync() is { Status: HealthStatus.Unhealthy } report ? report : null, TimeSpan.FromSeconds(30), because);

    private Task<HealthReport> LivenessAsync() =>
        _host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(check => check.Tags.Contains(Platform.ServiceDefaults.Extensions.LiveTag));

    private Task WriteAsync(ContractDrafted integrationEvent) => _host.WriteAsync(async db =>
    {
        db.AddEvent(integrationEvent);
        await db.SaveChangesAsync();
    });
}
