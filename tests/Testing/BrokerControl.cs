using System.Diagnostics;
using Platform.AppHost.Servers;

namespace Platform.Testing;

/// <summary><c>rabbitmqctl</c> against a private node of the app host's making, given the node's folder.</summary>
public static class BrokerControl
{
    /// <summary>Runs <c>rabbitmqctl</c> with <paramref name="arguments"/> and returns what it printed; throws when it fails.</summary>
    public static async Task<string> RunAsync(string rabbitMqRoot, params string[] arguments)
    {
        var start = new ProcessStartInfo(LocalRabbitMqResource.ControlScript, ["-n", LocalRabbitMqResource.NodeName, .. arguments])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = rabbitMqRoot,
        };
        foreach (var (name, value) in LocalRabbitMqResource.ControlEnvironment(rabbitMqRoot))
        {
            start.Environment[name] = value;
        }

        using var control = Process.Start(start)!;
        var output = control.StandardOutput.ReadToEndAsync();
        var errors = control.StandardError.ReadToEndAsync();
        await control.WaitForExitAsync();
        if (control.ExitCode != 0)
        {
            throw new InvalidOperationException($"rabbitmqctl {string.Join(' ', arguments)} failed ({control.ExitCode}): {await output}{await errors}");
        }

        return await output;
    }

    /// <summary>
    /// What the node holds for each queue (ready and unacknowledged messages, consumers) and each consumer
    /// (its channel, prefetch, and whether it is the queue's single active one), for a failing test's message.
    /// </summary>
    public static async Task<string> QueuesAndConsumersAsync(string rabbitMqRoot)
    {
        try
        {
            var queues = await RunAsync(rabbitMqRoot, "list_queues", "-q", "name", "messages_ready", "messages_unacknowledged", "consumers");
            var consumers = await RunAsync(rabbitMqRoot, "list_consumers", "-q", "queue_name", "channel_pid", "prefetch_count", "active", "activity_status");
            return $"queues (name, ready, unacked, consumers):\n{queues}\nconsumers (queue, channel, prefetch, active, status):\n{consumers}";
        }
        catch (Exception exception) when (exception is InvalidOperationException or IOException or System.ComponentModel.Win32Exception)
        {
            return $"the broker's queues could not be listed: {exception.Message}";
        }
    }
}
