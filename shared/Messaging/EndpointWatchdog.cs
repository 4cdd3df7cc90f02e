using System.Collections.Concurrent;
using System.Net.Sockets;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Platform.ServiceDefaults;

namespace Platform.Messaging;

public sealed class EndpointWatchdogOptions
{
    public const string Section = "Messaging:EndpointWatchdog";

    public TimeSpan CheckEvery { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long a receive endpoint may stay faulted or stopped before it is restarted, and then how long it
    /// has to come back before the process is declared not alive. MassTransit's own reconnection tries at
    /// most 30 s apart, so an endpoint that would come back on its own mostly has; one restarted needlessly
    /// only reconnects sooner.
    /// </summary>
    public TimeSpan RestartAfter { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a restart waits for the endpoint to stop before it gives up and reports the process not alive.</summary>
    public TimeSpan StopTimeout { get; set; } = TimeSpan.FromSeconds(30);
}

/// <summary>
/// Restarts a receive endpoint left without a consumer. MassTransit restarts an endpoint's transport itself
/// when the broker goes and comes back, but not always (MassTransit/MassTransit#2072, #5692): its restart
/// loop ends for good when a cancellation escapes the transport's pipe, or the endpoint retries for ever
/// on a connection the broker closed ("Already closed: Connection reset by peer"), its connection
/// supervisor not having replaced it. The queue then has no consumer while the rest of the bus is back.
/// An endpoint faulted or stopped for longer than <see cref="EndpointWatchdogOptions.RestartAfter"/> while
/// the service runs and the broker answers is stopped and started again with a new transport. One that does not stop in time, or
/// is still down a whole bound after its restart, is beyond mending in this process: the liveness check
/// (<c>/alive</c>) then fails, naming it, so the orchestrator (Kubernetes, or the app host locally)
/// replaces the process.
/// </summary>
public sealed partial class EndpointWatchdog(
    IBusControl bus, IConfiguration configuration, IHostApplicationLifetime lifetime, IOptions<EndpointWatchdogOptions> options, TimeProvider time, ILogger<EndpointWatchdog> logger)
    : PeriodicCheck(time, options.Value.CheckEvery, logger), IHealthCheck
{
    private const int AmqpPort = 5672;

    private readonly EndpointWatchdogOptions _options = options.Value;
    // Monotonic timestamps: how long an endpoint has been down is real elapsed time, whatever the service's clock says.
    private readonly Dictionary<Uri, long> _faultedSince = [];
    private readonly HashSet<Uri> _restarted = [];
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

        var endpoints = bus.CheckHealth().Endpoints;
        // The broker is asked only when an endpoint is down, not on every look at a healthy bus.
        if (endpoints.Values.Any(endpoint => endpoint.Status != BusHealthStatus.Healthy) && !await BrokerAnswersAsync(cancellationToken))
        {
            // The broker away is an outage MassTransit waits out, not a fault of the endpoints (nor a reason
            // to replace the process): the time it lasts does not count.
            _faultedSince.Clear();
            return 0;
        }

        var now = Time.GetTimestamp();
        var restarted = 0;
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
                if (endpoint.Status == BusHealthStatus.Healthy)
                {
                    _restarted.Remove(address);
                }

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

            if (_restarted.Contains(address))
            {
                // Restarted a whole bound ago and still down: what holds it is beyond the endpoint (the bus's
                // connection, say), so only a new process mends it.
                _stuck[address] = $"{address} has had no consumer for {faultedFor} since it was restarted ({endpoint.Description})";
                LogStillDown(logger, address, faultedFor, endpoint.Description);
                continue;
            }

            LogRestarting(logger, address, faultedFor, endpoint.Description);
            if (await RestartAsync(endpoint.ReceiveEndpoint, cancellationToken))
            {
                Restarts++;
                restarted++;
                _restarted.Add(address);
            }
            else
            {
                _stuck[address] = $"{address} did not stop within {_options.StopTimeout} to be restarted ({endpoint.Description})";
                LogStuck(logger, address, _options.StopTimeout);
            }

            // A restarted endpoint gets the whole bound again to come back.
            _faultedSince[address] = Time.GetTimestamp();
        }

        return restarted;
    }

    /// <summary>Whether the broker takes a connection on its port now (the bus's own connection may be one it closed).</summary>
    private async Task<bool> BrokerAnswersAsync(CancellationToken cancellationToken)
    {
        if (configuration.GetConnectionString("rabbitmq") is not { } connectionString || !Uri.TryCreate(connectionString, UriKind.Absolute, out var broker))
        {
            return true;
        }

        using var connecting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        connecting.CancelAfter(TimeSpan.FromSeconds(2));
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(broker.Host, broker.IsDefaultPort ? AmqpPort : broker.Port, connecting.Token);
            return true;
        }
        catch (Exception exception) when (exception is SocketException || exception is OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
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

    [LoggerMessage(Level = LogLevel.Critical, Message = "Receive endpoint {Address} has had no consumer for {Down} since the watchdog restarted it; /alive now fails so the process is replaced. Its state: {State}")]
    private static partial void LogStillDown(ILogger logger, Uri address, TimeSpan down, string? state);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Receive endpoint {Address} did not stop within {Timeout} to be restarted; /alive now fails so the process is replaced")]
    private static partial void LogStuck(ILogger logger, Uri address, TimeSpan timeout);
}
