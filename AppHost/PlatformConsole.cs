using System.Collections.Concurrent;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Platform.AppHost.Servers;

namespace Platform.AppHost;

/// <summary>
/// What <c>./platform up</c> shows in its terminal (the dashboard shows the rest): each resource's changes of
/// state, the last lines of a resource's own log when it ends with an error, and once every resource is
/// healthy, where the gateway and the dashboard are.
/// </summary>
public sealed class PlatformConsole(ResourceNotificationService notifications, ResourceLoggerService logs, DateTime started)
{
    private const int LinesKept = 30;
    private readonly ConcurrentDictionary<string, ConcurrentQueue<string>> _recentLines = new();
    private readonly ConcurrentDictionary<string, string> _lastReported = new();

    // Each instance's latest health, by resource: the announcement waits on what this console sees
    // on its own watch, so it says "all healthy" exactly when every state it printed is healthy.
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, bool>> _healthy = new();
    private readonly TaskCompletionSource _allHealthy = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private IReadOnlyList<string> _watched = [];

    /// <summary>Starts watching before the orchestrator starts the first resource.</summary>
    public static void Follow(IDistributedApplicationBuilder builder, IResourceBuilder<ProjectResource> gateway, PlatformServers servers, PlatformSettings settings)
    {
        var started = DateTime.UtcNow;
        builder.Eventing.Subscribe<BeforeStartEvent>((@event, cancellationToken) =>
        {
            var services = @event.Services;
            var stopping = services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
            var console = new PlatformConsole(services.GetRequiredService<ResourceNotificationService>(), services.GetRequiredService<ResourceLoggerService>(), started)
            {
                _watched = [.. @event.Model.Resources
                    .Where(resource => resource.Name != PlatformResources.DashboardResourceName && resource.Annotations.OfType<HealthCheckAnnotation>().Any())
                    .Select(resource => resource.Name)],
            };
            _ = Task.Run(() => console.WatchStatesAsync(stopping), stopping);
            _ = Task.Run(() => console.AnnounceWhenHealthyAsync(@event.Model, builder, gateway, servers, settings, stopping), stopping);
            return Task.CompletedTask;
        });
    }

    private string Elapsed => $"{(DateTime.UtcNow - started).TotalSeconds,6:0.0} s";

    private async Task WatchStatesAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var change in notifications.WatchAsync(stoppingToken))
            {
                NoteHealth(change);
                if (change.Resource.Name == PlatformResources.DashboardResourceName || change.Snapshot.IsHidden)
                {
                    continue;
                }

                FollowLogOnce(change.ResourceId, stoppingToken);
                var text = change.Snapshot.State?.Text;
                var health = change.Snapshot.HealthStatus is { } status && text == KnownResourceStates.Running ? $" ({status.ToString().ToLowerInvariant()})" : "";
                var pid = change.Snapshot.ProcessId();
                var state = $"{text}{health}{(pid is null || text != KnownResourceStates.Running ? "" : $"  pid {pid}")}";
                if (string.IsNullOrEmpty(text) || _lastReported.TryGetValue(change.ResourceId, out var last) && last == state)
                {
                    continue;
                }

                _lastReported[change.ResourceId] = state;
                Console.WriteLine($"  {Elapsed}  {change.ResourceId,-28} {state}");
                if (change.Snapshot.ExitCode is { } exitCode and not 0 && _recentLines.TryGetValue(change.ResourceId, out var lines))
                {
                    Console.WriteLine($"  {change.ResourceId} exited with code {exitCode}; its last lines:");
                    foreach (var line in lines)
                    {
                        Console.WriteLine($"    | {line}");
                    }
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private void NoteHealth(ResourceEvent change)
    {
        var instances = _healthy.GetOrAdd(change.Resource.Name, _ => new ConcurrentDictionary<string, bool>());
        instances[change.ResourceId] = change.Snapshot.HealthStatus == Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy;
        if (_watched.All(name => _healthy.TryGetValue(name, out var seen) && !seen.IsEmpty && seen.Values.All(healthy => healthy)))
        {
            _allHealthy.TrySetResult();
        }
    }

    private async Task AnnounceWhenHealthyAsync(
        DistributedApplicationModel model, IDistributedApplicationBuilder builder, IResourceBuilder<ProjectResource> gateway,
        PlatformServers servers, PlatformSettings settings, CancellationToken stoppingToken)
    {
        try
        {
            await _allHealthy.Task.WaitAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return;
        }

        var services = model.Resources.OfType<ProjectResource>().Select(project => project.Name).Where(name => name != gateway.Resource.Name);
        var gatewayUrl = new Uri(gateway.Resource.GetEndpoint("http").Url);
        var unrouted = await GatewayRouting.WaitUntilRoutedAsync(gatewayUrl, services, TimeSpan.FromSeconds(30), stoppingToken);
        if (stoppingToken.IsCancellationRequested)
        {
            return;
        }

        if (unrouted.Count > 0)
        {
            Console.WriteLine($"  The gateway does not route to {string.Join(", ", unrouted)} yet.");
        }

        var dashboard = builder.Configuration["ASPNETCORE_URLS"]?.Split(';').FirstOrDefault();
        var token = builder.Configuration["AppHost:BrowserToken"];
        Console.WriteLine();
        Console.WriteLine($"All healthy after {(DateTime.UtcNow - started).TotalSeconds:0.0} s ({settings.Replicas} replica(s) of each service).");
        Console.WriteLine($"  Gateway:    {gateway.Resource.GetEndpoint("http").Url}   (the dashboard; sign in at the identity service)");
        if (model.Resources.OfType<ProjectResource>().FirstOrDefault(project => project.Name == PlatformResources.IdentityResourceName) is { } identity)
        {
            Console.WriteLine($"  Identity:   {identity.GetEndpoint("http").Url}   (tokens: ./platform token --role dfe)");
        }

        if (dashboard is not null && model.Resources.Any(resource => resource.Name == PlatformResources.DashboardResourceName))
        {
            Console.WriteLine($"  Dashboard:  {dashboard}{(token is null ? "" : $"/login?t={token}")}   (logs, traces and metrics of every resource)");
        }

        Console.WriteLine($"  PostgreSQL: {servers.PostgresKind}");
        Console.WriteLine($"  RabbitMQ:   {servers.BrokerKind}");
        Console.WriteLine("Ctrl+C stops everything.");
    }

    private void FollowLogOnce(string resourceId, CancellationToken stoppingToken)
    {
        var lines = new ConcurrentQueue<string>();
        if (!_recentLines.TryAdd(resourceId, lines))
        {
            return;
        }

        _ = Task.Run(async () =>
        {
            try
            {
                await foreach (var batch in logs.WatchAsync(resourceId).WithCancellation(stoppingToken))
                {
                    foreach (var line in batch)
                    {
                        lines.Enqueue(line.Content);
                        while (lines.Count > LinesKept && lines.TryDequeue(out _))
                        {
                        }
                    }
                }
            }
            catch (OperationCanceledException)
            {
            }
        }, stoppingToken);
    }
}
