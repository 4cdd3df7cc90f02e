using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Platform.AppHost;

/// <summary>
/// What Kubernetes' liveness probe does in the cluster (deploy/), done here for each process: every
/// <see cref="LookEvery"/> each running instance (replica) of a watched project is asked for its own
/// <c>/alive</c>, at its own address rather than through the proxy in front of its replicas, and one that
/// has answered 503 for <see cref="Patience"/> (it says it cannot mend itself, such as a receive endpoint
/// that lost its consumer for good) is restarted. Only that answer counts: a process that is busy,
/// starting or down is left to its readiness check and to whoever stopped it.
/// </summary>
public sealed partial class LivenessRestarts(
    ResourceNotificationService notifications, ResourceCommandService commands, IHttpClientFactory clients, ILogger<LivenessRestarts> logger)
    : BackgroundService
{
    /// <summary>How often each process is asked, as the cluster's probe period.</summary>
    public static readonly TimeSpan LookEvery = TimeSpan.FromSeconds(5);

    /// <summary>How long a process must have said it is not alive before it is restarted (three looks, as the cluster's probe counts).</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    // Running instances of watched projects by resource id, with the address each listens on itself.
    private readonly ConcurrentDictionary<string, Uri> _running = new();

    // Instance id to when it first said it is not alive, and what it said.
    private readonly ConcurrentDictionary<string, (DateTimeOffset Since, string? Reason)> _notAlive = new();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken) =>
        await Task.WhenAll(FollowInstancesAsync(stoppingToken), LookAndRestartAsync(stoppingToken));

    private async Task FollowInstancesAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var update in notifications.WatchAsync(stoppingToken))
            {
                if (!update.Resource.Annotations.OfType<LivenessAnnotation>().Any())
                {
                    continue;
                }

                if (update.Snapshot.State?.Text == KnownResourceStates.Running && OwnAddress(update.Snapshot) is { } address)
                {
                    _running[update.ResourceId] = address;
                }
                else
                {
                    _running.TryRemove(update.ResourceId, out _);
                    _notAlive.TryRemove(update.ResourceId, out _);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task LookAndRestartAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(LookEvery);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await Task.WhenAll(_running.Select(instance => LookAsync(instance.Key, instance.Value, stoppingToken)));
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

    private async Task LookAsync(string resourceId, Uri address, CancellationToken cancellationToken)
    {
        string? notAlive = null;
        try
        {
            using var response = await clients.CreateClient(nameof(LivenessRestarts)).GetAsync(new Uri(address, "/alive"), cancellationToken);
            if (response.StatusCode == HttpStatusCode.ServiceUnavailable)
            {
                notAlive = await response.Content.ReadAsStringAsync(cancellationToken);
            }
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            // Not answering is the readiness check's to report.
        }

        if (notAlive is null)
        {
            _notAlive.TryRemove(resourceId, out _);
        }
        else if (_running.ContainsKey(resourceId))
        {
            _notAlive.TryAdd(resourceId, (DateTimeOffset.UtcNow, notAlive));
        }
    }

    /// <summary>The instance's own address: the first it was told to listen on, not the proxy's in front of the replicas.</summary>
    public static Uri? OwnAddress(CustomResourceSnapshot snapshot) =>
        snapshot.EnvironmentVariables.FirstOrDefault(variable => variable.Name == "ASPNETCORE_URLS")?.Value?
            .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(url => url.StartsWith("http://", StringComparison.OrdinalIgnoreCase))
            .Select(url => Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri : null)
            .FirstOrDefault(uri => uri is not null);

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

/// <summary>Marks a project whose instances the app host asks for <c>/alive</c>.</summary>
public sealed record LivenessAnnotation : IResourceAnnotation;

public static class LivenessRestartsExtensions
{
    /// <summary>Has <see cref="LivenessRestarts"/> ask each instance of the project for its <c>/alive</c> and restart one that says it is not.</summary>
    public static IResourceBuilder<ProjectResource> WithLivenessRestarts(this IResourceBuilder<ProjectResource> project)
    {
        var builder = project.ApplicationBuilder;
        if (!builder.Services.Any(service => service.ImplementationType == typeof(LivenessRestarts)))
        {
            builder.Services.AddHostedService<LivenessRestarts>();
            builder.Services.AddHttpClient(nameof(LivenessRestarts), client => client.Timeout = TimeSpan.FromSeconds(4));
        }

        return project.WithAnnotation(new LivenessAnnotation());
    }
}
