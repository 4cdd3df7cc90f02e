using System.Collections.Concurrent;
using System.Diagnostics;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Platform.AppHost;

/// <summary>
/// On a stop, the gateway and the services stop before PostgreSQL and RabbitMQ. Aspire's orchestrator
/// would stop every resource at once: a service losing its broker and database while it stops waits on
/// them, and a stop took twice as long. With the servers still up, a service drains and closes in a
/// second or two, and the servers then stop with nobody connected.
/// </summary>
internal sealed class ServicesStopFirst(
    DistributedApplicationModel model,
    ResourceNotificationService notifications,
    ResourceCommandService commands,
    ILogger<ServicesStopFirst> logger) : IHostedLifecycleService, IDisposable
{
    /// <summary>The last process of every project instance (replica), by resource id.</summary>
    private readonly ConcurrentDictionary<string, int> _processes = new(StringComparer.Ordinal);

    private readonly CancellationTokenSource _watching = new();

    /// <summary>How long the services are given before the orchestrator stops whatever is left.</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(6);

    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        using var patience = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        patience.CancelAfter(Patience);
        var projects = model.Resources.OfType<ProjectResource>().ToList();
        var running = _processes.Values.Select(RunningProcess).OfType<Process>().ToList();

        // The orchestrator reports a stopped process a few seconds after it has gone, so the stop waits
        // on the processes themselves rather than on the stop commands' answers.
        var stops = projects.Select(project => StopAsync(project, patience.Token)).ToList();
        try
        {
            await Task.WhenAll(running.Select(process => process.WaitForExitAsync(patience.Token))).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            logger.LogDebug("Some services were still running after {Patience}", Patience);
        }
        finally
        {
            await patience.CancelAsync().ConfigureAwait(false);
            await Task.WhenAll(stops).ConfigureAwait(false);
            running.ForEach(process => process.Dispose());
        }
    }

    private async Task FollowProcessesAsync(CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var change in notifications.WatchAsync(cancellationToken).ConfigureAwait(false))
            {
                if (change.Resource is ProjectResource && change.Snapshot.ProcessId() is { } pid)
                {
                    _processes[change.ResourceId] = pid;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static Process? RunningProcess(int pid)
    {
        try
        {
            return Process.GetProcessById(pid);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private async Task StopAsync(ProjectResource project, CancellationToken cancellationToken)
    {
        try
        {
            await commands.ExecuteCommandAsync(project, KnownResourceCommands.StopCommand, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is OperationCanceledException or InvalidOperationException)
        {
            // The orchestrator stops whatever is still running.
            logger.LogDebug(exception, "{Resource} was not stopped ahead of the servers", project.Name);
        }
    }

    public Task StartingAsync(CancellationToken cancellationToken)
    {
        _ = FollowProcessesAsync(_watching.Token);
        return Task.CompletedTask;
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => _watching.CancelAsync();

    public void Dispose() => _watching.Dispose();
}

/// <summary>Registration of <see cref="ServicesStopFirst"/>.</summary>
public static class ServicesStopFirstExtensions
{
    /// <summary>Stops the platform's projects before its servers when the app host stops.</summary>
    public static IDistributedApplicationBuilder StopServicesBeforeServers(this IDistributedApplicationBuilder builder)
    {
        builder.Services.AddHostedService<ServicesStopFirst>();
        return builder;
    }
}
