using System.Collections.Concurrent;
using MassTransit;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Platform.ServiceDefaults;

namespace Platform.Messaging;

public sealed class EndpointWatchdogOptions
{
    public const string Section = "Messaging:EndpointWatchdog";

    public TimeSpan CheckEvery { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long a receive endpoint may stay faulted or stopped before it is restarted: well past MassTransit's own
    /// reconnection back-off (at most 30 s between tries), so an endpoint that would come back on its own does.
    /// </summary>
    public TimeSpan RestartAfter { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How long a restart waits for the endpoint to stop before it gives up and reports the process not alive.</summary>
    public TimeSpan StopTimeout { get; set; } = TimeSpan.FromSeconds(30);
}

/// <summary>
/// Restarts a receive endpoint left faulted. MassTransit restarts an endpoint's transport itself when the
/// broker goes and comes back, but that loop can be left waiting for a transport pipe that never returns
/// (MassTransit/MassTransit#2072, #5692): the endpoint then holds no consumer on its queue while the rest
/// of the bus has reconnected, and its events wait on the broker until the process restarts. An endpoint
/// faulted or stopped for longer than <see cref="EndpointWatchdogOptions.RestartAfter"/> while the service runs is stopped and started
/// again, with a new transport. One that does not stop in time cannot be started again in this process:
/// the liveness check (<c>/alive</c>) then reports it, so the orchestrator replaces the process.
/// </summary>
public sealed partial class EndpointWatchdog(
    IBusControl bus, IHostApplicationLifetime lifetime, IOptions<EndpointWatchdogOptions> options, TimeProvider time, ILogger<EndpointWatchdog> logger)
    : PeriodicCheck(time, options.Value.CheckEvery, logger), IHealthCheck
{
    private readonly EndpointWatchdogOptions _options = options.Value;
    // Monotonic timestamps: how long an endpoint has been down is real elapsed time, whatever the service's clock says.
    private readonly Dictionary<Uri, long> _faultedSince = [];
    private readonly ConcurrentDictionary<Uri, string> _stuck = new();

    /// <summary>How many restarts the watchdog has made since the process started.</summary>
    public int Restarts { get; private set; }

    /// <summary>One look at every receive endpoint; returns how many it restarted.</summary>
    public override async Task<int> CheckAsync(CancellationToken cancellationToken)
    {
        if (lifetime.ApplicationStopping.IsCancellationRequested)
        {
            // The bus stops its endpoints on the way down; none of them is to be started again.
            return 0;
        }

        var now = Time.GetTimestamp();
        var restarted = 0;
        var endpoints = bus.CheckHealth().Endpoints;
        foreach (var address in _faultedSince.Keys.Where(address => !endpoints.ContainsKey(address.ToString())).ToList())
        {
            _faultedSince.Remove(address);
        }

        foreach (var endpoint in endpoints.Values)
        {
            var address = endpoint.InputAddress;
            // Faulted, or its transport completed and not started again: either way no consumer on its queue.
            if (endpoint.Status == BusHealthStatus.Healthy || _stuck.ContainsKey(address))
            {
                _faultedSince.Remove(address);
                continue;
            }

            if (!_faultedSince.TryGetValue(address, out var since))
            {
                _faultedSince[address] = now;
                continue;
            }

            var faultedFor = Time.GetElapsedTime(since, now);
            if (faultedFor < _options.RestartAfter)
            {
                continue;
            }

            LogRestarting(logger, address, faultedFor, endpoint.Description);
            if (await RestartAsync(endpoint.ReceiveEndpoint, cancellationToken))
            {
                Restarts++;
                restarted++;
            }
            else
            {
                _stuck[address] = $"{address} did not stop within {_options.StopTimeout} to be restarted ({endpoint.Description})";
                LogStuck(logger, address, _options.StopTimeout);
            }

            // A restarted endpoint gets the whole bound again to come back before the next restart.
            _faultedSince[address] = Time.GetTimestamp();
        }

        return restarted;
    }

    /// <summary>Stops the endpoint within the bound and starts it with a new transport; false when it did not stop.</summary>
    private async Task<bool> RestartAsync(IReceiveEndpoint endpoint, CancellationToken cancellationToken)
    {
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        stopping.CancelAfter(_options.StopTimeout);
        try
        {
            await endpoint.Stop(stopping.Token).WaitAsync(stopping.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }

        // Ready when the broker takes its consumer; a broker still away is waited out by the new transport.
        endpoint.Start(CancellationToken.None);
        return true;
    }

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(_stuck.IsEmpty
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy($"A receive endpoint cannot be restarted in this process: {string.Join("; ", _stuck.Values)}"));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Receive endpoint {Address} has had no consumer for {Faulted}; restarting it. Its state: {Fault}")]
    private static partial void LogRestarting(ILogger logger, Uri address, TimeSpan faulted, string? fault);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Receive endpoint {Address} did not stop within {Timeout} to be restarted; /alive now fails so the process is replaced")]
    private static partial void LogStuck(ILogger logger, Uri address, TimeSpan timeout);
}
