using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Platform.AppHost;

/// <summary>
/// What Kubernetes' liveness probe does in the cluster (deploy/), done here: a service whose <c>/alive</c>
/// answers 503 (it says it cannot mend itself, such as a receive endpoint that lost its consumer for good)
/// for <see cref="Patience"/> is restarted. Only that answer counts: a service that is busy, starting or
/// down is left to its readiness check and to whoever stopped it.
/// </summary>
public sealed partial class LivenessRestarts(
    ResourceNotificationService notifications, ResourceCommandService commands, ILogger<LivenessRestarts> logger) : BackgroundService
{
    /// <summary>How long a process must have said it is not alive before it is restarted (three of the probe's looks, as the cluster's probe counts).</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    public static string CheckName(string resource) => $"{resource}-alive";

    // Instance id to when it first said it is not alive; the orchestrator reports changes only, so a timer looks again.
    private readonly ConcurrentDictionary<string, (DateTimeOffset Since, string? Reason)> _notAlive = new();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken) =>
        await Task.WhenAll(WatchAsync(stoppingToken), RestartWhenDueAsync(stoppingToken));

    private async Task WatchAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var update in notifications.WatchAsync(stoppingToken))
            {
                if (update.Resource.Annotations.OfType<LivenessAnnotation>().SingleOrDefault() is not { } liveness)
                {
                    continue;
                }

                var report = update.Snapshot.HealthReports.FirstOrDefault(health => health.Name == liveness.CheckName);
                if (update.Snapshot.State?.Text == KnownResourceStates.Running && report?.Status == HealthStatus.Unhealthy)
                {
                    _notAlive.TryAdd(update.ResourceId, (DateTimeOffset.UtcNow, report.Description));
                }
                else
                {
                    _notAlive.TryRemove(update.ResourceId, out _);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task RestartWhenDueAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                foreach (var (resourceId, (since, reason)) in _notAlive)
                {
                    if (DateTimeOffset.UtcNow - since >= Patience && _notAlive.TryRemove(resourceId, out _))
                    {
                        LogRestarting(logger, resourceId, reason);
                        await RestartAsync(resourceId, stoppingToken);
                    }
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task RestartAsync(string resourceId, CancellationToken cancellationToken)
    {
        var restarted = await commands.ExecuteCommandAsync(resourceId, KnownResourceCommands.RestartCommand, cancellationToken);
        if (restarted.Success)
        {
            return;
        }

        // A process that will not stop when asked (what holds its endpoint can hold its shutdown too) is
        // killed and started, as the cluster kills a container at the end of its grace period.
        LogKilling(logger, resourceId, restarted.Message);
        if (notifications.TryGetCurrentState(resourceId, out var state) && state.Snapshot.ProcessId() is { } pid)
        {
            try
            {
                using var process = Process.GetProcessById(pid);
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync(cancellationToken).WaitAsync(KillPatience, cancellationToken);
            }
            catch (ArgumentException)
            {
                // Gone already.
            }
        }

        var ended = DateTimeOffset.UtcNow;
        while (notifications.TryGetCurrentState(resourceId, out var now) && now.Snapshot.State?.Text is { } text
            && (text == KnownResourceStates.Running || text == KnownResourceStates.Stopping) && DateTimeOffset.UtcNow - ended < KillPatience)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken);
        }

        var started = await commands.ExecuteCommandAsync(resourceId, KnownResourceCommands.StartCommand, cancellationToken);
        if (!started.Success)
        {
            LogRestartFailed(logger, resourceId, started.Message);
        }
    }

    private static readonly TimeSpan KillPatience = TimeSpan.FromSeconds(30);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Resource} did not stop when asked ({Reason}); killing it and starting it again")]
    private static partial void LogKilling(ILogger logger, string resource, string? reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Resource} says it is not alive ({Reason}); restarting it, as the cluster's liveness probe would")]
    private static partial void LogRestarting(ILogger logger, string resource, string? reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Resource} could not be restarted: {Reason}")]
    private static partial void LogRestartFailed(ILogger logger, string resource, string? reason);
}

/// <summary>Marks a project whose <c>/alive</c> the app host watches, and names the health check that reads it.</summary>
public sealed record LivenessAnnotation(string CheckName) : IResourceAnnotation;

public static class LivenessRestartsExtensions
{
    /// <summary>
    /// Reads the project's <c>/alive</c> on its http endpoint: unhealthy only when it answers 503, and then
    /// <see cref="LivenessRestarts"/> restarts the project once it has said so for a while.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithLivenessRestarts(this IResourceBuilder<ProjectResource> project)
    {
        var builder = project.ApplicationBuilder;
        if (!builder.Services.Any(service => service.ImplementationType == typeof(LivenessRestarts)))
        {
            builder.Services.AddHostedService<LivenessRestarts>();
            builder.Services.AddHttpClient(nameof(LivenessRestarts), client => client.Timeout = TimeSpan.FromSeconds(5));
        }

        var checkName = LivenessRestarts.CheckName(project.Resource.Name);
        var http = project.GetEndpoint("http");
        builder.Services.AddHealthChecks().Add(new HealthCheckRegistration(
            checkName,
            services => new AliveCheck(services.GetRequiredService<IHttpClientFactory>(), http),
            failureStatus: HealthStatus.Unhealthy,
            tags: null));
        return project.WithAnnotation(new LivenessAnnotation(checkName)).WithHealthCheck(checkName);
    }

    private sealed class AliveCheck(IHttpClientFactory clients, EndpointReference http) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            try
            {
                using var response = await clients.CreateClient(nameof(LivenessRestarts)).GetAsync(new Uri(new Uri(http.Url), "/alive"), cancellationToken);
                return response.StatusCode == HttpStatusCode.ServiceUnavailable
                    ? HealthCheckResult.Unhealthy(await response.Content.ReadAsStringAsync(cancellationToken))
                    : HealthCheckResult.Healthy();
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException or InvalidOperationException)
            {
                // Not answering is the readiness check's to report; liveness restarts only a process that says it is not alive.
                return HealthCheckResult.Healthy();
            }
        }
    }
}
