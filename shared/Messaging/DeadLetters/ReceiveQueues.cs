using System.Collections.Concurrent;

namespace Platform.Messaging.DeadLetters;

/// <summary>The queues this service consumes, as MassTransit configures them; each has an error queue beside it.</summary>
public sealed class ReceiveQueues
{
    private readonly ConcurrentDictionary<string, bool> _names = new(StringComparer.Ordinal);

    public void Add(string queue) => _names.TryAdd(queue, true);

    public IReadOnlyList<string> Names => [.. _names.Keys.Order(StringComparer.Ordinal)];

    public static string ErrorQueueOf(string queue) => $"{queue}_error";
}
